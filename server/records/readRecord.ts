import { TypeCompiler } from '@sinclair/typebox/compiler';
import {
  DEFAULT_TITLE,
  LIVE_RECORD_ID,
  MAX_PROMPT_LENGTH,
  MAX_TITLE_LENGTH,
  clipText,
  type BoardRecord,
} from '../../shared/board';
import { BoardRecordSchema } from '../../shared/board/recordSchema';
import type { StoredRecord } from '../storage/storage';
import { liveRecord } from './liveBoard';
import type { RecordDeps } from './recordDeps';
import { recordNotFound, unusableRecord } from './recordErrors';

/** The record's own schema, compiled once: what a stored record must be before it is served. */
const recordCheck = TypeCompiler.Compile(BoardRecordSchema);

/** The stored record of that id on that board; 404 if there is none. */
export async function findRecord(deps: RecordDeps, boardId: string, recordId: string): Promise<StoredRecord> {
  const stored = await deps.storage.records.get(boardId, recordId);
  if (!stored) throw recordNotFound();
  return stored;
}

/** The record (JSON) stored with a saved state, checked against its schema; 422 if it is not one. */
export function parseRecord(stored: StoredRecord): BoardRecord {
  let record: unknown;
  try {
    record = JSON.parse(stored.record);
  } catch {
    throw unusableRecord(`snapshot ${stored.id} has an unreadable record`);
  }
  if (!recordCheck.Check(record)) throw unusableRecord(`snapshot ${stored.id} has an unreadable record`);
  // Records stored before they were checked may hold whatever title and prompts a client wrote.
  return {
    ...record,
    title: clipText(record.title, MAX_TITLE_LENGTH) || DEFAULT_TITLE,
    zones: record.zones.map((zone) => ({ ...zone, prompt: clipText(zone.prompt, MAX_PROMPT_LENGTH) })),
  };
}

/** A saved record of the board, read and checked: 404 if unknown, 422 if unreadable. */
export async function readRecord(deps: RecordDeps, boardId: string, recordId: string): Promise<BoardRecord> {
  return parseRecord(await findRecord(deps, boardId, recordId));
}

/** What a side of a comparison names: a saved record, or `live` for the board as it is now. */
export function readRecordOrLive(deps: RecordDeps, boardId: string, which: string): Promise<BoardRecord> {
  return which === LIVE_RECORD_ID ? liveRecord(deps, boardId) : readRecord(deps, boardId, which);
}
