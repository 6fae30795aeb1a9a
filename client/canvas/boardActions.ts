import { inferLinkKind } from '../../shared/board/links';
import { BoardCommandError, type BoardModel } from '../../shared/board/model';
import { t } from '../i18n';
import { commandErrorMessage } from '../i18n/commandErrors';

/**
 * Canvas gestures that can be refused, as model commands that return a short message for the
 * person instead of throwing. The model stays the judge; the checks here only word the refusal.
 */
export function linkNotes(model: BoardModel, from: string, to: string, author: string): string | null {
  const a = model.getNote(from);
  const b = model.getNote(to);
  if (!a || !b || from === to) return null;
  if (!inferLinkKind(a.zone, b.zone)) return t('canvas.wrongZones');
  return attempt(() => model.addLink(from, to, undefined, author));
}

/** One dot more (+1) or less (−1) from this voter on a note. */
export function voteOn(model: BoardModel, noteId: string, voterId: string, delta: 1 | -1): string | null {
  const snapshot = model.getSnapshot();
  if (!snapshot.meeting.vote?.active) return t('canvas.noVote');
  if (delta > 0 && snapshot.votesLeft(voterId) <= 0) return t('canvas.noDots');
  if (delta < 0 && !snapshot.votesBy(voterId).get(noteId)) return t('canvas.noneOfYours');
  return attempt(() => (delta > 0 ? model.castVote(noteId, voterId) : model.removeVote(noteId, voterId)));
}

function attempt(command: () => unknown): string | null {
  try {
    command();
    return null;
  } catch (error) {
    if (error instanceof BoardCommandError) return error.message === 'no dots left' ? t('canvas.noDots') : commandErrorMessage(error);
    throw error;
  }
}
