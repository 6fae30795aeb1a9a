import type { RecordDeps } from './recordDeps';
import { recordNotFound } from './recordErrors';

/** Deletes a saved record of the board, which frees a place under the limit; 404 if there is none. */
export async function deleteRecord(deps: RecordDeps, boardId: string, recordId: string): Promise<void> {
  if (!(await deps.storage.records.delete(boardId, recordId))) throw recordNotFound();
}
