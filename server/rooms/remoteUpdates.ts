import * as Y from 'yjs';
import type { StoredUpdate } from '../storage/storage';
import { FEED_ORIGIN } from './roomFeed';

/**
 * Updates other processes committed and published, applied to a room's doc under FEED_ORIGIN: the
 * room forwards them to its own connections and never stores or publishes them again.
 */
export class RemoteUpdates {
  private catchingUp: Promise<void> | null = null;

  constructor(
    private readonly doc: Y.Doc,
    /** Reads the board's stored update log. */
    private readonly loadStored: () => Promise<StoredUpdate[]>,
    private readonly isClosed: () => boolean,
    private readonly onError: (error: unknown, context: string) => void,
  ) {}

  apply(update: Uint8Array): void {
    if (this.isClosed()) return;
    Y.applyUpdate(this.doc, update, FEED_ORIGIN);
    const store = this.doc.store;
    if (store.pendingStructs !== null || store.pendingDs !== null) {
      // It depends on something not yet delivered here, which storage already has (commit comes
      // before publish). Holding it would make the next local update look incomplete.
      store.pendingStructs = null;
      store.pendingDs = null;
      this.catchUp();
    }
  }

  /**
   * Messages from other processes may have been missed: whatever storage holds that this doc lacks
   * is applied as if it had arrived from them.
   */
  catchUp(): void {
    if (this.isClosed() || this.catchingUp) return;
    this.catchingUp = this.loadStored()
      .then((rows) => {
        if (this.isClosed()) return;
        this.doc.transact(() => {
          for (const { update } of rows) Y.applyUpdate(this.doc, update, FEED_ORIGIN);
        }, FEED_ORIGIN);
        this.doc.store.pendingStructs = null;
        this.doc.store.pendingDs = null;
      })
      .catch((error: unknown) => this.onError(error, 'catching up from storage'))
      .finally(() => (this.catchingUp = null));
  }
}
