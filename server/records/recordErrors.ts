import { HttpError } from '../httpError';

/**
 * The refusals of the record jobs, thrown as HttpErrors and answered by the app's error handler.
 * Their messages are the documented reply bodies (docs/api.md): clients and tests read them.
 */

/** No record of that id on that board (or one of another board). */
export function recordNotFound(): HttpError {
  return new HttpError(404, 'RECORD_NOT_FOUND', 'snapshot not found');
}

/** The board keeps as many records as it may: one must be deleted before another is taken. */
export function recordsFull(maxRecords: number): HttpError {
  return new HttpError(409, 'RECORDS_FULL', `this board already has ${maxRecords} records, the most it may keep; delete one to save another`);
}

/** A stored record (its JSON, or its Yjs state) that cannot be used: refused, never used. */
export function unusableRecord(message: string): HttpError {
  return new HttpError(422, 'RECORD_UNUSABLE', message);
}
