import * as Y from 'yjs';
import { Root, MetaField, DEFAULT_TITLE, MAX_TITLE_LENGTH } from './meta';
import { NoteField } from './note';

/**
 * Ordered document migrations. Migration `n` takes a board from version n-1 to n; version 1 is the
 * first published format, so its migration only stamps the version and a title. A migration runs
 * inside one transaction and must be idempotent, since two clients may run it on the same board.
 * Version 2 (links, votes, meeting) adds roots, which Yjs creates lazily, and optional note fields;
 * its step gives every note an empty `votes` map so that two people's first dots on one note
 * land in the same map instead of racing to create it.
 */
const MIGRATIONS: ReadonlyArray<(doc: Y.Doc) => void> = [
  (doc) => {
    const meta = doc.getMap(Root.Meta);
    if (typeof meta.get(MetaField.Title) !== 'string') meta.set(MetaField.Title, DEFAULT_TITLE);
  },
  (doc) => {
    doc.getMap(Root.Notes).forEach((note) => {
      if (note instanceof Y.Map && !(note.get(NoteField.Votes) instanceof Y.Map)) note.set(NoteField.Votes, new Y.Map());
    });
  },
];

export const CURRENT_SCHEMA_VERSION = MIGRATIONS.length;

/** Brings a document up to the current format version. Returns true if it changed anything. */
export function migrateBoard(doc: Y.Doc, origin: unknown): boolean {
  const meta = doc.getMap(Root.Meta);
  const stored: unknown = meta.get(MetaField.SchemaVersion);
  const from = typeof stored === 'number' && Number.isInteger(stored) ? stored : 0;
  if (from >= CURRENT_SCHEMA_VERSION) return false;
  doc.transact(() => {
    for (let version = from + 1; version <= CURRENT_SCHEMA_VERSION; version++) MIGRATIONS[version - 1]?.(doc);
    meta.set(MetaField.SchemaVersion, CURRENT_SCHEMA_VERSION);
  }, origin);
  return true;
}

/** The state of a brand-new board: current version and its title. Used once, when the board is created. */
export function createBoardDoc(title: string, origin: unknown): Y.Doc {
  const doc = new Y.Doc();
  doc.transact(() => {
    doc.getMap(Root.Meta).set(MetaField.Title, title.slice(0, MAX_TITLE_LENGTH) || DEFAULT_TITLE);
  }, origin);
  migrateBoard(doc, origin);
  return doc;
}
