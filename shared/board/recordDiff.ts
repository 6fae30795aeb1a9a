import type { BoardRecord, NoteEdit, NoteSummary, NoteZoneMove, RecordDiff, RecordNote } from './recordSchema';
import type { Zone } from './zones';

// The diff's types are declared once, with the JSON Schema the server replies with.
export type { NoteEdit, NoteSummary, NoteZoneMove, RecordDiff } from './recordSchema';

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
