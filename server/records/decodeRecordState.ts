import type * as Y from 'yjs';
import { InvalidBoardStateError, decodeBoardState } from '../../shared/board';
import { STORAGE_ORIGIN } from '../../shared/protocol/origins';
import type { StoredRecord } from '../storage/storage';
import type { RecordDeps } from './recordDeps';
import { findRecord } from './readRecord';
import { unusableRecord } from './recordErrors';

/**
 * A board state decoded into a scratch doc of the current format (`decodeBoardState`); 422 if it is
 * not a usable board, and it is logged. The caller destroys the doc.
 */
export function decodeRecordState(deps: RecordDeps, state: Uint8Array, boardId: string, recordId: string): Y.Doc {
  try {
    return decodeBoardState(state, STORAGE_ORIGIN);
  } catch (error) {
    if (!(error instanceof InvalidBoardStateError)) throw error;
    deps.log.warn({ boardId, recordId, reason: error.message }, 'refused a corrupt record');
    throw unusableRecord(`snapshot ${recordId} cannot be used: ${error.message}`);
  }
}

/** The saved state of a stored record, decoded into a scratch doc (the caller destroys it). */
export function decodeStoredRecord(deps: RecordDeps, stored: StoredRecord): Y.Doc {
  return decodeRecordState(deps, stored.state, stored.boardId, stored.id);
}

/**
 * The source of a restore or a fork: the record found (404) and its state decoded (422) into a
 * scratch doc, so that a bad blob never reaches a live board. The caller destroys it.
 */
export async function recordSource(deps: RecordDeps, boardId: string, recordId: string): Promise<Y.Doc> {
  return decodeStoredRecord(deps, await findRecord(deps, boardId, recordId));
}
