import * as Y from 'yjs';
import { LinkKind, readLinks } from './links';
import { readMeeting } from './meeting';
import { DEFAULT_TITLE, MAX_PROMPT_LENGTH, MAX_TITLE_LENGTH, Root, readMeta } from './meta';
import { compareReadingOrder, readNote, type NoteView } from './note';
import { ZONES, ZONE_TITLES, Zone } from './zones';
import type { BoardRecord, RecordCanServe, RecordHeader, RecordLinks, RecordNote, RecordServedBy } from './recordSchema';

// The record's types are declared once, with the JSON Schema the server checks them with.
export type {
  BoardRecord,
  DiffReply,
  RecordCanServe,
  RecordHeader,
  RecordLinks,
  RecordNote,
  RecordServedBy,
  RecordSummary,
  RecordZone,
} from './recordSchema';

/** The id that stands for the board as it is now where a record id is expected (a side of a diff). */
export const LIVE_RECORD_ID = 'live';

/** The longest label a record may be given, in UTF-16 code units. */
export const MAX_RECORD_LABEL_LENGTH = 120;

/**
 * `text` cut to at most `max` UTF-16 code units, never in the middle of a surrogate pair (so an
 * emoji at the cut goes whole rather than leaving half a character).
 */
export function clipText(text: string, max: number): string {
  if (text.length <= max) return text;
  const end = /[\uD800-\uDBFF]/.test(text.charAt(max - 1)) ? max - 1 : max;
  return text.slice(0, end);
}

/** The valid notes of a board document; malformed entries are skipped. */
export function readNotes(doc: Y.Doc): NoteView[] {
  const notes: NoteView[] = [];
  doc.getMap(Root.Notes).forEach((value, id) => {
    const view = readNote(id, value);
    if (view) notes.push(view);
  });
  return notes;
}

/**
 * Derives the record of a board document as it is now. Reads only; never changes the document.
 * Whatever a client wrote into `meta`, the record's title is 1–MAX_TITLE_LENGTH characters and each
 * prompt at most MAX_PROMPT_LENGTH (as `normalizeBoardState` makes them).
 */
export function toRecord(doc: Y.Doc, header: RecordHeader): BoardRecord {
  const meta = readMeta(doc.getMap(Root.Meta));
  const title = clipText(meta.title, MAX_TITLE_LENGTH);
  const notes = readNotes(doc).sort(compareReadingOrder);
  const vote = readMeeting(doc.getMap(Root.Meeting)).vote;
  const showVotes = vote !== null && (vote.revealed || !vote.active);
  const toRecordNote = ({ id, text, color, author, createdAt, votes, addedBy }: NoteView): RecordNote => ({
    id,
    text,
    color,
    author,
    createdAt,
    ...(showVotes ? { votes } : {}),
    ...(addedBy !== undefined ? { addedBy } : {}),
  });
  return {
    id: header.id,
    label: header.label,
    createdAt: header.createdAt,
    title: title.trim() ? title : DEFAULT_TITLE,
    zones: ZONES.map((zone) => ({
      key: zone,
      title: ZONE_TITLES[zone],
      prompt: clipText(meta.prompts[zone], MAX_PROMPT_LENGTH),
      notes: notes.filter((note) => note.zone === zone).map(toRecordNote),
    })),
    links: recordLinks(doc, notes),
  };
}

/** The valid links of `doc` as record rows, ordered by the need's place on the board. */
function recordLinks(doc: Y.Doc, notesInReadingOrder: readonly NoteView[]): RecordLinks {
  const byId = new Map(notesInReadingOrder.map((note) => [note.id, note]));
  const rank = new Map(notesInReadingOrder.map((note, index) => [note.id, index]));
  const order = (needA: string, otherA: string, needB: string, otherB: string): number =>
    (rank.get(needA) ?? 0) - (rank.get(needB) ?? 0) || (rank.get(otherA) ?? 0) - (rank.get(otherB) ?? 0);
  const links = readLinks(doc.getMap(Root.Links), byId);
  const servedBy: RecordServedBy[] = [];
  const canServe: RecordCanServe[] = [];
  for (const link of links) {
    const from = byId.get(link.from);
    const to = byId.get(link.to);
    if (!from || !to) continue;
    if (link.kind === LinkKind.ServedBy) servedBy.push({ needId: from.id, need: from.text, thereId: to.id, there: to.text });
    else canServe.push({ whoId: from.id, who: from.text, needId: to.id, need: to.text });
  }
  servedBy.sort((a, b) => order(a.needId, a.thereId, b.needId, b.thereId));
  canServe.sort((a, b) => order(a.needId, a.whoId, b.needId, b.whoId));
  return { servedBy, canServe };
}

/** How many notes a record holds, over all zones. */
export function recordNoteCount(record: BoardRecord): number {
  return record.zones.reduce((sum, zone) => sum + zone.notes.length, 0);
}

/** One row of the table "need — already served by / could partner with". */
export interface LinkTableRow {
  readonly needId: string;
  readonly need: string;
  readonly servedBy: readonly string[];
  readonly canServe: readonly string[];
}

/**
 * A record's links as table rows, one per linked need, in the need zone's reading order (needs
 * whose note has since left that zone come last). Plain text: each format escapes it its own way.
 */
export function linkTableRows(record: BoardRecord): LinkTableRow[] {
  const links = record.links;
  if (!links) return [];
  const rows = new Map<string, { needId: string; need: string; servedBy: string[]; canServe: string[] }>();
  const row = (needId: string, need: string): { needId: string; need: string; servedBy: string[]; canServe: string[] } => {
    let entry = rows.get(needId);
    if (!entry) {
      entry = { needId, need, servedBy: [], canServe: [] };
      rows.set(needId, entry);
    }
    return entry;
  };
  for (const link of links.servedBy) row(link.needId, link.need).servedBy.push(link.there);
  for (const link of links.canServe) row(link.needId, link.need).canServe.push(link.who);
  const needOrder = new Map(record.zones.find((zone) => zone.key === Zone.Need)?.notes.map((note, index) => [note.id, index]));
  return [...rows.values()]
    .map((entry, index) => ({ entry, rank: needOrder.get(entry.needId) ?? Number.MAX_SAFE_INTEGER - rows.size + index }))
    .sort((a, b) => a.rank - b.rank)
    .map(({ entry }) => entry);
}

/** Notes with dots, most first, with their zone's title: the vote's result, when the record carries totals. */
export function votedNotes(record: BoardRecord): Array<{ note: RecordNote; zoneTitle: string }> {
  const voted: Array<{ note: RecordNote; zoneTitle: string }> = [];
  for (const zone of record.zones) {
    for (const note of zone.notes) if (note.votes) voted.push({ note, zoneTitle: zone.title });
  }
  return voted.sort((a, b) => (b.note.votes ?? 0) - (a.note.votes ?? 0));
}
