import type { NoteView } from '../../shared/board/note';
import type { VoteView } from '../../shared/board/votes';
import { useTranslation } from '../i18n';
import { dots, noteLabel } from './noteLabel';

/** Id of the outline's "N dots left" text, which every + button points to for its description. */
export const DOTS_LEFT_ID = 'outline-dots-left';

export interface NoteVotesProps {
  note: NoteView;
  vote: VoteView | null;
  /** This person's dots on this note. */
  mine: number;
  canEdit: boolean;
  onAdd(): void;
  onRemove(): void;
}

/**
 * A note's dots: everyone's total once the leader reveals it, before that only this person's own.
 * The buttons stay enabled when the budget is spent so focus never drops off them; the model refuses
 * the extra dot and the outline announces why. How many dots are left is said once for the whole
 * outline and referenced by description, so spending a dot re-renders only the note it went on.
 */
export function NoteVotes({ note, vote, mine, canEdit, onAdd, onRemove }: NoteVotesProps) {
  const { t } = useTranslation();
  if (!vote) return null;
  const shown = vote.revealed
    ? mine > 0
      ? t('outline.totalWithMine', { total: dots(note.votes), mine })
      : dots(note.votes)
    : t('outline.yourDots', { count: mine });
  const label = noteLabel(note);
  return (
    <span className="outline-votes-group">
      <span className="outline-votes" data-testid="outline-votes" data-total={vote.revealed ? note.votes : undefined} data-mine={mine}>
        {shown}
      </span>
      {canEdit && vote.active && (
        <>
          <button
            type="button"
            className="outline-dot"
            data-testid="outline-vote-add"
            aria-label={t('outline.addDot', { note: label })}
            aria-describedby={DOTS_LEFT_ID}
            onClick={onAdd}
          >
            +
          </button>
          <button
            type="button"
            className="outline-dot"
            data-testid="outline-vote-remove"
            aria-label={t('outline.removeDot', { note: label, mine })}
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
