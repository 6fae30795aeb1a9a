import type { VoteView } from '../../shared/board/votes';
import type { BoardModel } from '../../shared/board/model';
import { ZONES } from '../../shared/board/zones';
import { useTranslation } from '../i18n';
import type { FocusRequests } from './focusRequest';
import { DOTS_LEFT_ID } from './NoteVotes';
import { OutlineHistory } from './OutlineHistory';
import { dots, dotsLeft } from './noteLabel';
import { zoneRowKey } from './outlineRows';

export interface OutlineBarProps {
  model: BoardModel;
  canEdit: boolean;
  vote: VoteView | null;
  /** This person's dots left in the vote. */
  left: number;
  sortByVotes: boolean;
  onSortByVotes(on: boolean): void;
  /** The last gesture's outcome, announced politely. */
  status: string;
  focusRequests: FocusRequests;
}

/** The outline's top: undo, a jump to each zone, the vote's state and the status line. */
export function OutlineBar({ model, canEdit, vote, left, sortByVotes, onSortByVotes, status, focusRequests }: OutlineBarProps) {
  const { t } = useTranslation();
  return (
    <div className="outline-top">
      <div className="outline-bar">
        {/* Undo first: on a phone the bar scrolls sideways, and undo is what a slip needs at once. */}
        {canEdit && <OutlineHistory model={model} />}
        <nav className="outline-zones" aria-label={t('outline.goToZone')}>
          {ZONES.map((zone) => (
            <button
              key={zone}
              type="button"
              data-testid={`outline-go-${zone}`}
              onClick={() => focusRequests.request({ target: `heading:${zone}`, row: zoneRowKey(zone) })}
            >
              {t(`zones.${zone}`)}
            </button>
          ))}
        </nav>
        {vote?.revealed && (
          <button type="button" data-testid="outline-sort-votes" aria-pressed={sortByVotes} onClick={() => onSortByVotes(!sortByVotes)}>
            {t('outline.sortByVotes')}
          </button>
        )}
      </div>
      {vote && (
        <p className="outline-vote-summary" data-testid="outline-vote-summary">
          {vote.active ? (
            <>
              {t('outline.voteActiveStart')} <span id={DOTS_LEFT_ID}>{dotsLeft(left).toLowerCase()}</span> {t('outline.voteActiveEnd', { budget: dots(vote.budget) })}
            </>
          ) : (
            t('outline.voteEnded')
          )}
          {vote.revealed ? t('outline.totalsShown') : t('outline.totalsHidden')}
        </p>
      )}
      <p className="outline-status" role="status" data-testid="outline-status">
        {status}
      </p>
    </div>
  );
}
