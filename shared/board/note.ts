import * as Y from 'yjs';
import { isHexColor } from './colors';
import { ballotTotal, readBallot } from './votes';
import { isZone, type Zone } from './zones';

/**
 * A sticky note as stored in the document (format version 2, docs/format.md):
 * `doc.getMap('notes')` maps a note id to a Y.Map with these fields. `votes` and `addedBy`
 * (version 2) are optional: a note without them is valid.
 */
export const NoteField = {
  Zone: 'zone',
  Text: 'text',
  X: 'x',
  Y: 'y',
  W: 'w',
  H: 'h',
  Color: 'color',
  Author: 'author',
  CreatedAt: 'createdAt',
  /** `Y.Map` voter id → dots (votes.ts). Discern creates it, empty, with the note. */
  Votes: 'votes',
  /** Optional string: who typed the note in for `author` (a leader writing for someone without a device). */
  AddedBy: 'addedBy',
  /** Optional boolean: the note's text is sized on its own, as large as it fits, not at its zone's size. */
  Large: 'large',
} as const;
export type NoteField = (typeof NoteField)[keyof typeof NoteField];

export const MAX_NOTE_TEXT = 2000;
export const MAX_AUTHOR_LENGTH = 80;
export const DEFAULT_NOTE_WIDTH = 220;
export const DEFAULT_NOTE_HEIGHT = 160;
export const MIN_NOTE_SIZE = 80;
export const MAX_NOTE_SIZE = 1000;

/** A note as readers see it: plain values, safe to render. Immutable; a change makes a new object. */
export interface NoteView {
  readonly id: string;
  readonly zone: Zone;
  readonly text: string;
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
  readonly color: string;
  readonly author: string;
  readonly createdAt: number;
  /** All dots on the note. Whether to show it before the vote is revealed is the UI's call. */
  readonly votes: number;
  /** Present when someone else typed the note in for `author`. */
  readonly addedBy?: string;
  /** Present (true) when the note is marked large: its text is sized on its own, not at its zone's size. */
  readonly large?: true;
}

function isFiniteNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

/**
 * Reads one entry of the notes map. Any client can write to the document, so nothing is trusted:
 * an entry that breaks the schema yields `null` and is left out, never thrown on.
 */
export function readNote(id: string, value: unknown): NoteView | null {
  if (!(value instanceof Y.Map)) return null;
  const zone: unknown = value.get(NoteField.Zone);
  const text: unknown = value.get(NoteField.Text);
  const x: unknown = value.get(NoteField.X);
  const y: unknown = value.get(NoteField.Y);
  const w: unknown = value.get(NoteField.W);
  const h: unknown = value.get(NoteField.H);
  const color: unknown = value.get(NoteField.Color);
  const author: unknown = value.get(NoteField.Author);
  const createdAt: unknown = value.get(NoteField.CreatedAt);
  if (!isZone(zone) || !(text instanceof Y.Text)) return null;
  if (!isFiniteNumber(x) || !isFiniteNumber(y) || !isFiniteNumber(w) || !isFiniteNumber(h)) return null;
  if (w <= 0 || h <= 0 || !isHexColor(color)) return null;
  if (typeof author !== 'string' || !isFiniteNumber(createdAt)) return null;
  const votes = ballotTotal(readBallot(value.get(NoteField.Votes)));
  const addedBy: unknown = value.get(NoteField.AddedBy);
  let view: NoteView = { id, zone, text: text.toString(), x, y, w, h, color: color.toLowerCase(), author, createdAt, votes };
  // A malformed `addedBy` or `large` is left out rather than dropping the note: the note itself is sound.
  if (typeof addedBy === 'string' && addedBy) view = { ...view, addedBy: addedBy.slice(0, MAX_AUTHOR_LENGTH) };
  if (value.get(NoteField.Large) === true) view = { ...view, large: true };
  return view;
}

/** Reading order used by outlines and records: top to bottom, then left to right. */
export function compareReadingOrder(a: Pick<NoteView, 'x' | 'y' | 'id'>, b: Pick<NoteView, 'x' | 'y' | 'id'>): number {
  return a.y - b.y || a.x - b.x || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}
