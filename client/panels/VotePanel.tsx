import { useState, type FormEvent } from 'react';
import { MAX_VOTE_BUDGET, MIN_VOTE_BUDGET } from '../../shared/board/votes';
import { useBoard } from '../board/BoardContext';
import { refusalOf } from '../board/commandErrors';
import { useTranslation } from '../i18n';
import type { VoteUi } from '../board/voteView';
import './votePanel.css';

const DEFAULT_BUDGET = 3;

/**
 * Dot voting: everyone sees how many dots they have left while a vote runs; the leader also gets
 * start (with the dots per person), reveal and end. Others never see these; and the server
 * undoes vote settings sent with an edit key, so no participant's client can start or reveal a vote.
 */
export default function VotePanel({ vote }: { vote: VoteUi }) {
  const { model, role } = useBoard();
  const { t } = useTranslation();
  const lead = role === 'lead';
  const [budget, setBudget] = useState(String(DEFAULT_BUDGET));
  const [error, setError] = useState<string | null>(null);

  const run = (command: () => void) => setError(refusalOf(command));
  const start = (event: FormEvent) => {
    event.preventDefault();
    run(() => model.startVote(Number(budget)));
  };

  return (
    <section className="vote-panel" aria-label={t('vote.panel')}>
      {vote.status === 'active' && (
        <span className="votes-left" data-testid="votes-left" aria-live="polite" title={t('vote.leftTitle')}>
          {t('vote.left', { count: vote.left })}
        </span>
      )}
      {lead && vote.status !== 'active' && (
        <form className="vote-start" onSubmit={start}>
          <label>
            {t('vote.dotsEach')}
            <input
              type="number"
              min={MIN_VOTE_BUDGET}
              max={MAX_VOTE_BUDGET}
              step={1}
              value={budget}
              onChange={(event) => setBudget(event.target.value)}
              data-testid="vote-budget"
            />
          </label>
          <button type="submit" data-testid="vote-start">
            {t('vote.start')}
          </button>
        </form>
      )}
      {lead && vote.status !== 'none' && !vote.totals && (
        <button type="button" data-testid="vote-reveal" onClick={() => run(() => model.revealVotes())}>
          {t('vote.reveal')}
        </button>
      )}
      {lead && vote.status === 'active' && (
        <button type="button" data-testid="vote-end" onClick={() => run(() => model.endVote())}>
          {t('vote.end')}
        </button>
      )}
      {error && (
        <span className="vote-error" role="alert">
          {error}
        </span>
      )}
    </section>
  );
}
