import * as Y from 'yjs';
import { BoardModel } from '../../shared/board/model';

/**
 * A saved record as a read-only board: its Yjs state applied into a scratch document that is
 * connected to nothing. Nobody calls its commands (the canvas shows it with editing off), and even
 * if something did, the change would stay in this scratch copy.
 */
export function openRecordModel(state: Uint8Array): BoardModel {
  const doc = new Y.Doc();
  try {
    Y.applyUpdate(doc, state);
  } catch (error) {
    doc.destroy();
    throw new Error(`this record cannot be read: ${error instanceof Error ? error.message : String(error)}`);
  }
  return new BoardModel(doc);
}

/** Frees a model made by `openRecordModel` together with its scratch document. */
export function closeRecordModel(model: BoardModel): void {
  model.destroy();
  model.doc.destroy();
}
