import { BOARD_HEIGHT, BOARD_WIDTH, type Rect } from '../../shared/board/zones';

/** Screen = board × scale + (x, y). */
export interface Viewport {
  x: number;
  y: number;
  scale: number;
}

export const MIN_SCALE = 0.05;
export const MAX_SCALE = 4;
export const ZOOM_STEP = 1.25;

export function clampScale(scale: number): number {
  return Math.min(MAX_SCALE, Math.max(MIN_SCALE, scale));
}

export function toBoard(viewport: Viewport, screen: { x: number; y: number }): { x: number; y: number } {
  return { x: (screen.x - viewport.x) / viewport.scale, y: (screen.y - viewport.y) / viewport.scale };
}

export function toScreen(viewport: Viewport, board: { x: number; y: number }): { x: number; y: number } {
  return { x: board.x * viewport.scale + viewport.x, y: board.y * viewport.scale + viewport.y };
}

/** Zooms so that the board point under `anchor` (screen) stays under it. */
export function zoomAt(viewport: Viewport, anchor: { x: number; y: number }, scale: number): Viewport {
  const next = clampScale(scale);
  const point = toBoard(viewport, anchor);
  return { scale: next, x: anchor.x - point.x * next, y: anchor.y - point.y * next };
}

/** The viewport that shows `rect` whole inside a screen of `size`, with a margin. */
export function fitRect(rect: Rect, size: { width: number; height: number }, margin = 24): Viewport {
  const scale = clampScale(
    Math.min((size.width - 2 * margin) / rect.w, (size.height - 2 * margin) / rect.h),
  );
  return {
    scale,
    x: (size.width - rect.w * scale) / 2 - rect.x * scale,
    y: (size.height - rect.h * scale) / 2 - rect.y * scale,
  };
}

export function fitBoard(size: { width: number; height: number }): Viewport {
  return fitRect({ x: 0, y: 0, w: BOARD_WIDTH, h: BOARD_HEIGHT }, size);
}

/** The board area visible on screen. */
export function visibleBoardRect(viewport: Viewport, size: { width: number; height: number }): Rect {
  const topLeft = toBoard(viewport, { x: 0, y: 0 });
  return { x: topLeft.x, y: topLeft.y, w: size.width / viewport.scale, h: size.height / viewport.scale };
}

/**
 * The area notes are culled against: the visible rect plus a small margin, snapped to a grid of a
 * sixteenth of the screen. Konva draws every node it holds whether on screen or not, so the margin is
 * kept small; the snapping means the rendered set changes only every few frames while panning.
 */
export function cullRect(viewport: Viewport, size: { width: number; height: number }): Rect {
  const visible = visibleBoardRect(viewport, size);
  // A fine grid with a two-step margin: each change brings in a thin strip of notes, so the work of
  // mounting (and caching) new notes is spread over many frames instead of spiking in one.
  const step = Math.max(visible.w, visible.h) / 16;
  const x0 = Math.floor(visible.x / step) * step - 2 * step;
  const y0 = Math.floor(visible.y / step) * step - 2 * step;
  const x1 = Math.ceil((visible.x + visible.w) / step) * step + 2 * step;
  const y1 = Math.ceil((visible.y + visible.h) / step) * step + 2 * step;
  return { x: x0, y: y0, w: x1 - x0, h: y1 - y0 };
}

export function intersects(a: Rect, b: Rect): boolean {
  return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

export function sameRect(a: Rect, b: Rect): boolean {
  return a.x === b.x && a.y === b.y && a.w === b.w && a.h === b.h;
}

/** Normalises a drag between two points into a rect with positive size. */
export function rectFromPoints(a: { x: number; y: number }, b: { x: number; y: number }): Rect {
  return { x: Math.min(a.x, b.x), y: Math.min(a.y, b.y), w: Math.abs(a.x - b.x), h: Math.abs(a.y - b.y) };
}
