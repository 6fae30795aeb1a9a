import { nanoid } from 'nanoid';
import * as Y from 'yjs';
import { recordNoteCount, toRecord, type BoardRecord, type RecordSummary } from '../../shared/board';
import type { StoredRecord } from '../storage/storage';
import { decodeRecordState } from './decodeRecordState';
import { withLiveDoc } from '../rooms/liveDoc';
import type { RecordDeps } from './recordDeps';
import { recordsFull } from './recordErrors';

/** The label of a record taken without one: "Record of 2 December 2026" (UTC). */
export function defaultLabel(createdAt: number): string {
  const date = new Date(createdAt).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
  return `Record of ${date}`;
}

export function summaryOf(stored: StoredRecord): RecordSummary {
  const { id, boardId, label, createdAt, noteCount } = stored;
  return { id, boardId, label, createdAt, noteCount };
}

/**
 * Saves a record of the board as it is live (edits still in an open room included): its Yjs state
 * and the record derived from it. 409 once the board keeps `maxRecords`; 422 if the live state is
 * not a usable board.
 */
export async function takeRecord(deps: RecordDeps, boardId: string, label: string | undefined, maxRecords: number): Promise<RecordSummary> {
  // Checked first so a full board costs no encoding; the insert checks again, in one step with it.
  if ((await deps.storage.records.list(boardId)).length >= maxRecords) throw recordsFull(maxRecords);
  const id = nanoid();
  const createdAt = Date.now();
  const chosen = label?.trim() || defaultLabel(createdAt);
  // What is stored is the live state made a current-format board by the same decoding a restore
  // uses, so whatever a client wrote into the board, the record restores and forks.
  const source = await withLiveDoc(deps, boardId, (doc) => decodeRecordState(deps, Y.encodeStateAsUpdate(doc), boardId, id));
  let state: Uint8Array;
  let record: BoardRecord;
  try {
    state = Y.encodeStateAsUpdate(source);
    record = toRecord(source, { id, label: chosen, createdAt });
  } finally {
    source.destroy();
  }
  const stored: StoredRecord = {
    id,
    boardId,
    label: chosen,
    createdAt,
    noteCount: recordNoteCount(record),
    state,
    record: JSON.stringify(record),
  };
  if (!(await deps.storage.records.create(stored, maxRecords))) throw recordsFull(maxRecords);
  return summaryOf(stored);
}
