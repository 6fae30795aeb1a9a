import { DEFAULT_TITLE, MAX_TITLE_LENGTH, MetaField, Root, createBoardDoc, restoreBoard } from '../../shared/board';
import { STORAGE_ORIGIN } from '../../shared/protocol/origins';
import { createBoard, type CreatedBoard } from '../boards/createBoard';
import { recordSource } from './decodeRecordState';
import type { RecordDeps } from './recordDeps';

/**
 * Starts a new board from a record: a fresh document with the record's notes, title and prompts (not
 * the old board's history), titled `title` when one is given, with three new keys. 404/422 for a
 * missing or unusable record.
 */
export async function forkRecord(deps: RecordDeps, boardId: string, recordId: string, title: string | undefined): Promise<CreatedBoard> {
  const source = await recordSource(deps, boardId, recordId);
  const doc = createBoardDoc(DEFAULT_TITLE, STORAGE_ORIGIN);
  try {
    restoreBoard(doc, source, STORAGE_ORIGIN);
    const meta = doc.getMap(Root.Meta);
    const newTitle = title?.trim();
    if (newTitle) doc.transact(() => meta.set(MetaField.Title, newTitle), STORAGE_ORIGIN);
    const stored: unknown = meta.get(MetaField.Title);
    const boardTitle = typeof stored === 'string' && stored ? stored.slice(0, MAX_TITLE_LENGTH) : DEFAULT_TITLE;
    return await createBoard(deps.storage.boards, boardTitle, doc);
  } finally {
    doc.destroy();
    source.destroy();
  }
}
