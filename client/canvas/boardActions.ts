import type { BoardModel } from '../../shared/board/model';
import { addDotAction, removeDotAction, runAction } from '../actions';
import { refusalOf } from '../board/commandErrors';

/**
 * Canvas gestures that can be refused, returning the refusal's words (for the canvas hint) instead
 * of throwing. The model is the only judge; commandErrors.ts words what it refuses.
 */
export function linkNotes(model: BoardModel, from: string, to: string, author: string): string | null {
  return refusalOf(() => model.addLink(from, to, undefined, author));
}

/** One dot more (+1) or less (−1) from this voter on a note: the same action as the outline's dot buttons. */
export function voteOn(model: BoardModel, noteId: string, voterId: string, delta: 1 | -1): string | null {
  const outcome = runAction(delta > 0 ? addDotAction : removeDotAction, { model, noteIds: [noteId], canEdit: true, myName: '', voterId });
  return outcome.done ? null : outcome.refusal;
}
