import * as Y from 'yjs';
import { compressState, type StateEncoding } from './encodedState';
import type { RoomManager } from './roomManager';
import { withCommittedBoard, type LiveDocSources } from './liveDoc';

/**
 * How long a room opened for a state read stays open: the page that read the state opens its socket
 * moments later (after its scripts have run, seconds on a slow link), and that join then finds the
 * board loaded and its state encoded, instead of loading it from storage a second time.
 */
export const HOLD_OPEN_FOR_JOIN_MS = 15_000;

export interface BoardStateSources extends LiveDocSources {
  readonly rooms: LiveDocSources['rooms'] & Pick<RoomManager, 'withRoom'>;
}

/**
 * A board's whole state as one Yjs update (v1), in `encoding`: the bytes a stock client would apply
 * from a sync step 2 answering an empty state vector, and like it never ahead of storage. Answered
 * from the open room's cache (encodedState.ts); a board nobody has open is loaded into its room,
 * kept open `holdOpenMs` for the socket that follows. Rejects (a StorageError) if storage fails.
 */
export function readBoardState(sources: BoardStateSources, boardId: string, encoding: StateEncoding, holdOpenMs = HOLD_OPEN_FOR_JOIN_MS): Promise<Uint8Array> {
  return sources.rooms.withRoom(
    boardId,
    async () =>
      await withCommittedBoard(
        sources,
        boardId,
        (room) => room.encodedState.read(encoding),
        // The room's commit failed and it closed: what storage holds, encoded for this request alone.
        (doc) => compressState(Y.encodeStateAsUpdate(doc), encoding),
      ),
    { holdOpenMs },
  );
}
