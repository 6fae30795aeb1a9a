import { ZONE_HEADER_HEIGHT, zoneRect, type Rect, type Zone } from './zones';

const PADDING = 30;
const SPACING = 20;

function overlaps(a: Rect, b: Rect): boolean {
  return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

/**
 * The first free cell of a grid laid over the zone, reading order. When the zone is full the note
 * goes below everything, so a new note never hides an existing one.
 */
export function findFreeSpot(zone: Zone, occupied: readonly Rect[], w: number, h: number): { x: number; y: number } {
  const area = zoneRect(zone);
  const left = area.x + PADDING;
  const top = area.y + ZONE_HEADER_HEIGHT;
  const columns = Math.max(1, Math.floor((area.w - 2 * PADDING + SPACING) / (w + SPACING)));
  const rows = Math.max(1, Math.floor((area.h - ZONE_HEADER_HEIGHT - PADDING + SPACING) / (h + SPACING)));
  const inZone = occupied.filter((rect) => overlaps(rect, area));
  for (let row = 0; row < rows; row++) {
    for (let column = 0; column < columns; column++) {
      const candidate = { x: left + column * (w + SPACING), y: top + row * (h + SPACING), w, h };
      if (!inZone.some((rect) => overlaps(rect, candidate))) return { x: candidate.x, y: candidate.y };
    }
  }
  const bottom = inZone.reduce((max, rect) => Math.max(max, rect.y + rect.h), top);
  return { x: left, y: bottom + SPACING };
}
