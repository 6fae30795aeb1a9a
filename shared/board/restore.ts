import * as Y from 'yjs';
import { MetaField, Root } from './meta';
import { CURRENT_SCHEMA_VERSION, migrateBoard } from './migrations';
import { NoteField, readNote, type NoteView } from './note';
import { readNotes } from './record';
import { replaceText } from './text';
import { ZONES } from './zones';

/** A stored board state that is not a board of this format (or not a Yjs update at all). */
export class InvalidBoardStateError extends Error {
  override readonly name = 'InvalidBoardStateError';
}

/**
 * Decodes a stored board state into a scratch document and checks that it is a board of a
 * format version this code knows. Throws InvalidBoardStateError otherwise. The caller owns
 * (and destroys) the returned document; nothing live is touched.
 */
export function decodeBoardState(update: Uint8Array, origin: unknown): Y.Doc {
  const doc = new Y.Doc();
  try {
    try {
      Y.applyUpdate(doc, update, origin);
    } catch (error) {
      throw new InvalidBoardStateError(`not a Yjs update: ${error instanceof Error ? error.message : String(error)}`);
    }
    // Structs that could not be integrated point at content the update does not hold.
    if (doc.store.pendingStructs || doc.store.pendingDs) throw new InvalidBoardStateError('incomplete Yjs update');
    let version: unknown;
    let title: unknown;
    try {
      const meta = doc.getMap(Root.Meta);
      doc.getMap(Root.Notes);
      version = meta.get(MetaField.SchemaVersion);
      title = meta.get(MetaField.Title);
    } catch {
      // getMap throws when the root was written as another Yjs type.
      throw new InvalidBoardStateError('the document roots are not those of a board');
    }
    if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
      throw new InvalidBoardStateError('not a Discern board (no schema version)');
    }
    if (version > CURRENT_SCHEMA_VERSION) {
      throw new InvalidBoardStateError(`board format version ${version} is newer than this server knows`);
    }
    if (typeof title !== 'string') throw new InvalidBoardStateError('not a Discern board (no title)');
    migrateBoard(doc, origin);
    return doc;
  } catch (error) {
    doc.destroy();
    throw error;
  }
}

const PLAIN_FIELDS = [
  NoteField.Zone,
  NoteField.X,
  NoteField.Y,
  NoteField.W,
  NoteField.H,
  NoteField.Color,
  NoteField.Author,
  NoteField.CreatedAt,
] as const;

function newNoteMap(note: NoteView): Y.Map<unknown> {
  const map = new Y.Map<unknown>();
  for (const field of PLAIN_FIELDS) map.set(field, note[field]);
  map.set(NoteField.Text, new Y.Text(note.text));
  return map;
}

/**
 * Makes `target`'s board equal `source`'s — notes, title and prompts — as one new change on top
 * of what `target` holds (not a rewind): notes keep their ids, changed fields are set, text is
 * edited by minimal diff, missing notes are re-created and extra ones deleted. Malformed notes of
 * `source` are not copied. One transaction tagged `origin`. Returns the number of notes now.
 */
export function restoreBoard(target: Y.Doc, source: Y.Doc, origin: unknown): number {
  const wanted = new Map(readNotes(source).map((note) => [note.id, note]));
  const sourceMeta = source.getMap(Root.Meta);
  const notes = target.getMap(Root.Notes);
  const meta = target.getMap(Root.Meta);
  target.transact(() => {
    for (const id of [...notes.keys()]) {
      if (!wanted.has(id)) notes.delete(id);
    }
    for (const [id, note] of wanted) {
      const existing = notes.get(id);
      const text = existing instanceof Y.Map ? existing.get(NoteField.Text) : undefined;
      if (!(existing instanceof Y.Map) || !(text instanceof Y.Text) || !readNote(id, existing)) {
        notes.set(id, newNoteMap(note));
        continue;
      }
      for (const field of PLAIN_FIELDS) {
        if (existing.get(field) !== note[field]) existing.set(field, note[field]);
      }
      replaceText(text, note.text);
    }

    const title = sourceMeta.get(MetaField.Title);
    if (typeof title === 'string' && meta.get(MetaField.Title) !== title) meta.set(MetaField.Title, title);
    const sourcePrompts = sourceMeta.get(MetaField.Prompts);
    let prompts = meta.get(MetaField.Prompts);
    for (const zone of ZONES) {
      const prompt = sourcePrompts instanceof Y.Map ? sourcePrompts.get(zone) : undefined;
      if (typeof prompt === 'string') {
        if (!(prompts instanceof Y.Map)) {
          prompts = new Y.Map<unknown>();
          meta.set(MetaField.Prompts, prompts);
        }
        const map = prompts as Y.Map<unknown>;
        if (map.get(zone) !== prompt) map.set(zone, prompt);
      } else if (prompts instanceof Y.Map && prompts.has(zone)) {
        // No prompt in the record means the default one; drop the live override.
        prompts.delete(zone);
      }
    }
  }, origin);
  return wanted.size;
}
