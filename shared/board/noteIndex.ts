import type { NoteView } from './note';

/** Past this many changed entries the overlay is folded into a new base. */
const MAX_OVERLAY = 64;

/**
 * An immutable id → note map that shares its bulk between snapshots. A change makes a new index
 * with a small overlay over the same base, so moving one note among thousands costs as much as
 * the change, not as much as the board (copying a 5,000-entry Map took most of a drag frame's
 * model time). The overlay is folded into a fresh base once it grows, keeping reads O(1).
 */
export class NoteIndex implements ReadonlyMap<string, NoteView> {
  private constructor(
    private readonly base: ReadonlyMap<string, NoteView>,
    /** Changed ids: the new view, or null where the note is gone. */
    private readonly overlay: ReadonlyMap<string, NoteView | null>,
    readonly size: number,
  ) {}

  static from(entries: Iterable<readonly [string, NoteView]>): NoteIndex {
    const base = new Map(entries);
    return new NoteIndex(base, new Map(), base.size);
  }

  get(id: string): NoteView | undefined {
    const changed = this.overlay.get(id);
    if (changed !== undefined) return changed ?? undefined;
    return this.base.get(id);
  }

  has(id: string): boolean {
    return this.get(id) !== undefined;
  }

  /** A new index with `changes` applied (a view to set, null to remove); this one is unchanged. */
  with(changes: ReadonlyMap<string, NoteView | null>): NoteIndex {
    if (changes.size === 0) return this;
    const overlay = new Map(this.overlay);
    let size = this.size;
    for (const [id, view] of changes) {
      const had = this.has(id);
      if (view && !had) size++;
      if (!view && had) size--;
      overlay.set(id, view);
    }
    const next = new NoteIndex(this.base, overlay, size);
    return overlay.size > MAX_OVERLAY ? NoteIndex.from(next) : next;
  }

  *entries(): MapIterator<[string, NoteView]> {
    for (const entry of this.base) if (!this.overlay.has(entry[0])) yield entry;
    for (const [id, view] of this.overlay) if (view) yield [id, view];
  }

  *keys(): MapIterator<string> {
    for (const [id] of this.entries()) yield id;
  }

  *values(): MapIterator<NoteView> {
    for (const [, view] of this.entries()) yield view;
  }

  [Symbol.iterator](): MapIterator<[string, NoteView]> {
    return this.entries();
  }

  forEach(callback: (value: NoteView, key: string, map: ReadonlyMap<string, NoteView>) => void, thisArg?: unknown): void {
    for (const [id, view] of this.entries()) callback.call(thisArg, view, id, this);
  }
}
