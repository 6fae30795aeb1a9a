import { useState, type FormEvent } from 'react';
import { MAX_VOTE_BUDGET, MIN_VOTE_BUDGET } from '../../shared/board/votes';
import { useBoard } from '../board/BoardContext';
import { refusalOf } from '../board/commandErrors';
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
  const lead = role === 'lead';
  const [budget, setBudget] = useState(String(DEFAULT_BUDGET));
  const [error, setError] = useState<string | null>(null);

  const run = (command: () => void) => setError(refusalOf(command));
  const start = (event: FormEvent) => {
    event.preventDefault();
    run(() => model.startVote(Number(budget)));
  };

  return (
    <section className="vote-panel" aria-label="Dot voting">
      {vote.status === 'active' && (
        <span className="votes-left" data-testid="votes-left" aria-live="polite" title="Click + on a note, or select it and press V">
          {vote.left} {vote.left === 1 ? 'dot' : 'dots'} left
        </span>
      )}
      {lead && vote.status !== 'active' && (
        <form className="vote-start" onSubmit={start}>
          <label>
            Dots each
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
            Start vote
          </button>
        </form>
      )}
      {lead && vote.status !== 'none' && !vote.totals && (
        <button type="button" data-testid="vote-reveal" onClick={() => run(() => model.revealVotes())}>
          Reveal totals
        </button>
      )}
      {lead && vote.status === 'active' && (
        <button type="button" data-testid="vote-end" onClick={() => run(() => model.endVote())}>
          End vote
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
