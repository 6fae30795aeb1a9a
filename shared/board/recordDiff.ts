import type { BoardRecord, RecordNote } from './record';
import type { Zone } from './zones';

/** A note as a diff names it: enough to show a person which note is meant. */
export interface NoteSummary {
  readonly id: string;
  readonly zone: Zone;
  readonly text: string;
  readonly author: string;
  readonly color: string;
}

export interface NoteEdit {
  readonly id: string;
  /** The zone the note is in now (in the later record). */
  readonly zone: Zone;
  readonly before: string;
  readonly after: string;
}

export interface NoteZoneMove {
  readonly id: string;
  /** The note's text now (in the later record). */
  readonly text: string;
  readonly from: Zone;
  readonly to: Zone;
}

/**
 * What changed from record `a` to record `b`, matched by note id. `edited` means the text
 * changed; `moved` means the zone changed. A note can be both edited and moved.
 */
export interface RecordDiff {
  readonly added: readonly NoteSummary[];
  readonly removed: readonly NoteSummary[];
  readonly edited: readonly NoteEdit[];
  readonly moved: readonly NoteZoneMove[];
}

interface Located {
  zone: Zone;
  note: RecordNote;
}

function locate(record: BoardRecord): Map<string, Located> {
  const byId = new Map<string, Located>();
  for (const zone of record.zones) {
    for (const note of zone.notes) byId.set(note.id, { zone: zone.key, note });
  }
  return byId;
}

function summary({ zone, note }: Located): NoteSummary {
  return { id: note.id, zone, text: note.text, author: note.author, color: note.color };
}

/** Compares two records note by note. Lists follow the reading order of the record the notes are in. */
export function diffRecords(a: BoardRecord, b: BoardRecord): RecordDiff {
  const before = locate(a);
  const after = locate(b);
  const added: NoteSummary[] = [];
  const removed: NoteSummary[] = [];
  const edited: NoteEdit[] = [];
  const moved: NoteZoneMove[] = [];
  for (const [id, now] of after) {
    const then = before.get(id);
    if (!then) {
      added.push(summary(now));
      continue;
    }
    if (then.note.text !== now.note.text) edited.push({ id, zone: now.zone, before: then.note.text, after: now.note.text });
    if (then.zone !== now.zone) moved.push({ id, text: now.note.text, from: then.zone, to: now.zone });
  }
  for (const [id, then] of before) {
    if (!after.has(id)) removed.push(summary(then));
  }
  return { added, removed, edited, moved };
}

/** True when the diff lists no change at all. */
export function isEmptyDiff(diff: RecordDiff): boolean {
  return diff.added.length + diff.removed.length + diff.edited.length + diff.moved.length === 0;
}
