import type * as Y from 'yjs';
import { LIVE_RECORD_ID, toRecord, type BoardRecord } from '../../shared/board';
import { loadBoardDoc } from '../rooms/loadBoardDoc';
import type { RecordDeps } from './recordDeps';

/**
 * Runs `fn` on the board as it is live: the open room's doc with everything that arrived committed,
 * or, when nobody has it open, the board as storage holds it (`loadBoardDoc`).
 */
export async function withLiveDoc<T>(deps: RecordDeps, boardId: string, fn: (doc: Y.Doc) => T): Promise<T> {
  const room = deps.rooms.get(boardId);
  if (room) {
    // Commit what has arrived, so a record never holds what storage lacks; `fn` runs in the same
    // turn as the commit is seen to be complete, before anything new can be applied.
    while (room.hasUncommitted && !room.isClosed) await room.flush();
    // A room whose commit failed has closed (its peers got 4500, nothing was forwarded): read what
    // storage holds instead, which answers 503 if storage is still failing.
    if (!room.isClosed) return fn(room.doc);
  }
  const doc = await loadBoardDoc(deps.storage, boardId);
  try {
    return fn(doc);
  } finally {
    doc.destroy();
  }
}

/** The live pseudo-record: the board as it is now, as a record with id `live`, to compare with. */
export function liveRecord(deps: RecordDeps, boardId: string): Promise<BoardRecord> {
  return withLiveDoc(deps, boardId, (doc) => toRecord(doc, { id: LIVE_RECORD_ID, label: 'Live board', createdAt: Date.now() }));
}
