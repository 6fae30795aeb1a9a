import * as Y from 'yjs';
import { compressState, type StateEncoding } from './encodedState';
import { withCommittedBoard, type LiveDocSources } from './liveDoc';

/**
 * A board's whole state as one Yjs update (v1), in `encoding`: the bytes a stock client would apply
 * from a sync step 2 answering an empty state vector, and like it never ahead of storage. An open
 * room answers from its cache (encodedState.ts); a board nobody has open, which is rare, is read
 * from storage and encoded for this request alone. Rejects (a StorageError) if storage fails.
 */
export async function readBoardState(sources: LiveDocSources, boardId: string, encoding: StateEncoding): Promise<Uint8Array> {
  return withCommittedBoard(
    sources,
    boardId,
    (room) => room.encodedState.read(encoding),
    // Encoded at once, before the stored doc is destroyed; compressed from those bytes afterwards.
    (doc) => compressState(Y.encodeStateAsUpdate(doc), encoding),
  );
}
