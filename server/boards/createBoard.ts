import { nanoid } from 'nanoid';
import * as Y from 'yjs';
import { boardLink } from '../../shared/protocol/ids';
import type { BoardDirectory, BoardKeys } from '../storage/storage';

/** What `POST /api/boards` (and forking a record) answers: the id, title, keys and share links. */
export interface CreatedBoard {
  id: string;
  title: string;
  keys: BoardKeys;
  links: BoardKeys;
}

export function linksFor(boardId: string, keys: BoardKeys): BoardKeys {
  return { lead: boardLink(boardId, keys.lead), edit: boardLink(boardId, keys.edit), view: boardLink(boardId, keys.view) };
}

/** Stores a new board with fresh nanoid id and keys, starting from `doc`'s state. */
export async function createBoard(boards: BoardDirectory, title: string, doc: Y.Doc): Promise<CreatedBoard> {
  const id = nanoid();
  const keys: BoardKeys = { lead: nanoid(), edit: nanoid(), view: nanoid() };
  await boards.create({ id, title, createdAt: Date.now(), keys }, Y.encodeStateAsUpdate(doc));
  return { id, title, keys, links: linksFor(id, keys) };
}
