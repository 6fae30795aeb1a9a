import type { Zone } from '../../shared/board/zones';

/** The zones' look, shared by the Konva shapes (ZoneShapes) and the first-paint preview (preview/). */
export const ZONE_FILLS: Readonly<Record<Zone, string>> = {
  who: '#eef3f8',
  need: '#f6f1ea',
  there: '#eef6ef',
};

export const ZONE_STROKE = '#cfd8dc';
const HIGHLIGHT_STROKE = '#f9a825';

/** A zone's frame: bold and amber for the current meeting phase's zone. */
export function zoneStroke(highlighted: boolean): { color: string; width: number } {
  return highlighted ? { color: HIGHLIGHT_STROKE, width: 16 } : { color: ZONE_STROKE, width: 2 };
}
