import type { Rect } from '../../shared/board/zones';
import type { Connector } from './linkGeometry';
import { intersects } from './viewport';

/** Size of link labels on screen (CSS px), at every zoom. */
export const LABEL_SCREEN_FONT = 12;
const LABEL_SCREEN_HEIGHT = 18;
const LABEL_SCREEN_PAD_X = 5;
/** Clear space kept between a label and any note, CSS px. */
const LABEL_SCREEN_MARGIN = 3;
/** Where along the connector a label may sit, most preferred first: the middle, then outwards. */
const ALONG = [0.5, 0.4, 0.6, 0.3, 0.7, 0.2, 0.8, 0.1, 0.9];

/** A label's box on the board, and its text. */
export interface PlacedLabel {
  id: string;
  text: string;
  x: number;
  y: number;
  w: number;
  h: number;
}

/**
 * Places each connector's label where it covers no note (so never any note's text) and no other
 * label: just beside the line between the notes' edges, trying the middle first. A
 * label with no such place is left out (`null`); the canvas shows it as a tooltip on hover.
 * `notesNear` returns the notes over an area (a spatial index), so this costs a few queries per link.
 */
export function placeLinkLabels(
  connectors: readonly Connector[],
  labelOf: (connector: Connector) => string,
  notesNear: (area: Rect) => readonly Rect[],
  scale: number,
  measure: (text: string, fontSize: number) => number,
): Map<string, PlacedLabel | null> {
  const unit = 1 / scale;
  const placed = new Map<string, PlacedLabel | null>();
  const taken: Rect[] = [];
  const margin = LABEL_SCREEN_MARGIN * unit;
  const free = (box: Rect): boolean => {
    const grown = { x: box.x - margin, y: box.y - margin, w: box.w + 2 * margin, h: box.h + 2 * margin };
    return !notesNear(grown).some((note) => intersects(note, grown)) && !taken.some((other) => intersects(other, grown));
  };
  for (const connector of connectors) {
    const text = labelOf(connector);
    const w = (measure(text, LABEL_SCREEN_FONT) + 2 * LABEL_SCREEN_PAD_X) * unit;
    const h = LABEL_SCREEN_HEIGHT * unit;
    const dx = connector.end.x - connector.start.x;
    const dy = connector.end.y - connector.start.y;
    const length = Math.hypot(dx, dy) || 1;
    // Unit normal to the line, pointing up (or left): a label sits beside the line, above it first,
    // so the line itself stays visible end to end.
    const flip = dx / length > 0 || (dx === 0 && dy < 0) ? -1 : 1;
    const nx = (flip * -dy) / length;
    const ny = (flip * dx) / length;
    const aside = Math.abs(nx) * (w / 2) + Math.abs(ny) * (h / 2) + 3 * unit;
    let found: PlacedLabel | null = null;
    search: for (const t of ALONG) {
      const cx = connector.start.x + dx * t;
      const cy = connector.start.y + dy * t;
      for (const offset of [aside, -aside]) {
        const box = { x: cx + nx * offset - w / 2, y: cy + ny * offset - h / 2, w, h };
        if (free(box)) {
          found = { id: connector.id, text, ...box };
          break search;
        }
      }
    }
    if (found) taken.push(found);
    placed.set(connector.id, found);
  }
  return placed;
}
