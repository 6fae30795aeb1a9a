import type { NoteView } from '../../shared/board/note';
import type { Rect } from '../../shared/board/zones';
import { NoteIndex } from './noteIndex';
import { paintNote } from './notePainter';
import { MAX_NOTE_FONT } from './noteText';
import { scaleBucket } from './noteCache';
import { noteFontSize, type ZoneFonts } from './zoneFonts';

/** Side of a tile's bitmap in device pixels. Small enough that painting one fits in a frame. */
export const TILE_PIXELS = 256;
/** Device pixels of neighbouring content painted around each tile, so scaled copies leave no seams. */
const GUTTER = 2;
/** Painting new tiles stops after this long in one frame; the rest show as plain notes for a frame or two. */
const PAINT_BUDGET_MS = 2.5;
/** Tiles kept beyond those on screen, so panning back and forth repaints nothing. */
const MIN_KEPT_TILES = 96;

interface Tile {
  canvas: HTMLCanvasElement;
  /** Device pixels per board pixel. */
  k: number;
}

/** Tile grid coordinates covering a board rect at `k` device pixels per board pixel. */
export function tileRange(area: Rect, k: number): { x0: number; y0: number; x1: number; y1: number; size: number } {
  const size = TILE_PIXELS / k;
  return {
    size,
    x0: Math.floor(area.x / size),
    y0: Math.floor(area.y / size),
    x1: Math.floor((area.x + area.w) / size),
    y1: Math.floor((area.y + area.h) / size),
  };
}

/**
 * The resting notes painted into bitmap tiles, one set per zoom step (quarter octave). A frame
 * copies the tiles on screen; a changed note repaints only the tiles under its old and new place.
 */
export class NoteTiles {
  readonly index = new NoteIndex();
  /** Insertion order is use order: the first entries are the least recently drawn. */
  private readonly tiles = new Map<string, Tile>();
  /** Zoom steps (device pixels per board pixel) that have tiles, for invalidation. */
  private readonly levels = new Map<number, number>();
  private hidden: ReadonlySet<string> = new Set();
  private readonly pool: HTMLCanvasElement[] = [];
  /** Each zone's font size (zoneFonts.ts) and the text layout version the tiles were painted with. */
  private fonts: ZoneFonts | null = null;
  private layoutVersion = -1;

  /**
   * Takes the model's notes, the ids drawn elsewhere (dragged, edited), the zones' font sizes and
   * the text layout version; repaints what changed.
   */
  update(notes: readonly NoteView[], hidden: ReadonlySet<string>, fonts: ZoneFonts, layoutVersion: number): void {
    if (layoutVersion !== this.layoutVersion) {
      // Fonts changed: every painted word may have moved.
      for (const key of [...this.tiles.keys()]) this.drop(key);
      this.layoutVersion = layoutVersion;
    }
    const previous = this.fonts;
    this.fonts = fonts;
    for (const rect of this.index.update(notes)) this.invalidate(rect);
    if (previous && previous !== fonts) {
      // A zone's size changed (a note grew past it): that zone's notes are drawn afresh.
      for (const note of notes) if (!note.large && previous[note.zone] !== fonts[note.zone]) this.invalidate(note);
    }
    if (hidden !== this.hidden) {
      for (const id of hidden) if (!this.hidden.has(id)) this.invalidateNote(id);
      for (const id of this.hidden) if (!hidden.has(id)) this.invalidateNote(id);
      this.hidden = hidden;
    }
  }

  private invalidateNote(id: string): void {
    const note = this.index.get(id);
    if (note) this.invalidate(note);
  }

  /** Drops the tiles (at every zoom step) that show any part of `rect`. */
  invalidate(rect: Rect): void {
    for (const k of this.levels.keys()) {
      // The gutter and the hairline frame reach a little past a note's edge.
      const margin = (GUTTER + 2) / k + 1;
      const r = tileRange({ x: rect.x - margin, y: rect.y - margin, w: rect.w + 2 * margin, h: rect.h + 2 * margin }, k);
      for (let ix = r.x0; ix <= r.x1; ix++) for (let iy = r.y0; iy <= r.y1; iy++) this.drop(`${k}:${ix}:${iy}`);
    }
  }

  /** Drops every tile, at every zoom step: the notes' look changed everywhere (a font arrived). */
  clear(): void {
    for (const key of [...this.tiles.keys()]) this.drop(key);
  }

  private drop(key: string): void {
    const tile = this.tiles.get(key);
    if (!tile) return;
    this.tiles.delete(key);
    const count = (this.levels.get(tile.k) ?? 1) - 1;
    if (count <= 0) this.levels.delete(tile.k);
    else this.levels.set(tile.k, count);
    if (this.pool.length < 16) this.pool.push(tile.canvas);
  }

  /**
   * Draws the notes over `area` (the visible board) onto `ctx`, whose transform maps board pixels.
   * Returns false when some tiles were not painted yet, so the caller draws again next frame.
   */
  draw(ctx: CanvasRenderingContext2D, area: Rect, scale: number, devicePixelRatio: number): boolean {
    const level = scaleBucket(scale);
    const k = level * devicePixelRatio;
    const r = tileRange(area, k);
    const deadline = performance.now() + PAINT_BUDGET_MS;
    let complete = true;
    // Half a device pixel of overlap between neighbouring tiles hides the seam antialiasing leaves.
    const overlap = 0.5 / (scale * devicePixelRatio);
    const sourceOverlap = overlap * k;
    for (let iy = r.y0; iy <= r.y1; iy++) {
      for (let ix = r.x0; ix <= r.x1; ix++) {
        const key = `${k}:${ix}:${iy}`;
        let tile = this.tiles.get(key);
        if (tile) {
          this.tiles.delete(key);
          this.tiles.set(key, tile);
        } else if (performance.now() < deadline) {
          tile = this.paint(key, ix, iy, r.size, k, level);
        }
        const x = ix * r.size;
        const y = iy * r.size;
        if (tile) {
          ctx.drawImage(
            tile.canvas,
            GUTTER - sourceOverlap,
            GUTTER - sourceOverlap,
            TILE_PIXELS + 2 * sourceOverlap,
            TILE_PIXELS + 2 * sourceOverlap,
            x - overlap,
            y - overlap,
            r.size + 2 * overlap,
            r.size + 2 * overlap,
          );
        } else {
          complete = false;
          this.drawStandIn(ctx, { x, y, w: r.size, h: r.size }, k);
        }
      }
    }
    const visible = (r.x1 - r.x0 + 1) * (r.y1 - r.y0 + 1);
    const keep = Math.max(MIN_KEPT_TILES, 3 * visible);
    for (const key of this.tiles.keys()) {
      if (this.tiles.size <= keep) break;
      this.drop(key);
    }
    return complete;
  }

  /**
   * A stand-in for a tile not painted yet: the nearest zoom step's tiles over the same area when
   * they are all there (while zooming, the previous step, slightly scaled), else the notes as flat
   * colour with whatever that step has painted drawn over them.
   */
  private drawStandIn(ctx: CanvasRenderingContext2D, area: Rect, k: number): void {
    let nearest: number | null = null;
    for (const other of this.levels.keys()) {
      if (other !== k && (nearest === null || Math.abs(Math.log(other / k)) < Math.abs(Math.log(nearest / k)))) nearest = other;
    }
    const found: [Tile, number, number, number][] = [];
    let covered = false;
    if (nearest !== null) {
      const r = tileRange(area, nearest);
      covered = true;
      for (let ix = r.x0; ix <= r.x1; ix++) {
        for (let iy = r.y0; iy <= r.y1; iy++) {
          const tile = this.tiles.get(`${nearest}:${ix}:${iy}`);
          if (tile) found.push([tile, ix * r.size, iy * r.size, r.size]);
          else covered = false;
        }
      }
    }
    ctx.save();
    ctx.beginPath();
    ctx.rect(area.x, area.y, area.w, area.h);
    ctx.clip();
    if (!covered) {
      for (const note of this.index.query(area)) {
        if (this.hidden.has(note.id)) continue;
        ctx.fillStyle = note.color;
        ctx.fillRect(note.x, note.y, note.w, note.h);
      }
    }
    for (const [tile, x, y, size] of found) ctx.drawImage(tile.canvas, GUTTER, GUTTER, TILE_PIXELS, TILE_PIXELS, x, y, size, size);
    ctx.restore();
  }

  private fontOf(note: NoteView): number {
    return this.fonts ? noteFontSize(note, this.fonts) : MAX_NOTE_FONT;
  }

  private paint(key: string, ix: number, iy: number, size: number, k: number, level: number): Tile {
    const canvas = this.pool.pop() ?? document.createElement('canvas');
    const side = TILE_PIXELS + 2 * GUTTER;
    if (canvas.width !== side) canvas.width = side;
    if (canvas.height !== side) canvas.height = side;
    const ctx = canvas.getContext('2d')!;
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.clearRect(0, 0, side, side);
    const x0 = ix * size;
    const y0 = iy * size;
    ctx.setTransform(k, 0, 0, k, GUTTER - x0 * k, GUTTER - y0 * k);
    const g = GUTTER / k;
    for (const note of this.index.query({ x: x0 - g, y: y0 - g, w: size + 2 * g, h: size + 2 * g })) {
      if (!this.hidden.has(note.id)) paintNote(ctx, note, level, this.fontOf(note));
    }
    const tile = { canvas, k };
    this.tiles.set(key, tile);
    this.levels.set(k, (this.levels.get(k) ?? 0) + 1);
    return tile;
  }
}
