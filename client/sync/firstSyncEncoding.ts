import type * as Y from 'yjs';
import { storeState, type IndexeddbPersistence } from 'y-indexeddb';
import type { WebsocketProvider } from 'y-websocket';
import { whenIdle } from '../pages/whenIdle';

/**
 * Keeps the board's first sync from being encoded again before the notes are painted.
 *
 * After every transaction Yjs encodes the change once more for the document's `update` listeners.
 * Here those are the provider, which sends nothing back for the server's own changes, and
 * y-indexeddb, which stores them. On the first sync the change is the whole board (about half a
 * megabyte for 2,000 notes), and that encoding was a fifth of the first sync's main-thread time. So
 * while the provider applies what the server sends before its first sync, both listeners are off,
 * and y-indexeddb is given the whole state in one piece once the browser is idle.
 *
 * Edits are still stored as soon as they are made. A transaction by anyone else (a local edit made
 * by a listener during the sync, for instance) puts the listeners back before it runs, so its
 * change is sent and stored as usual. If the page closes before the idle moment, the local copy
 * lacks only what the server already has. Returns a function that stops this and cancels a
 * pending store.
 */
export function deferFirstSyncEncoding(
  provider: WebsocketProvider,
  persistence: IndexeddbPersistence | null,
  schedule: (work: () => unknown) => () => void = whenIdle,
): () => void {
  const doc = provider.doc;
  const listeners = persistence ? [provider._updateHandler, persistence._storeUpdate] : [provider._updateHandler];
  let detached = false;
  let skipped = false;
  let cancelStore: (() => void) | null = null;

  const attach = (): void => {
    if (!detached) return;
    detached = false;
    for (const listener of listeners) doc.on('update', listener);
  };
  const onBeforeTransaction = (transaction: Y.Transaction): void => {
    if (transaction.origin !== provider || provider.synced) {
      attach();
      return;
    }
    skipped = true;
    if (detached) return;
    detached = true;
    for (const listener of listeners) doc.off('update', listener);
  };
  const stop = (): void => {
    doc.off('beforeTransaction', onBeforeTransaction);
    doc.off('afterAllTransactions', attach);
    provider.off('sync', onSync);
    attach();
  };
  const onSync = (synced: boolean): void => {
    if (!synced) return;
    stop();
    if (!skipped || !persistence) return;
    void persistence.whenSynced.then(() => {
      cancelStore ??= schedule(() => storeState(persistence));
    });
  };
  doc.on('beforeTransaction', onBeforeTransaction);
  doc.on('afterAllTransactions', attach);
  provider.on('sync', onSync);
  return () => {
    stop();
    cancelStore?.();
    // A store that had not been scheduled yet must not start after this.
    cancelStore = () => {};
  };
}
