import { compareReadingOrder, type NoteView } from '../../shared/board/note';
import { ZONES, type Zone } from '../../shared/board/zones';

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
