import * as Y from 'yjs';
import { DEFAULT_TITLE, MAX_PROMPT_LENGTH, MAX_TITLE_LENGTH, MetaField, Root } from './meta';
import { CURRENT_SCHEMA_VERSION, migrateBoard } from './migrations';
import { LinkField, readLink, readLinks, type LinkView } from './links';
import { NoteField, readNote, type NoteView } from './note';
import { clipText, readNotes } from './record';
import { readBallot } from './votes';
import { replaceText } from './text';
import { ZONES, isZone } from './zones';

/** A stored board state that is not a board of this format (or not a Yjs update at all). */
export class InvalidBoardStateError extends Error {
  override readonly name = 'InvalidBoardStateError';
}

function isKnownVersion(version: unknown): boolean {
  return typeof version === 'number' && Number.isInteger(version) && version >= 1 && version <= CURRENT_SCHEMA_VERSION;
}

/**
 * Makes a board's `meta` what Discern writes, whatever a client put there: an edit key can write
 * any value, and a record must stay usable. A `schemaVersion` that is not a version this code knows
 * (99, -1, 'x', missing) is dropped so that every migration runs (each is idempotent) and the current
 * one is stamped; the title becomes a string of at most MAX_TITLE_LENGTH characters (DEFAULT_TITLE if
 * it has none); `prompts` keeps only zone keys with string values, clipped to MAX_PROMPT_LENGTH.
 * One transaction tagged `origin`; writes only what differs, so a sound board is left untouched.
 */
export function normalizeBoardState(doc: Y.Doc, origin: unknown): void {
  const meta = doc.getMap(Root.Meta);
  doc.transact(() => {
    const version: unknown = meta.get(MetaField.SchemaVersion);
    if (version !== undefined && !isKnownVersion(version)) meta.delete(MetaField.SchemaVersion);

    const title: unknown = meta.get(MetaField.Title);
    const clipped = typeof title === 'string' ? clipText(title, MAX_TITLE_LENGTH) : '';
    const wanted = clipped.trim() ? clipped : DEFAULT_TITLE;
    if (title !== wanted) meta.set(MetaField.Title, wanted);

    const prompts: unknown = meta.get(MetaField.Prompts);
    if (prompts instanceof Y.Map) {
      for (const [key, value] of [...(prompts as Y.Map<unknown>).entries()]) {
        if (!isZone(key) || typeof value !== 'string') prompts.delete(key);
        else if (value.length > MAX_PROMPT_LENGTH) prompts.set(key, clipText(value, MAX_PROMPT_LENGTH));
      }
    } else if (prompts !== undefined) {
      meta.delete(MetaField.Prompts);
    }
    migrateBoard(doc, origin);
  }, origin);
}

/**
 * Decodes a stored board state into a scratch document and makes it a board of the current
 * format (`normalizeBoardState`), so that any record a client could have shaped restores and
 * forks. Refused with InvalidBoardStateError only when the bytes are not a Yjs update, or hold
 * nothing of a board (neither `meta` nor `notes`: another app's document, or an empty one). Structs
 * that could not be integrated (their dependencies are missing) are left out: readers see what was
 * integrated. The caller owns (and destroys) the returned document; nothing live is touched.
 */
export function decodeBoardState(update: Uint8Array, origin: unknown): Y.Doc {
  const doc = new Y.Doc();
  try {
    try {
      Y.applyUpdate(doc, update, origin);
    } catch (error) {
      throw new InvalidBoardStateError(`not a Yjs update: ${error instanceof Error ? error.message : String(error)}`);
    }
    if (!doc.share.has(Root.Meta) && !doc.share.has(Root.Notes)) {
      throw new InvalidBoardStateError('not a Discern board (no meta and no notes)');
    }
    try {
      normalizeBoardState(doc, origin);
    } catch {
      // getMap throws when a root was written as another Yjs type.
      throw new InvalidBoardStateError('the document roots are not those of a board');
    }
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

function newNoteMap(note: NoteView, ballot: ReadonlyMap<string, number>): Y.Map<unknown> {
  const map = new Y.Map<unknown>();
  for (const field of PLAIN_FIELDS) map.set(field, note[field]);
  map.set(NoteField.Text, new Y.Text(note.text));
  const votes = new Y.Map<unknown>();
  for (const [voter, dots] of ballot) votes.set(voter, dots);
  map.set(NoteField.Votes, votes);
  if (note.addedBy !== undefined) map.set(NoteField.AddedBy, note.addedBy);
  return map;
}

/** Makes an existing note's `votes` and `addedBy` equal the source's, touching only what differs. */
function restoreNoteExtras(existing: Y.Map<unknown>, note: NoteView, ballot: ReadonlyMap<string, number>): void {
  if (note.addedBy !== undefined) {
    if (existing.get(NoteField.AddedBy) !== note.addedBy) existing.set(NoteField.AddedBy, note.addedBy);
  } else if (existing.has(NoteField.AddedBy)) {
    existing.delete(NoteField.AddedBy);
  }
  let votes = existing.get(NoteField.Votes);
  if (!(votes instanceof Y.Map)) {
    votes = new Y.Map<unknown>();
    existing.set(NoteField.Votes, votes);
  }
  const map = votes as Y.Map<unknown>;
  for (const voter of [...map.keys()]) {
    if (!ballot.has(voter)) map.delete(voter);
  }
  for (const [voter, dots] of ballot) {
    if (map.get(voter) !== dots) map.set(voter, dots);
  }
}

function newLinkMap(link: LinkView): Y.Map<unknown> {
  const map = new Y.Map<unknown>();
  map.set(LinkField.From, link.from);
  map.set(LinkField.To, link.to);
  map.set(LinkField.Kind, link.kind);
  map.set(LinkField.Author, link.author);
  map.set(LinkField.CreatedAt, link.createdAt);
  return map;
}

function sameLinkFields(a: LinkView, b: LinkView): boolean {
  return a.from === b.from && a.to === b.to && a.kind === b.kind && a.author === b.author && a.createdAt === b.createdAt;
}

/**
 * Makes `target`'s board equal `source`'s — notes (with their dots and `addedBy`), links, title and
 * prompts — as one new change on top of what `target` holds (not a rewind): notes and links keep
 * their ids, changed fields are set, text is edited by minimal diff, missing entries are re-created
 * and extra ones deleted. Malformed notes and links of `source` (and links whose notes are gone)
 * are not copied. The `meeting` root (phase, vote, timer, private round) is the live meeting's
 * and is left alone. One transaction tagged `origin`. Returns the number of notes now.
 */
export function restoreBoard(target: Y.Doc, source: Y.Doc, origin: unknown): number {
  const wanted = new Map(readNotes(source).map((note) => [note.id, note]));
  const sourceNotes = source.getMap(Root.Notes);
  const ballots = new Map(
    [...wanted.keys()].map((id) => [id, readBallot((sourceNotes.get(id) as Y.Map<unknown>).get(NoteField.Votes))]),
  );
  const wantedLinks = new Map(readLinks(source.getMap(Root.Links), wanted).map((link) => [link.id, link]));
  const sourceMeta = source.getMap(Root.Meta);
  const notes = target.getMap(Root.Notes);
  const links = target.getMap(Root.Links);
  const meta = target.getMap(Root.Meta);
  target.transact(() => {
    for (const id of [...notes.keys()]) {
      if (!wanted.has(id)) notes.delete(id);
    }
    for (const [id, note] of wanted) {
      const existing = notes.get(id);
      const text = existing instanceof Y.Map ? existing.get(NoteField.Text) : undefined;
      const ballot = ballots.get(id) ?? new Map<string, number>();
      if (!(existing instanceof Y.Map) || !(text instanceof Y.Text) || !readNote(id, existing)) {
        notes.set(id, newNoteMap(note, ballot));
        continue;
      }
      for (const field of PLAIN_FIELDS) {
        if (existing.get(field) !== note[field]) existing.set(field, note[field]);
      }
      replaceText(text, note.text);
      restoreNoteExtras(existing, note, ballot);
    }

    for (const id of [...links.keys()]) {
      if (!wantedLinks.has(id)) links.delete(id);
    }
    for (const [id, link] of wantedLinks) {
      const existing = readLink(id, links.get(id));
      if (!existing || !sameLinkFields(existing, link)) links.set(id, newLinkMap(link));
    }

    const title = sourceMeta.get(MetaField.Title);
    if (typeof title === 'string' && meta.get(MetaField.Title) !== title) meta.set(MetaField.Title, title);
    // The restored board is in the format this code wrote the notes in, whatever a client stamped.
    if (meta.get(MetaField.SchemaVersion) !== CURRENT_SCHEMA_VERSION) meta.set(MetaField.SchemaVersion, CURRENT_SCHEMA_VERSION);
    const sourcePrompts = sourceMeta.get(MetaField.Prompts);
    let prompts = meta.get(MetaField.Prompts);
    if (prompts !== undefined && !(prompts instanceof Y.Map)) {
      meta.delete(MetaField.Prompts);
      prompts = undefined;
    }
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
