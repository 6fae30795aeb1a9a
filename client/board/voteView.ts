import type { BoardState } from '../../shared/board/model';

/** What the vote looks like to one person. Derived from the board state; never written. */
export interface VoteUi {
  /** `none`: there has been no vote; `ended`: the last vote is closed (its dots stay). */
  status: 'none' | 'active' | 'ended';
  budget: number;
  /** Dots this person may still place (0 unless active). */
  left: number;
  /** This person's own dots per note id, shown only while the vote runs. */
  mine: ReadonlyMap<string, number>;
  /**
   * Total dots per note id (notes without dots absent), or `null` while the leader has not revealed
   * them. The document holds the totals for everyone; keeping them out of view is the UI's rule.
   */
  totals: ReadonlyMap<string, number> | null;
}

const NONE: ReadonlyMap<string, number> = new Map();

export function deriveVoteUi(state: Pick<BoardState, 'meeting' | 'notes' | 'votesBy' | 'votesLeft'>, voterId: string): VoteUi {
  const vote = state.meeting.vote;
  if (!vote) return { status: 'none', budget: 0, left: 0, mine: NONE, totals: null };
  let totals: Map<string, number> | null = null;
  if (vote.revealed) {
    totals = new Map();
    for (const note of state.notes) if (note.votes > 0) totals.set(note.id, note.votes);
  }
  return {
    status: vote.active ? 'active' : 'ended',
    budget: vote.budget,
    left: state.votesLeft(voterId),
    mine: vote.active ? state.votesBy(voterId) : NONE,
    totals,
  };
}
