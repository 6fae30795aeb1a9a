import * as Y from 'yjs';
import { BoardCommandError } from '../commandError';
import { MeetingField } from '../meeting';
import { NoteField } from '../note';
import type { BoardStore } from '../store/boardStore';
import { MAX_VOTE_BUDGET, MIN_VOTE_BUDGET, VoteField, isVoteBudget } from '../votes';
import { checkVoter } from './checks';

/** Dot-voting commands (docs/format.md, "votes"); their readers are in votes.ts. */

export function startVote(store: BoardStore, budget: number): void {
  if (!isVoteBudget(budget)) {
    throw new BoardCommandError('vote-budget', `budget must be a whole number from ${MIN_VOTE_BUDGET} to ${MAX_VOTE_BUDGET}`);
  }
  if (store.getSnapshot().meeting.vote?.active) throw new BoardCommandError('vote-running', 'a vote is already running; end it first');
  store.transact(() => {
    const vote = new Y.Map<unknown>();
    vote.set(VoteField.Active, true);
    vote.set(VoteField.Budget, budget);
    vote.set(VoteField.Revealed, false);
    vote.set(VoteField.StartedAt, store.now());
    store.meeting.set(MeetingField.Vote, vote);
    store.notes.forEach((note) => {
      if (!(note instanceof Y.Map)) return;
      const votes = note.get(NoteField.Votes);
      // Clearing keys rather than replacing the map keeps one map per note for everyone's dots.
      if (votes instanceof Y.Map) for (const voter of [...votes.keys()]) votes.delete(voter);
      else note.set(NoteField.Votes, new Y.Map<unknown>());
    });
  });
}

export function revealVotes(store: BoardStore): void {
  const vote = store.getSnapshot().meeting.vote;
  if (!vote) throw new BoardCommandError('no-vote', 'there is no vote to reveal');
  if (vote.revealed) return;
  store.transact(() => store.requireMeetingPart(MeetingField.Vote).set(VoteField.Revealed, true));
}

export function endVote(store: BoardStore): void {
  if (!store.getSnapshot().meeting.vote?.active) throw new BoardCommandError('vote-not-running', 'no vote is running');
  store.transact(() => store.requireMeetingPart(MeetingField.Vote).set(VoteField.Active, false));
}

export function castVote(store: BoardStore, noteId: string, voterId: string): void {
  checkVoter(voterId);
  const snapshot = store.getSnapshot();
  if (!snapshot.meeting.vote?.active) throw new BoardCommandError('vote-not-running', 'no vote is running');
  store.requireNote(noteId);
  if (snapshot.votesLeft(voterId) <= 0) throw new BoardCommandError('no-dots-left', 'no dots left');
  const current = store.dotsOn(noteId, voterId);
  const note = store.requireNoteMap(noteId);
  store.transact(() => {
    let votes = note.get(NoteField.Votes);
    if (!(votes instanceof Y.Map)) {
      votes = new Y.Map<unknown>();
      note.set(NoteField.Votes, votes);
    }
    (votes as Y.Map<unknown>).set(voterId, current + 1);
  });
}

export function removeVote(store: BoardStore, noteId: string, voterId: string): void {
  checkVoter(voterId);
  if (!store.getSnapshot().meeting.vote?.active) throw new BoardCommandError('vote-not-running', 'no vote is running');
  store.requireNote(noteId);
  const current = store.dotsOn(noteId, voterId);
  if (current <= 0) throw new BoardCommandError('no-dot-here', 'no dot of this voter on this note');
  const votes = store.requireNoteMap(noteId).get(NoteField.Votes);
  if (!(votes instanceof Y.Map)) throw new BoardCommandError('no-dot-here', 'no dot of this voter on this note');
  store.transact(() => {
    if (current === 1) votes.delete(voterId);
    else votes.set(voterId, current - 1);
  });
}
