import type * as Y from 'yjs';
import { IndexeddbPersistence } from 'y-indexeddb';

/** One IndexedDB database per board, so boards never mix and one can be cleared alone. */
export function offlineDbName(boardId: string): string {
  return `discern-board-${boardId}`;
}

/**
 * Keeps the board in the browser so edits made offline survive a reload and merge when the
 * connection returns. Returns null where IndexedDB is unavailable (private modes, old browsers).
 */
export function startOfflinePersistence(boardId: string, doc: Y.Doc): IndexeddbPersistence | null {
  if (typeof indexedDB === 'undefined') return null;
  try {
    return new IndexeddbPersistence(offlineDbName(boardId), doc);
  } catch {
    return null;
  }
}
