import type * as Y from 'yjs';
import type { Storage } from '../storage/storage';
import { loadBoardDoc } from './loadBoardDoc';
import type { Room } from './room';

/** Where a board's live state is read from: its open room, else storage. RecordDeps is one. */
export interface LiveDocSources {
  readonly storage: Pick<Storage, 'updates'>;
  readonly rooms: { get(boardId: string): Room | undefined };
}

/**
 * Runs `onRoom` on the board's open room once everything that arrived is committed, or, when nobody
 * has it open, `onStored` on the board as storage holds it (`loadBoardDoc`, destroyed after). Either
 * way the reader never sees what storage lacks: the same rule as a sync step 2 (Room.replyToStep1).
 */
export async function withCommittedBoard<T>(
  sources: LiveDocSources,
  boardId: string,
  onRoom: (room: Room) => T,
  onStored: (doc: Y.Doc) => T,
): Promise<T> {
  const room = sources.rooms.get(boardId);
  if (room) {
    // `onRoom` runs in the same turn as the commit is seen to be complete, before anything new can
    // be applied.
    while (room.hasUncommitted && !room.isClosed) await room.flush();
    // A room whose commit failed has closed (its peers got 4500, nothing was forwarded): read what
    // storage holds instead, which answers 503 if storage is still failing.
    if (!room.isClosed) return onRoom(room);
  }
  const doc = await loadBoardDoc(sources.storage, boardId);
  try {
    return onStored(doc);
  } finally {
    doc.destroy();
  }
}

/** Runs `fn` on the board as it is live: the open room's committed doc, or the stored board. */
export function withLiveDoc<T>(sources: LiveDocSources, boardId: string, fn: (doc: Y.Doc) => T): Promise<T> {
  return withCommittedBoard(sources, boardId, (room) => fn(room.doc), fn);
}
