import type { NoteView } from '../../shared/board/note';
import type { Rect } from '../../shared/board/zones';
import { intersects } from './viewport';

/** Side of one grid cell of the index, board pixels: a few notes wide. */
const CELL = 512;

/**
 * The model's stacking order (oldest first), which depends only on fields a note never changes:
 * so two notes never swap places, and only added, changed or removed notes need repainting.
 */
function stackingOrder(a: NoteView, b: NoteView): number {
  return a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

function cellKey(cx: number, cy: number): string {
  return `${cx},${cy}`;
}

/**
 * The notes in a grid of board cells, so that the notes over a small area are found without
 * looking at every note. Updated from the model's board states by identity (a changed note is a new
 * NoteView), and reports the board areas whose drawing changed, so only those are repainted.
 */
export class NoteIndex {
  private readonly cells = new Map<string, NoteView[]>();
  private byId = new Map<string, NoteView>();

  get size(): number {
    return this.byId.size;
  }

  get(id: string): NoteView | undefined {
    return this.byId.get(id);
  }

  /**
   * Takes the model's new notes and returns the rects (old and new places) of every note that was
   * added, changed or removed. One pass of identity checks; cell work only for changed notes.
   */
  update(notes: readonly NoteView[]): Rect[] {
    const dirty: Rect[] = [];
    const next = new Map<string, NoteView>();
    for (const note of notes) {
      next.set(note.id, note);
      const old = this.byId.get(note.id);
      if (old === note) continue;
      if (old) {
        this.remove(old);
        dirty.push(old);
      }
      this.insert(note);
      dirty.push(note);
    }
    for (const [id, old] of this.byId) {
      if (!next.has(id)) {
        this.remove(old);
        dirty.push(old);
      }
    }
    this.byId = next;
    return dirty;
  }

  /** Notes that intersect `area`, in stacking order. */
  query(area: Rect): NoteView[] {
    const found = new Set<NoteView>();
    const x0 = Math.floor(area.x / CELL);
    const y0 = Math.floor(area.y / CELL);
    const x1 = Math.floor((area.x + area.w) / CELL);
    const y1 = Math.floor((area.y + area.h) / CELL);
    for (let cx = x0; cx <= x1; cx++) {
      for (let cy = y0; cy <= y1; cy++) {
        const cell = this.cells.get(cellKey(cx, cy));
        if (!cell) continue;
        for (const note of cell) if (intersects(note, area)) found.add(note);
      }
    }
    return [...found].sort(stackingOrder);
  }

  private cellsOf(rect: Rect): string[] {
    const keys: string[] = [];
    for (let cx = Math.floor(rect.x / CELL); cx <= Math.floor((rect.x + rect.w) / CELL); cx++) {
      for (let cy = Math.floor(rect.y / CELL); cy <= Math.floor((rect.y + rect.h) / CELL); cy++) keys.push(cellKey(cx, cy));
    }
    return keys;
  }

  private insert(note: NoteView): void {
    for (const key of this.cellsOf(note)) {
      const cell = this.cells.get(key);
      if (cell) cell.push(note);
      else this.cells.set(key, [note]);
    }
  }

  private remove(note: NoteView): void {
    for (const key of this.cellsOf(note)) {
      const cell = this.cells.get(key);
      if (!cell) continue;
      const at = cell.indexOf(note);
      if (at >= 0) cell.splice(at, 1);
      if (cell.length === 0) this.cells.delete(key);
    }
  }
}
