import * as Y from 'yjs';
import { nanoid } from 'nanoid';
import { DEFAULT_NOTE_COLOR } from '../colors';
import { BoardCommandError } from '../commandError';
import { LinkField } from '../links';
import { DEFAULT_NOTE_HEIGHT, DEFAULT_NOTE_WIDTH, MAX_AUTHOR_LENGTH, NoteField, type NoteView } from '../note';
import { findFreeSpot } from '../placement';
import type { BoardStore } from '../store/boardStore';
import { replaceText } from '../text';
import { zoneOfRect, type Rect, type Zone } from '../zones';
import { checkAuthor, checkColor, checkCoordinate, checkNoteId, checkSize, checkText, checkZone } from './checks';

/** Note commands (docs/format.md, "notes"); their reader is `readNote` in note.ts. */

export interface NewNote {
  zone: Zone;
  author: string;
  text?: string;
  color?: string;
  /** Top-left corner in board coordinates; omitted means the first free spot in the zone. */
  x?: number;
  y?: number;
  w?: number;
  h?: number;
  /** Who typed the note in, when it is not `author` (a leader writing for someone without a device). */
  addedBy?: string;
}

/** A note added with a chosen id and time, as `addNotes` takes them (private drafts, imports). */
export interface NoteImport extends NewNote {
  /** A nanoid-style id (`[A-Za-z0-9_-]{21,64}`); omitted means a fresh one. */
  id?: string;
  /** Milliseconds since the epoch; omitted means now. */
  createdAt?: number;
}

export interface NoteMove {
  id: string;
  x: number;
  y: number;
}

/** A prepared note: checked input, ready to be written. */
interface NoteDraft {
  id: string;
  zone: Zone;
  text: string;
  x: number;
  y: number;
  w: number;
  h: number;
  color: string;
  author: string;
  createdAt: number;
  addedBy: string | undefined;
}

/** Checks one note's input and settles its id, place and time; throws BoardCommandError. */
function prepareNote(store: BoardStore, input: NoteImport, occupied: readonly Rect[]): NoteDraft {
  checkZone(input.zone);
  const text = input.text ?? '';
  checkText(text);
  const color = input.color ?? DEFAULT_NOTE_COLOR;
  checkColor(color);
  checkAuthor('author', input.author);
  if (input.addedBy !== undefined) checkAuthor('addedBy', input.addedBy);
  if (input.id !== undefined) checkNoteId(input.id);
  if (input.createdAt !== undefined) checkCoordinate('createdAt', input.createdAt);
  const w = input.w ?? DEFAULT_NOTE_WIDTH;
  const h = input.h ?? DEFAULT_NOTE_HEIGHT;
  checkSize('w', w);
  checkSize('h', h);
  let zone = input.zone;
  let x: number;
  let y: number;
  if (input.x === undefined || input.y === undefined) {
    ({ x, y } = findFreeSpot(zone, occupied, w, h));
  } else {
    checkCoordinate('x', input.x);
    checkCoordinate('y', input.y);
    x = input.x;
    y = input.y;
    // A note placed by position lands in the zone under it, keeping zone and position in step.
    zone = zoneOfRect({ x, y, w, h });
  }
  return {
    id: input.id ?? nanoid(),
    zone,
    text,
    x,
    y,
    w,
    h,
    color: color.toLowerCase(),
    author: input.author.slice(0, MAX_AUTHOR_LENGTH),
    createdAt: input.createdAt ?? store.now(),
    addedBy: input.addedBy ? input.addedBy.slice(0, MAX_AUTHOR_LENGTH) : undefined,
  };
}

function writeNote(store: BoardStore, draft: NoteDraft): void {
  const note = new Y.Map<unknown>();
  note.set(NoteField.Zone, draft.zone);
  note.set(NoteField.Text, new Y.Text(draft.text));
  note.set(NoteField.X, draft.x);
  note.set(NoteField.Y, draft.y);
  note.set(NoteField.W, draft.w);
  note.set(NoteField.H, draft.h);
  note.set(NoteField.Color, draft.color);
  note.set(NoteField.Author, draft.author);
  note.set(NoteField.CreatedAt, draft.createdAt);
  // Created with the note, so two people's first dots land in one map instead of racing to make it.
  note.set(NoteField.Votes, new Y.Map<unknown>());
  if (draft.addedBy) note.set(NoteField.AddedBy, draft.addedBy);
  store.notes.set(draft.id, note);
}

export function addNote(store: BoardStore, input: NewNote): string {
  const draft = prepareNote(store, { ...input, id: undefined, createdAt: undefined }, store.getSnapshot().notes);
  store.transact(() => writeNote(store, draft));
  return draft.id;
}

export function addNotes(store: BoardStore, inputs: readonly NoteImport[]): string[] {
  const occupied: Rect[] = [...store.getSnapshot().notes];
  const seen = new Set<string>();
  const drafts: NoteDraft[] = [];
  for (const input of inputs) {
    if (input.id !== undefined && (store.notes.has(input.id) || seen.has(input.id))) continue;
    const draft = prepareNote(store, input, occupied);
    seen.add(draft.id);
    occupied.push(draft);
    drafts.push(draft);
  }
  if (drafts.length === 0) return [];
  store.transact(() => {
    for (const draft of drafts) writeNote(store, draft);
  });
  return drafts.map((draft) => draft.id);
}

export function moveNotes(store: BoardStore, moves: readonly NoteMove[]): void {
  for (const move of moves) {
    checkCoordinate('x', move.x);
    checkCoordinate('y', move.y);
    store.requireNote(move.id);
  }
  store.transact(() => {
    for (const move of moves) {
      const note = store.requireNoteMap(move.id);
      const view = store.requireNote(move.id);
      note.set(NoteField.X, move.x);
      note.set(NoteField.Y, move.y);
      const zone = zoneOfRect({ x: move.x, y: move.y, w: view.w, h: view.h });
      if (zone !== view.zone) note.set(NoteField.Zone, zone);
    }
  });
}

export function setNoteZone(store: BoardStore, id: string, zone: Zone): void {
  checkZone(zone);
  const view = store.requireNote(id);
  if (view.zone === zone) return;
  const others = store.getSnapshot().notes.filter((note) => note.id !== id);
  const { x, y } = findFreeSpot(zone, others, view.w, view.h);
  store.transact(() => {
    const note = store.requireNoteMap(id);
    note.set(NoteField.X, x);
    note.set(NoteField.Y, y);
    note.set(NoteField.Zone, zone);
  });
}

export function setNoteText(store: BoardStore, id: string, text: string): void {
  checkText(text);
  store.requireNote(id);
  const ytext = store.requireNoteMap(id).get(NoteField.Text);
  if (!(ytext instanceof Y.Text)) throw new BoardCommandError('invalid-input', `note ${id} has no text field`);
  store.transact(() => replaceText(ytext, text));
}

export function setNoteColor(store: BoardStore, id: string, color: string): void {
  checkColor(color);
  const note = store.requireNoteMap(id);
  store.requireNote(id);
  store.transact(() => note.set(NoteField.Color, color.toLowerCase()));
}

/** Refuses the whole list (nothing changes) if any note is missing: a half-applied toggle would surprise. */
export function setNotesLarge(store: BoardStore, ids: readonly string[], large: boolean): void {
  if (typeof large !== 'boolean') throw new BoardCommandError('invalid-input', 'large must be true or false');
  const maps = ids.map((id) => {
    store.requireNote(id);
    return store.requireNoteMap(id);
  });
  store.transact(() => {
    for (const note of maps) {
      // Absent, not false, is "the zone's size": the field stays optional in the format (docs/format.md).
      if (large) note.set(NoteField.Large, true);
      else if (note.has(NoteField.Large)) note.delete(NoteField.Large);
    }
  });
}

export function resizeNote(store: BoardStore, id: string, w: number, h: number): void {
  checkSize('w', w);
  checkSize('h', h);
  const view = store.requireNote(id);
  const note = store.requireNoteMap(id);
  store.transact(() => {
    note.set(NoteField.W, w);
    note.set(NoteField.H, h);
    const zone = zoneOfRect({ x: view.x, y: view.y, w, h });
    if (zone !== view.zone) note.set(NoteField.Zone, zone);
  });
}

export function deleteNotes(store: BoardStore, ids: readonly string[]): void {
  const present = new Set(ids.filter((id) => store.notes.has(id)));
  if (present.size === 0) return;
  const links: string[] = [];
  store.links.forEach((value, linkId) => {
    if (!(value instanceof Y.Map)) return;
    const from: unknown = value.get(LinkField.From);
    const to: unknown = value.get(LinkField.To);
    if ((typeof from === 'string' && present.has(from)) || (typeof to === 'string' && present.has(to))) links.push(linkId);
  });
  store.transact(() => {
    for (const id of present) store.notes.delete(id);
    for (const linkId of links) store.links.delete(linkId);
  });
}

export function getNote(store: BoardStore, id: string): NoteView | undefined {
  return store.getSnapshot().byId.get(id);
}
