import { LIVE_RECORD_ID, toRecord, type BoardRecord } from '../../shared/board';
import { withLiveDoc } from '../rooms/liveDoc';
import type { RecordDeps } from './recordDeps';

/** The live pseudo-record: the board as it is now, as a record with id `live`, to compare with. */
export function liveRecord(deps: RecordDeps, boardId: string): Promise<BoardRecord> {
  return withLiveDoc(deps, boardId, (doc) => toRecord(doc, { id: LIVE_RECORD_ID, label: 'Live board', createdAt: Date.now() }));
}
