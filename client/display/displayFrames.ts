import type { NoteView } from '../../shared/board/note';
import { BOARD_HEIGHT, BOARD_WIDTH, ZONES, zoneRect, type Rect, type Zone } from '../../shared/board/zones';
import type { Viewport } from '../canvas/viewport';

/**
 * What the shared screen shows, as a list of frames: the whole board when every note can be drawn
 * legibly at once, else one zone at a time, and a zone in pages when even one zone is too much.
 * Pure and O(n) in notes per plan (plus one sort of the pages), so it can run on every change.
 */
export interface DisplayFrame {
  /** Stable while the same zone and page are shown, whatever the notes inside do. */
  readonly key: string;
  /** The zone shown alone, or `null` for the whole board. */
  readonly zone: Zone | null;
  /** 1-based page of the zone, of `pages`. */
  readonly page: number;
  readonly pages: number;
  /** The board area to show. */
  readonly rect: Rect;
  /**
   * The notes drawn in this frame. Notes of other zones or pages are left out rather than cut at the
   * screen's edge: each is shown whole in its own frame.
   */
  readonly notes: readonly NoteView[];
  /** Board → screen scale: at least what makes the smallest text of `notes` legible, where possible. */
  readonly scale: number;
}

export interface ScreenSize {
  width: number;
  height: number;
}

/** A frame shows its notes at most this much larger than legible, so two notes are not poster-sized. */
export const MAX_ENLARGEMENT = 2;
/** Empty space kept around a frame's notes, as a share of the screen's height. */
const MARGIN_SHARE = 0.03;

function margin(size: ScreenSize): number {
  return Math.round(Math.min(size.width, size.height) * MARGIN_SHARE);
}

function bounds(notes: readonly NoteView[]): Rect {
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  for (const note of notes) {
    x0 = Math.min(x0, note.x);
    y0 = Math.min(y0, note.y);
    x1 = Math.max(x1, note.x + note.w);
    y1 = Math.max(y1, note.y + note.h);
  }
  return { x: x0, y: y0, w: x1 - x0, h: y1 - y0 };
}

/** `rect` stretched up to the top of the board, so the zone titles above the notes show too. */
function titled(rect: Rect): Rect {
  const top = Math.min(0, rect.y);
  return { x: rect.x, y: top, w: rect.w, h: rect.y + rect.h - top };
}

/** The largest scale at which `rect` fits the screen inside the margin. */
function fitScale(rect: Rect, size: ScreenSize): number {
  const m = margin(size);
  return Math.min((size.width - 2 * m) / Math.max(1, rect.w), (size.height - 2 * m) / Math.max(1, rect.h));
}

function minFont(notes: readonly NoteView[], fontOf: (note: NoteView) => number): number {
  let min = Infinity;
  for (const note of notes) min = Math.min(min, fontOf(note));
  return min;
}

function frame(key: string, zone: Zone | null, page: number, pages: number, rect: Rect, notes: readonly NoteView[], needed: number, size: ScreenSize): DisplayFrame {
  const fit = fitScale(rect, size);
  return { key, zone, page, pages, rect, notes, scale: Math.min(fit, needed * MAX_ENLARGEMENT) };
}

/**
 * A zone's notes in pages that each fit the screen at `needed`: the notes are put in a grid by their
 * centres, with cells smaller than a screen by the largest note, so every note of a cell fits whole.
 * A note too big for the screen by itself gets a page of its own (shown smaller: it cannot be helped).
 */
function zonePages(zone: Zone, notes: readonly NoteView[], needed: number, size: ScreenSize): DisplayFrame[] {
  const m = margin(size);
  const pageW = (size.width - 2 * m) / needed;
  const pageH = (size.height - 2 * m) / needed;
  const solo: NoteView[] = [];
  const gridded: NoteView[] = [];
  let maxW = 0;
  let maxH = 0;
  let cx0 = Infinity;
  let cx1 = -Infinity;
  let cy0 = Infinity;
  let cy1 = -Infinity;
  for (const note of notes) {
    if (note.w >= pageW || note.h >= pageH) {
      solo.push(note);
      continue;
    }
    gridded.push(note);
    maxW = Math.max(maxW, note.w);
    maxH = Math.max(maxH, note.h);
    const cx = note.x + note.w / 2;
    const cy = note.y + note.h / 2;
    cx0 = Math.min(cx0, cx);
    cx1 = Math.max(cx1, cx);
    cy0 = Math.min(cy0, cy);
    cy1 = Math.max(cy1, cy);
  }
  const cols = Math.max(1, Math.ceil((cx1 - cx0) / (pageW - maxW) - 1e-9));
  const rows = Math.max(1, Math.ceil((cy1 - cy0) / (pageH - maxH) - 1e-9));
  const stepX = (cx1 - cx0) / cols || 1;
  const stepY = (cy1 - cy0) / rows || 1;
  const cells = new Map<number, NoteView[]>();
  for (const note of gridded) {
    const col = Math.min(cols - 1, Math.floor((note.x + note.w / 2 - cx0) / stepX));
    const row = Math.min(rows - 1, Math.floor((note.y + note.h / 2 - cy0) / stepY));
    const index = row * cols + col;
    const cell = cells.get(index);
    if (cell) cell.push(note);
    else cells.set(index, [note]);
  }
  // Reading order: row by row, left to right; then the oversized notes, top to bottom.
  const ordered = [...cells.entries()].sort((a, b) => a[0] - b[0]).map(([, cell]) => cell);
  for (const note of [...solo].sort((a, b) => a.y - b.y || a.x - b.x)) ordered.push([note]);
  return ordered.map((cell, i) => frame(`${zone}:${i + 1}/${ordered.length}`, zone, i + 1, ordered.length, bounds(cell), cell, needed, size));
}

/**
 * The frames for `notes` on a screen (canvas) of `size`, given the text size that reads from the back
 * of the room (`textPx`, CSS px) and the font size each note is drawn at (board px).
 * One frame: everything fits. Otherwise the zones in order, each in one or more pages; an empty zone
 * still has a frame (its title and prompt), for following the phase.
 */
export function planFrames(notes: readonly NoteView[], size: ScreenSize, textPx: number, fontOf: (note: NoteView) => number): DisplayFrame[] {
  if (size.width <= 0 || size.height <= 0) return [];
  const whole = { x: 0, y: 0, w: BOARD_WIDTH, h: BOARD_HEIGHT };
  if (notes.length === 0) return [frame('all', null, 1, 1, whole, notes, Infinity, size)];
  const needed = textPx / minFont(notes, fontOf);
  const all = bounds(notes);
  for (const rect of [titled(all), all]) {
    if (fitScale(rect, size) >= needed) return [frame('all', null, 1, 1, rect, notes, needed, size)];
  }
  const byZone = new Map<Zone, NoteView[]>(ZONES.map((zone) => [zone, []]));
  for (const note of notes) byZone.get(note.zone)?.push(note);
  const frames: DisplayFrame[] = [];
  for (const zone of ZONES) {
    const zoneNotes = byZone.get(zone)!;
    if (zoneNotes.length === 0) {
      frames.push(frame(`${zone}:1/1`, zone, 1, 1, zoneRect(zone), zoneNotes, Infinity, size));
      continue;
    }
    const zoneNeeded = textPx / minFont(zoneNotes, fontOf);
    // The zone's name is above, large, on the screen's band: the board's own title is not repeated.
    const rect = bounds(zoneNotes);
    if (fitScale(rect, size) >= zoneNeeded) frames.push(frame(`${zone}:1/1`, zone, 1, 1, rect, zoneNotes, zoneNeeded, size));
    else frames.push(...zonePages(zone, zoneNotes, zoneNeeded, size));
  }
  return frames;
}

/**
 * The viewport that shows a frame on a screen of `size`: centred across, and from the top down like
 * a page (a short frame leaves its space below, not split above and below).
 */
export function frameViewport(frame: DisplayFrame, size: ScreenSize): Viewport {
  const { rect, scale } = frame;
  const top = Math.min(margin(size), (size.height - rect.h * scale) / 2);
  return { scale, x: size.width / 2 - (rect.x + rect.w / 2) * scale, y: top - rect.y * scale };
}
