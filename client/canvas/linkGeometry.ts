import type { LinkKind, LinkView } from '../../shared/board/links';
import { LINK_ZONES } from '../../shared/board/links';
import type { NoteView } from '../../shared/board/note';
import type { Rect, Zone } from '../../shared/board/zones';
import { intersects } from './viewport';

/** Radius of the link handle and of a connector's delete button on screen (CSS px), at every zoom. */
export const LINK_HANDLE_SCREEN_RADIUS = 8;
export const LINK_DELETE_SCREEN_RADIUS = 10;
/** How close (CSS px) a click must come to a connector to select it. */
export const LINK_HIT_SCREEN_DISTANCE = 6;

export interface Point {
  x: number;
  y: number;
}

/** A connector ready to draw: from the edge of one note to the edge of the other, in board units. */
export interface Connector {
  id: string;
  kind: LinkKind;
  from: string;
  to: string;
  start: Point;
  end: Point;
}

export function centre(rect: Rect): Point {
  return { x: rect.x + rect.w / 2, y: rect.y + rect.h / 2 };
}

/** Where the line from the centre of `rect` towards `target` crosses the rect's edge. */
export function edgeAnchor(rect: Rect, target: Point): Point {
  const c = centre(rect);
  const dx = target.x - c.x;
  const dy = target.y - c.y;
  if (dx === 0 && dy === 0) return c;
  const tx = dx === 0 ? Infinity : rect.w / 2 / Math.abs(dx);
  const ty = dy === 0 ? Infinity : rect.h / 2 / Math.abs(dy);
  const t = Math.min(tx, ty, 1);
  return { x: c.x + dx * t, y: c.y + dy * t };
}

/** The two edge points a connector between two notes joins. */
export function connectorEnds(from: Rect, to: Rect): { start: Point; end: Point } {
  return { start: edgeAnchor(from, centre(to)), end: edgeAnchor(to, centre(from)) };
}

/** The box a connector's segment covers, for culling. */
export function segmentBounds(a: Point, b: Point): Rect {
  return { x: Math.min(a.x, b.x), y: Math.min(a.y, b.y), w: Math.abs(a.x - b.x), h: Math.abs(a.y - b.y) };
}

/**
 * The connectors to draw: links whose segment's box meets the cull rect, with each end at its
 * note's current place — `place` lets a note being dragged (not yet moved in the model) pull its
 * connectors along.
 */
export function visibleConnectors(
  links: readonly LinkView[],
  byId: ReadonlyMap<string, NoteView>,
  cull: Rect,
  place: (note: NoteView) => Rect = (note) => note,
): Connector[] {
  const out: Connector[] = [];
  for (const link of links) {
    const from = byId.get(link.from);
    const to = byId.get(link.to);
    if (!from || !to) continue;
    const { start, end } = connectorEnds(place(from), place(to));
    // A zero-width box (vertical segment) still counts: widen it by a hair before testing.
    const box = segmentBounds(start, end);
    if (!intersects({ x: box.x - 1, y: box.y - 1, w: box.w + 2, h: box.h + 2 }, cull)) continue;
    out.push({ id: link.id, kind: link.kind, from: link.from, to: link.to, start, end });
  }
  return out;
}

export function distanceToSegment(p: Point, a: Point, b: Point): number {
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const length2 = dx * dx + dy * dy;
  const t = length2 === 0 ? 0 : Math.max(0, Math.min(1, ((p.x - a.x) * dx + (p.y - a.y) * dy) / length2));
  return Math.hypot(p.x - (a.x + t * dx), p.y - (a.y + t * dy));
}

/** The connector nearest a board point within the click tolerance, or null. */
export function connectorAt(connectors: readonly Connector[], point: Point, scale: number): Connector | null {
  let best: Connector | null = null;
  let bestDistance = LINK_HIT_SCREEN_DISTANCE / scale;
  for (const connector of connectors) {
    const d = distanceToSegment(point, connector.start, connector.end);
    if (d <= bestDistance) {
      best = connector;
      bestDistance = d;
    }
  }
  return best;
}

export function midpointOf(connector: Pick<Connector, 'start' | 'end'>): Point {
  return { x: (connector.start.x + connector.end.x) / 2, y: (connector.start.y + connector.end.y) / 2 };
}

/** Whether links can start from a note in this zone (a need, or one of us). */
/** A connector's delete button, at its midpoint (drawn on the selected connector where links may be deleted). */
export function deleteButton(connector: Pick<Connector, 'start' | 'end'>, scale: number): { x: number; y: number; r: number } {
  return { ...midpointOf(connector), r: LINK_DELETE_SCREEN_RADIUS / scale };
}

export function isLinkSource(zone: Zone): boolean {
  return Object.values(LINK_ZONES).some((zones) => zones.from === zone);
}

/**
 * The link handle of a note: a small circle centred on its right edge, the side that faces the zone
 * its links go to (who → need → there, left to right).
 */
export function linkHandle(note: Rect, scale: number): { x: number; y: number; r: number } {
  return { x: note.x + note.w, y: note.y + note.h / 2, r: LINK_HANDLE_SCREEN_RADIUS / scale };
}

export function inCircle(point: Point, circle: { x: number; y: number; r: number }, slack = 1.4): boolean {
  return Math.hypot(point.x - circle.x, point.y - circle.y) <= circle.r * slack;
}

/**
 * The arrowhead at `end`, as a closed triangle's points (tip first). Drawn with Konva's Line: its
 * Arrow class brings in Konva's whole SVG path parser, a few kB of the board page's first download
 * for one triangle.
 */
export function arrowHead(start: Point, end: Point, length: number, width: number): number[] {
  const dx = end.x - start.x;
  const dy = end.y - start.y;
  const distance = Math.hypot(dx, dy) || 1;
  const ux = dx / distance;
  const uy = dy / distance;
  const base = { x: end.x - ux * length, y: end.y - uy * length };
  const half = width / 2;
  return [end.x, end.y, base.x - uy * half, base.y + ux * half, base.x + uy * half, base.y - ux * half];
}
