import * as Y from 'yjs';
import { STORAGE_ORIGIN } from '../../shared/protocol/origins';
import type { Storage, StoredUpdate } from '../storage/storage';

/**
 * Applies a board's stored updates to `doc`, oldest first, in one transaction tagged
 * STORAGE_ORIGIN, so that nothing listening for edits stores or forwards them again. How a room
 * fills its doc, and how `loadBoardDoc` does.
 */
export function applyStoredUpdates(doc: Y.Doc, updates: readonly StoredUpdate[]): void {
  doc.transact(() => {
    for (const { update } of updates) Y.applyUpdate(doc, update, STORAGE_ORIGIN);
  }, STORAGE_ORIGIN);
}

/**
 * The board as storage holds it, in a fresh doc of its own: what a reader outside any room (a
 * record of a board nobody has open) works on. The caller destroys the doc. Rejects (a
 * StorageError) if storage fails.
 */
export async function loadBoardDoc(storage: Pick<Storage, 'updates'>, boardId: string): Promise<Y.Doc> {
  const updates = await storage.updates.load(boardId);
  const doc = new Y.Doc();
  applyStoredUpdates(doc, updates);
  return doc;
}
