import type { BoardRecord, RecordSummary } from '../../shared/board';
import type { CreatedBoard } from '../boards/createBoard';
import type { StoredRecord } from '../storage/storage';
import { compareRecords, type RecordComparison } from './compareRecords';
import { deleteRecord } from './deleteRecord';
import { forkRecord } from './forkRecord';
import { findRecord, readRecord } from './readRecord';
import type { RecordDeps } from './recordDeps';
import { restoreRecord, type RestoredRecord } from './restoreRecord';
import { takeRecord } from './takeRecord';

/**
 * Discernment records as a domain: leaders save dated records of a board, compare them with each
 * other or with the live board, restore one onto the live board or start a new board from one.
 * Each job is its own module; this binds them to their dependencies. Every method throws an
 * HttpError (recordErrors.ts) to refuse; access is the caller's to check.
 */
export interface RecordService {
  /** Saves a record of the live board; 409 once the board keeps `maxRecords`. */
  take(boardId: string, label?: string): Promise<RecordSummary>;
  /** The board's records, newest first. */
  list(boardId: string): Promise<RecordSummary[]>;
  /** A record as stored (its Yjs state included); 404 if unknown. */
  find(boardId: string, recordId: string): Promise<StoredRecord>;
  /** A record's JSON, checked; 404 if unknown, 422 if unreadable. */
  read(boardId: string, recordId: string): Promise<BoardRecord>;
  /** Both sides of a comparison, each a record id or `live`. */
  compare(boardId: string, a: string, b: string): Promise<RecordComparison>;
  restore(boardId: string, recordId: string): Promise<RestoredRecord>;
  fork(boardId: string, recordId: string, title?: string): Promise<CreatedBoard>;
  /** 404 if the board has no such record. */
  delete(boardId: string, recordId: string): Promise<void>;
}

export interface RecordServiceOptions {
  /** Records kept per board; taking one more is refused (409). */
  readonly maxRecords: number;
}

export function createRecordService(deps: RecordDeps, { maxRecords }: RecordServiceOptions): RecordService {
  return {
    take: (boardId, label) => takeRecord(deps, boardId, label, maxRecords),
    list: (boardId) => deps.storage.records.list(boardId),
    find: (boardId, recordId) => findRecord(deps, boardId, recordId),
    read: (boardId, recordId) => readRecord(deps, boardId, recordId),
    compare: (boardId, a, b) => compareRecords(deps, boardId, a, b),
    restore: (boardId, recordId) => restoreRecord(deps, boardId, recordId),
    fork: (boardId, recordId, title) => forkRecord(deps, boardId, recordId, title),
    delete: (boardId, recordId) => deleteRecord(deps, boardId, recordId),
  };
}
