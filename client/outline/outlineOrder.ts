import { compareReadingOrder, type NoteView } from '../../shared/board/note';
import { ZONES, type Zone } from '../../shared/board/zones';

/** The outline's order: each zone's notes, and what it was computed from. */
export interface ZoneOrder {
  /** The board state's notes this order was checked against. */
  readonly notes: readonly NoteView[];
  readonly byVotes: boolean;
  /** Note ids of each zone, in outline order. Keeps its identity while the order is unchanged. */
  readonly ids: Readonly<Record<Zone, readonly string[]>>;
}

/**
 * Notes grouped by zone, each zone in reading order (as the canvas lays them out), or by vote total
 * first when `byVotes` (ties keep reading order, so the list does not shuffle between equal notes).
 */
export function notesByZone(notes: readonly NoteView[], byVotes: boolean): Record<Zone, NoteView[]> {
  const groups = Object.fromEntries(ZONES.map((zone) => [zone, [] as NoteView[]])) as Record<Zone, NoteView[]>;
  for (const note of notes) groups[note.zone].push(note);
  for (const zone of ZONES) {
    groups[zone].sort((a, b) => (byVotes ? b.votes - a.votes : 0) || compareReadingOrder(a, b));
  }
  return groups;
}

/** Whether `a` and `b` (same id) sort the same; text, colour and author never move a note in the outline. */
function samePlace(a: NoteView, b: NoteView, byVotes: boolean): boolean {
  return a.id === b.id && a.zone === b.zone && a.x === b.x && a.y === b.y && (!byVotes || a.votes === b.votes);
}

/**
 * The outline order for `notes`, reusing `previous` when no note was added, removed or moved. The
 * model keeps unchanged notes (and their places in its array) between states, so that check is
 * one pointer comparison per note; sorting happens only when the order may really have changed.
 */
export function zoneOrder(notes: readonly NoteView[], byVotes: boolean, previous: ZoneOrder | null): ZoneOrder {
  if (previous && previous.byVotes === byVotes && previous.notes.length === notes.length) {
    let same = true;
    for (let index = 0; index < notes.length && same; index++) {
      const before = previous.notes[index]!;
      const now = notes[index]!;
      same = before === now || samePlace(before, now, byVotes);
    }
    if (same) return { notes, byVotes, ids: previous.ids };
  }
  const groups = notesByZone(notes, byVotes);
  const ids = Object.fromEntries(ZONES.map((zone) => [zone, groups[zone].map((note) => note.id)])) as Record<Zone, string[]>;
  return { notes, byVotes, ids };
}
