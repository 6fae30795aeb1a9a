import * as Y from 'yjs';
import { Root, MetaField } from '../../shared/board/meta';
import type { Storage, StoredUpdate } from '../storage/storage';

/** What a room reads and writes: its board's update log, and the board's REST title. */
export type RoomStorage = Pick<Storage, 'updates' | 'boards'>;

/**
 * A room's board as storage holds it: the update log (its last seq, its size, how much was appended
 * since it was last merged into one row) and the REST title. Rejections of the storage ports are
 * the caller's, except compaction's, which is reported and answered with false.
 */
export class StoredBoard {
  private lastSeq = 0;
  private appendsSinceCompaction = 0;
  private bytesSinceCompaction = 0;
  /** Size of the state the log was last merged into; merging costs about that much again. */
  private compactedBytes = 0;
  private storedTitle: string | null = null;

  constructor(
    private readonly boardId: string,
    private readonly storage: RoomStorage,
    private readonly onError: (error: unknown, context: string) => void,
  ) {}

  /** The log and title the room was loaded from. */
  loaded(stored: readonly StoredUpdate[], title: string | null): void {
    this.storedTitle = title;
    this.lastSeq = stored.at(-1)?.seq ?? 0;
    this.appendsSinceCompaction = stored.length > 1 ? stored.length : 0;
    this.compactedBytes = stored[0]?.update.byteLength ?? 0;
    this.bytesSinceCompaction = stored.slice(1).reduce((sum, { update }) => sum + update.byteLength, 0);
  }

  /** Stored size of the board: its merged state plus what was appended since. */
  get storedBytes(): number {
    return this.compactedBytes + this.bytesSinceCompaction;
  }

  /** Appends updates to the log in one transaction; returns their seqs. Call `appended` once the room accepts them. */
  append(updates: Uint8Array[]): Promise<number[]> {
    return this.storage.updates.append(this.boardId, updates);
  }

  appended(seqs: readonly number[], updates: readonly Uint8Array[]): void {
    this.lastSeq = Math.max(this.lastSeq, ...seqs);
    this.appendsSinceCompaction += updates.length;
    for (const update of updates) this.bytesSinceCompaction += update.byteLength;
  }

  /** Keeps the REST title in step with the document's, which any editor may change. */
  async syncTitle(doc: Y.Doc): Promise<void> {
    const title: unknown = doc.getMap(Root.Meta).get(MetaField.Title);
    if (typeof title === 'string' && title !== this.storedTitle) {
      await this.storage.boards.setTitle(this.boardId, title);
      this.storedTitle = title;
    }
  }

  /**
   * Merging re-encodes the whole board, so a big board waits until its log has grown by a good
   * share of its size: the cost stays proportional to what was written, not to how often.
   */
  dueForCompaction(compactEvery: number): boolean {
    return this.appendsSinceCompaction >= compactEvery && this.bytesSinceCompaction >= this.compactedBytes / 4;
  }

  get hasAppends(): boolean {
    return this.appendsSinceCompaction > 0;
  }

  /**
   * Replaces the stored update log up to the last commit with one merged state: the doc's, plus
   * any row the doc does not hold (another writer's). Resolves false if storage failed; the log is
   * then as it was (compaction is one transaction).
   */
  async compact(doc: Y.Doc): Promise<boolean> {
    const upToSeq = this.lastSeq;
    let mergedBytes: number | null = null;
    try {
      await this.storage.updates.compact(this.boardId, upToSeq, (rows) => {
        const state = mergeRows(doc, rows);
        mergedBytes = state.byteLength;
        return state;
      });
    } catch (error) {
      this.onError(error, 'compacting');
      return false;
    }
    if (mergedBytes !== null) this.compactedBytes = mergedBytes;
    this.appendsSinceCompaction = 0;
    this.bytesSinceCompaction = 0;
    return true;
  }
}

/**
 * The doc's state plus whatever any row holds that the doc lacks. Every row is diffed, not only
 * rows of unknown seq: another writer's compaction stores its merged state under the last seq it
 * read, which may be a seq this room wrote, so a seq says nothing of what a row holds now.
 */
function mergeRows(doc: Y.Doc, rows: readonly StoredUpdate[]): Uint8Array {
  const state = Y.encodeStateAsUpdate(doc);
  const stateVector = Y.encodeStateVector(doc);
  // Only what the doc lacks of each row; its deletions always come along, which is harmless.
  return Y.mergeUpdates([state, ...rows.map((row) => Y.diffUpdate(row.update, stateVector))]);
}
