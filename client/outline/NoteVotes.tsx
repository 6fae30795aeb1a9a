import type { NoteView } from '../../shared/board/note';
import type { OutlineVote } from './outlineActions';
import { dots, noteLabel } from './noteLabel';

export interface NoteVotesProps {
  note: NoteView;
  vote: OutlineVote;
  canEdit: boolean;
  onAdd(): void;
  onRemove(): void;
}

function dotsLeft(left: number): string {
  return left === 0 ? 'no dots left' : `${dots(left)} left`;
}

/**
 * A note's dots: everyone's total once the leader reveals it, before that only this person's own.
 * The buttons stay enabled when the budget is spent so focus never drops off them; the model refuses
 * the extra dot and the outline announces why.
 */
export function NoteVotes({ note, vote, canEdit, onAdd, onRemove }: NoteVotesProps) {
  if (!vote.vote) return null;
  const mine = vote.mine.get(note.id) ?? 0;
  const shown = vote.vote.revealed
    ? `${dots(note.votes)}${mine > 0 ? ` (${mine} yours)` : ''}`
    : `Your dots: ${mine}`;
  const label = noteLabel(note);
  return (
    <span className="outline-votes-group">
      <span className="outline-votes" data-testid="outline-votes" data-total={vote.vote.revealed ? note.votes : undefined} data-mine={mine}>
        {shown}
      </span>
      {canEdit && vote.vote.active && (
        <>
          <button
            type="button"
            className="outline-dot"
            data-testid="outline-vote-add"
            aria-label={`Add a dot to ${label} (${dotsLeft(vote.left)})`}
            onClick={onAdd}
          >
            +
          </button>
          <button
            type="button"
            className="outline-dot"
            data-testid="outline-vote-remove"
            aria-label={`Remove a dot from ${label} (${mine} yours here)`}
            aria-disabled={mine === 0}
            onClick={onRemove}
          >
            −
          </button>
        </>
      )}
    </span>
  );
}
