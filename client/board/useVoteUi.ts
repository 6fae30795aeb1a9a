import { useMemo } from 'react';
import type { BoardModel } from '../../shared/board/model';
import { voterId as myVoterId } from './identity';
import { useBoardState } from './useNotes';
import { deriveVoteUi, type VoteUi } from './voteView';

/**
 * The running vote as this browser's person sees it. Recomputed only when the meeting or the notes
 * change (a dot changes its note), so its maps keep identity otherwise and memoised shapes stay put.
 */
export function useVoteUi(given?: BoardModel, voterId: string = myVoterId()): VoteUi {
  const state = useBoardState(given);
  // The state object changes on every edit; the meeting and the notes are all the vote reads.
  return useMemo(() => deriveVoteUi(state, voterId), [state.meeting, state.notes, voterId]);
}
