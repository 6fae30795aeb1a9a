import * as Y from 'yjs';
import { Root, readMeta } from './meta';
import { compareReadingOrder, readNote, type NoteView } from './note';
import { ZONES, ZONE_TITLES, type Zone } from './zones';

/** One note as a record shows it: what was said and by whom, without its place on the canvas. */
export interface RecordNote {
  readonly id: string;
  readonly text: string;
  readonly color: string;
  readonly author: string;
  readonly createdAt: number;
}

/** One zone of a record, with its notes in reading order. */
export interface RecordZone {
  readonly key: Zone;
  readonly title: string;
  readonly prompt: string;
  readonly notes: readonly RecordNote[];
}

/**
 * A discernment record: what the board said at one moment, as plain JSON. Zones are always
 * who, need, there in that order; notes are in reading order (top to bottom, then left to right).
 */
export interface BoardRecord {
  readonly id: string;
  readonly label: string;
  /** Milliseconds since the epoch. */
  readonly createdAt: number;
  readonly title: string;
  readonly zones: readonly RecordZone[];
}

export interface RecordHeader {
  id: string;
  label: string;
  createdAt: number;
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

/** Derives the record of a board document as it is now. Reads only; never changes the document. */
export function toRecord(doc: Y.Doc, header: RecordHeader): BoardRecord {
  const meta = readMeta(doc.getMap(Root.Meta));
  const notes = readNotes(doc).sort(compareReadingOrder);
  return {
    id: header.id,
    label: header.label,
    createdAt: header.createdAt,
    title: meta.title,
    zones: ZONES.map((zone) => ({
      key: zone,
      title: ZONE_TITLES[zone],
      prompt: meta.prompts[zone],
      notes: notes
        .filter((note) => note.zone === zone)
        .map(({ id, text, color, author, createdAt }) => ({ id, text, color, author, createdAt })),
    })),
  };
}

/** How many notes a record holds, over all zones. */
export function recordNoteCount(record: BoardRecord): number {
  return record.zones.reduce((sum, zone) => sum + zone.notes.length, 0);
}
