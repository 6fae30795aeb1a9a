import { Type, type Static } from '@sinclair/typebox';
import { ZONES } from './zones';

/**
 * One declaration per record shape: each TypeBox schema below is the JSON Schema the server
 * validates and serialises with (docs/api.md), and `Static<…>` of it is the TypeScript type that
 * record.ts and recordDiff.ts export. The client imports only the types, so TypeBox stays out of
 * its bundle.
 */

/** A zone key, `'who' | 'need' | 'there'`: the zones of zones.ts, as a union of constants both validators know. */
export const ZoneKeySchema = Type.Union(ZONES.map((zone) => Type.Literal(zone)));

/** One note as a record shows it: what was said and by whom, without its place on the canvas. */
export const RecordNoteSchema = Type.Object({
  id: Type.String(),
  text: Type.String(),
  color: Type.String(),
  author: Type.String(),
  createdAt: Type.Number(),
  /**
   * Dots on the note. Present only when the board has had a vote whose totals may be shown: it
   * was revealed, or it has ended. Absent while a vote runs unrevealed, and on boards never voted on.
   */
  votes: Type.Optional(Type.Integer()),
  /** Who typed the note in for `author`, when that was someone else. */
  addedBy: Type.Optional(Type.String()),
});

/** "This need is already served by…": a `served-by` link, from a need to who's already there. */
export const RecordServedBySchema = Type.Object({
  needId: Type.String(),
  need: Type.String(),
  thereId: Type.String(),
  there: Type.String(),
});

/** "We could serve this need": a `can-serve` link, from who we are to a need. */
export const RecordCanServeSchema = Type.Object({
  whoId: Type.String(),
  who: Type.String(),
  needId: Type.String(),
  need: Type.String(),
});

/** The links of a record as the table "need — already served by / could partner with", in reading order of the need. */
export const RecordLinksSchema = Type.Object({
  servedBy: Type.Array(RecordServedBySchema),
  canServe: Type.Array(RecordCanServeSchema),
});

/** One zone of a record, with its notes in reading order. */
export const RecordZoneSchema = Type.Object({
  key: ZoneKeySchema,
  title: Type.String(),
  prompt: Type.String(),
  notes: Type.Array(RecordNoteSchema),
});

/**
 * A discernment record: what the board said at one moment, as plain JSON. Zones are always
 * who, need, there in that order; notes are in reading order (top to bottom, then left to right).
 */
export const BoardRecordSchema = Type.Object({
  id: Type.String(),
  label: Type.String(),
  /** Milliseconds since the epoch. */
  createdAt: Type.Number(),
  title: Type.String(),
  zones: Type.Array(RecordZoneSchema),
  /** Format version 2. Absent in records taken before links existed; read it as no links. */
  links: Type.Optional(RecordLinksSchema),
});

/** A saved record as lists show it (`RecordSummary` in docs/api.md, once called `SnapshotSummary`). */
export const RecordSummarySchema = Type.Object({
  id: Type.String(),
  boardId: Type.String(),
  label: Type.String(),
  /** Milliseconds since the epoch. */
  createdAt: Type.Number(),
  noteCount: Type.Integer(),
});

/** A note as a diff names it: enough to show a person which note is meant. */
export const NoteSummarySchema = Type.Object({
  id: Type.String(),
  zone: ZoneKeySchema,
  text: Type.String(),
  author: Type.String(),
  color: Type.String(),
});

/** A note whose text changed; `zone` is where it is in the later record. */
export const NoteEditSchema = Type.Object({
  id: Type.String(),
  zone: ZoneKeySchema,
  before: Type.String(),
  after: Type.String(),
});

/** A note whose zone changed; `text` is its text in the later record. */
export const NoteZoneMoveSchema = Type.Object({
  id: Type.String(),
  text: Type.String(),
  from: ZoneKeySchema,
  to: ZoneKeySchema,
});

/**
 * What changed from record `a` to record `b`, matched by note id. `edited` means the text
 * changed; `moved` means the zone changed. A note can be both edited and moved.
 */
export const RecordDiffSchema = Type.Object({
  added: Type.Array(NoteSummarySchema),
  removed: Type.Array(NoteSummarySchema),
  edited: Type.Array(NoteEditSchema),
  moved: Type.Array(NoteZoneMoveSchema),
});

/** Which record a side of a diff is. */
export const RecordHeaderSchema = Type.Object({ id: Type.String(), label: Type.String(), createdAt: Type.Number() });

/** The reply of `GET …/diff/…`: the two sides and what changed. */
export const DiffReplySchema = Type.Composite([Type.Object({ from: RecordHeaderSchema, to: RecordHeaderSchema }), RecordDiffSchema]);

export type RecordNote = Static<typeof RecordNoteSchema>;
export type RecordServedBy = Static<typeof RecordServedBySchema>;
export type RecordCanServe = Static<typeof RecordCanServeSchema>;
export type RecordLinks = Static<typeof RecordLinksSchema>;
export type RecordZone = Static<typeof RecordZoneSchema>;
export type BoardRecord = Static<typeof BoardRecordSchema>;
export type RecordHeader = Static<typeof RecordHeaderSchema>;
export type RecordSummary = Static<typeof RecordSummarySchema>;
export type DiffReply = Static<typeof DiffReplySchema>;
export type NoteSummary = Static<typeof NoteSummarySchema>;
export type NoteEdit = Static<typeof NoteEditSchema>;
export type NoteZoneMove = Static<typeof NoteZoneMoveSchema>;
export type RecordDiff = Static<typeof RecordDiffSchema>;
