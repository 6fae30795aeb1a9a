import * as Y from 'yjs';
import { Role } from '../../shared/protocol/ids';
import { isDotCount } from '../../shared/board/fieldRules';
import { forbidden, singleValue, type Content, type DeleteSet } from './updateContent';
import type { UpdatePlan, Writer } from './updateGuard';

/**
 * updateGuard's checks on dots: a voter casts and takes off only their own, under the voter id the
 * server derived for their socket. Whether they stay within the vote's budget is judged after
 * applying (outcomeCheck).
 */

/** A dot entry written in a note's votes. */
export function checkDot(plan: UpdatePlan, writer: Writer, noteId: string, voter: string | null, content: Content, deleted: boolean): void {
  if (voter === null) forbidden('note votes are a map');
  if (writer.voterId === null) forbidden('casting dots needs a voter secret (?voter=)');
  if (voter !== writer.voterId) forbidden("dots may only be cast under the sender's own voter id");
  if (!deleted && !isDotCount(singleValue(content))) forbidden('a dot count is an integer 1–20');
  plan.votedNotes.add(noteId);
}

/** A dot entry of the document that the update deletes. */
export function checkDotRemoval(plan: UpdatePlan, writer: Writer, ds: DeleteSet, dot: Y.Item, noteId: string, voter: string | null): void {
  // Deleting a note takes its dots with it, and starting a vote (the leader) clears them all.
  if (writer.role === Role.Lead || noteIsDeleted(ds, dot)) return;
  if (voter !== writer.voterId) forbidden("only a voter may take their own dots off");
  plan.votedNotes.add(noteId);
}

/** Whether the note that holds this dot entry is already deleted or deleted by this update. */
function noteIsDeleted(ds: DeleteSet, dot: Y.Item): boolean {
  const votesSlot = (dot.parent as Y.AbstractType<unknown>)._item;
  const noteSlot = votesSlot ? (votesSlot.parent as Y.AbstractType<unknown>)._item : null;
  if (!noteSlot) return false;
  return noteSlot.deleted || Y.isDeleted(ds, noteSlot.id);
}
