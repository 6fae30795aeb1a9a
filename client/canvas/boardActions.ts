import type { BoardModel } from '../../shared/board/model';
import { addDotAction, linkNotesAction, removeDotAction, runAction, type BoardAction } from '../actions';

/**
 * Canvas gestures that can be refused, as the same registered actions the outline runs, returning
 * the refusal's words (for the canvas hint) instead of throwing. The model is the only judge;
 * commandErrors.ts words what it refuses.
 */
function attempt(action: BoardAction, model: BoardModel, noteId: string, myName: string, voterId: string, value?: string): string | null {
  const outcome = runAction(action, { model, noteIds: [noteId], canEdit: true, myName, voterId }, value);
  return outcome.done ? null : outcome.refusal;
}

export function linkNotes(model: BoardModel, from: string, to: string, author: string): string | null {
  return attempt(linkNotesAction, model, from, author, '', to);
}

/** One dot more (+1) or less (−1) from this voter on a note. */
export function voteOn(model: BoardModel, noteId: string, voterId: string, delta: 1 | -1): string | null {
  return attempt(delta > 0 ? addDotAction : removeDotAction, model, noteId, '', voterId);
}
