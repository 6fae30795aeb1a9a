import { Type, type Static } from '@sinclair/typebox';
import { restoreBoard } from '../../shared/board';
import { RESTORE_ORIGIN } from '../../shared/protocol/origins';
import { storageUnavailable } from '../httpError';
import { recordSource } from './decodeRecordState';
import type { RecordDeps } from './recordDeps';

/** What a restore answers: the record restored and how many notes the board now has. */
export const RestoredRecordSchema = Type.Object({ restored: Type.String(), noteCount: Type.Integer() });
export type RestoredRecord = Static<typeof RestoredRecordSchema>;

/**
 * Makes the live board equal the record, as one new change (RESTORE_ORIGIN) that the room commits
 * and forwards to every peer like any other update. 404/422 for a missing or unusable record, 503
 * if the change could not be stored.
 */
export async function restoreRecord(deps: RecordDeps, boardId: string, recordId: string): Promise<RestoredRecord> {
  // Checked on a scratch doc first: a bad blob must never reach the live board.
  const source = await recordSource(deps, boardId, recordId);
  try {
    let stored = true;
    const noteCount = await deps.rooms.withRoom(boardId, async (room) => {
      const count = restoreBoard(room.doc, source, RESTORE_ORIGIN);
      // Committed here rather than after, so that a failed commit is answered: the room then
      // closes its peers (4500) and nobody, this caller included, is told the restore happened.
      await room.flush();
      stored = !room.isClosed;
      return count;
    });
    if (!stored) throw storageUnavailable();
    return { restored: recordId, noteCount };
  } finally {
    source.destroy();
  }
}
