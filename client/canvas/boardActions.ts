import { inferLinkKind } from '../../shared/board/links';
import { BoardCommandError, type BoardModel } from '../../shared/board/model';

/**
 * Canvas gestures that can be refused, as model commands that return a short message for the
 * person instead of throwing. The model stays the judge; the checks here only word the refusal.
 */
export function linkNotes(model: BoardModel, from: string, to: string, author: string): string | null {
  const a = model.getNote(from);
  const b = model.getNote(to);
  if (!a || !b || from === to) return null;
  if (!inferLinkKind(a.zone, b.zone)) return 'Link a need to who’s already there, or one of us to a need';
  return attempt(() => model.addLink(from, to, undefined, author));
}

/** One dot more (+1) or less (−1) from this voter on a note. */
export function voteOn(model: BoardModel, noteId: string, voterId: string, delta: 1 | -1): string | null {
  const snapshot = model.getSnapshot();
  if (!snapshot.meeting.vote?.active) return 'No vote is running';
  if (delta > 0 && snapshot.votesLeft(voterId) <= 0) return 'No dots left';
  if (delta < 0 && !snapshot.votesBy(voterId).get(noteId)) return 'None of your dots are on this note';
  return attempt(() => (delta > 0 ? model.castVote(noteId, voterId) : model.removeVote(noteId, voterId)));
}

function attempt(command: () => unknown): string | null {
  try {
    command();
    return null;
  } catch (error) {
    if (error instanceof BoardCommandError) return error.message === 'no dots left' ? 'No dots left' : error.message;
    throw error;
  }
}
