import { ZONES, zoneRect, type Rect } from '../../shared/board/zones';

/** Empty board around the drawing in an exported image, board pixels. */
export const EXPORT_MARGIN = 40;
/** Chromium refuses canvases wider or taller than 16384 px and larger than about 268M px. */
const MAX_CANVAS_SIDE = 16_000;
const MAX_CANVAS_AREA = 120_000_000;

/** The whole board: every zone and every note, wherever it was dragged, with a margin. */
export function boardBounds(notes: readonly Rect[], margin = EXPORT_MARGIN): Rect {
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  for (const rect of [...ZONES.map(zoneRect), ...notes]) {
    x0 = Math.min(x0, rect.x);
    y0 = Math.min(y0, rect.y);
    x1 = Math.max(x1, rect.x + rect.w);
    y1 = Math.max(y1, rect.y + rect.h);
  }
  return { x: Math.floor(x0 - margin), y: Math.floor(y0 - margin), w: Math.ceil(x1 - x0 + 2 * margin), h: Math.ceil(y1 - y0 + 2 * margin) };
}

/**
 * The pixel ratio to export `area` at: `wanted` unless notes dragged far away make the image
 * larger than a browser canvas can be, then as much as still fits.
 */
export function exportPixelRatio(area: Rect, wanted = 2): number {
  return Math.min(wanted, MAX_CANVAS_SIDE / area.w, MAX_CANVAS_SIDE / area.h, Math.sqrt(MAX_CANVAS_AREA / (area.w * area.h)));
}
