import * as Y from 'yjs';
import { CommitChain } from './commitChain';
import type { StoredBoard } from './storedBoard';
import type { RoomFeedLink } from './roomFeed';
import type { Connection } from './connection';
import { broadcast, updateMessage } from './roomMessages';

interface PendingUpdate {
  update: Uint8Array;
  origin: unknown;
}

/** What the pipeline needs of its room. */
export interface CommitRoom {
  readonly doc: Y.Doc;
  isClosed(): boolean;
  readonly connections: ReadonlyMap<Connection, unknown>;
  readonly feedLink: RoomFeedLink | null;
  readonly log: StoredBoard;
  readonly compactEvery: number;
  /** The tick in which updates were queued is over: commit them (the room's flush). */
  onTickEnd(): void;
  compact(): Promise<boolean>;
  onError(error: unknown, context: string): void;
  /** Storage failed: close every connection (4500) and the room. */
  fail(): void;
}

/**
 * The commit-then-forward path, the one place an accepted update goes through. Updates are
 * collected for the rest of the event-loop tick, then committed to storage in one transaction and
 * only then sent on, encoded once for the whole room, so whatever a connection has seen is already
 * durable. While a commit is in flight, updates keep being collected for the next, one commit at a
 * time, in order.
 */
export class CommitPipeline {
  private pending: PendingUpdate[] = [];
  private scheduled: NodeJS.Immediate | null = null;
  /** Commits run one at a time; what arrives during one goes into the next. */
  private readonly commits: CommitChain;

  constructor(private readonly room: CommitRoom) {
    this.commits = new CommitChain(
      () => this.commitPending(),
      (error) => {
        room.onError(error, 'flushing');
        room.fail();
      },
    );
  }

  /** Whether there are updates not yet committed (pending, or in a commit in flight). */
  get hasUncommitted(): boolean {
    return this.pending.length > 0 || this.commits.busy;
  }

  /** Queues an accepted update for the commit at the end of this tick. */
  add(update: Uint8Array, origin: unknown): void {
    this.pending.push({ update, origin });
    this.scheduled ??= setImmediate(() => this.room.onTickEnd());
  }

  /** The end-of-tick commit is not needed: it is being made now, or never. */
  unschedule(): void {
    if (this.scheduled) clearImmediate(this.scheduled);
    this.scheduled = null;
  }

  /** Commits what is pending (after the commit in flight), or waits for the commit in flight. Never rejects. */
  commit(): Promise<void> {
    return this.pending.length === 0 ? this.commits.settled() : this.commits.request();
  }

  /** The room closed: what is pending is dropped. */
  clear(): void {
    this.unschedule();
    this.pending = [];
  }

  private async commitPending(): Promise<void> {
    const room = this.room;
    if (room.isClosed() || this.pending.length === 0) return;
    const batch = this.pending;
    this.pending = [];
    let seqs: number[];
    try {
      seqs = await room.log.append(batch.map((item) => item.update));
    } catch (error) {
      room.onError(error, 'storing updates');
      room.fail();
      return;
    }
    if (room.isClosed()) return;
    room.log.appended(seqs, batch.map((item) => item.update));
    const merged = this.forward(batch);
    // Committed first, then published: a process that misses this catches up from storage.
    room.feedLink?.publishUpdate(merged);
    try {
      await room.log.syncTitle(room.doc);
    } catch (error) {
      room.onError(error, 'storing the title');
      room.fail();
      return;
    }
    if (room.log.dueForCompaction(room.compactEvery)) {
      if (!(await room.compact())) room.fail();
    }
  }

  /** Sends a committed batch to this room's connections, encoded once; returns the batch as one update. */
  private forward(batch: readonly PendingUpdate[]): Uint8Array {
    const merged = batch.length === 1 ? batch[0]!.update : Y.mergeUpdates(batch.map((item) => item.update));
    // A connection already has its own edits; when the whole batch is one connection's, skip sending it back.
    const onlyOrigin = batch.every((item) => item.origin === batch[0]!.origin) ? batch[0]!.origin : undefined;
    broadcast(this.room.connections.keys(), updateMessage(merged), onlyOrigin);
    return merged;
  }
}
