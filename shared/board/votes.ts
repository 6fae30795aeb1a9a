import * as Y from 'yjs';

/**
 * Dot voting (format version 2, docs/format.md). Two places hold it:
 * - each note's `votes` field: `Y.Map` voter id → number of dots that voter put on the note;
 * - `meeting.vote`: `Y.Map` with the running vote's settings (`VoteField`).
 * One key per voter, so two people voting on one note at once never overwrite each other.
 */
export const VoteField = {
  Active: 'active',
  /** Dots per person, an integer 1–20. */
  Budget: 'budget',
  Revealed: 'revealed',
  StartedAt: 'startedAt',
} as const;
export type VoteField = (typeof VoteField)[keyof typeof VoteField];

export const MIN_VOTE_BUDGET = 1;
export const MAX_VOTE_BUDGET = 20;
export const MAX_VOTER_ID_LENGTH = 100;

/** The current (or last) vote as readers see it. */
export interface VoteView {
  /** People may cast and remove dots only while the vote is active. */
  readonly active: boolean;
  readonly budget: number;
  /** Totals may be shown to everyone. Hiding them before that is the UI's rule, not the document's. */
  readonly revealed: boolean;
  /** Server-corrected milliseconds since the epoch. */
  readonly startedAt: number;
}

export function isVoteBudget(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= MIN_VOTE_BUDGET && value <= MAX_VOTE_BUDGET;
}

export function isVoterId(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0 && value.length <= MAX_VOTER_ID_LENGTH;
}

/** Reads `meeting.vote`; anything that breaks the schema reads as "no vote". */
export function readVote(value: unknown): VoteView | null {
  if (!(value instanceof Y.Map)) return null;
  const active: unknown = value.get(VoteField.Active);
  const budget: unknown = value.get(VoteField.Budget);
  const revealed: unknown = value.get(VoteField.Revealed);
  const startedAt: unknown = value.get(VoteField.StartedAt);
  if (typeof active !== 'boolean' || typeof revealed !== 'boolean' || !isVoteBudget(budget)) return null;
  if (typeof startedAt !== 'number' || !Number.isFinite(startedAt)) return null;
  return { active, budget, revealed, startedAt };
}

/**
 * Reads a note's `votes` field into voter id → dots. An entry counts only if it is an integer
 * 1–20 (no voter can validly hold more on one note than the largest budget); anything else, and a
 * `votes` field that is not a `Y.Map`, counts as no dots. The note itself stays valid either way.
 */
export function readBallot(value: unknown): ReadonlyMap<string, number> {
  const ballot = new Map<string, number>();
  if (!(value instanceof Y.Map)) return ballot;
  value.forEach((dots: unknown, voter: string) => {
    if (typeof dots === 'number' && Number.isInteger(dots) && dots >= 1 && dots <= MAX_VOTE_BUDGET && isVoterId(voter)) {
      ballot.set(voter, dots);
    }
  });
  return ballot;
}

/** All dots on one note. */
export function ballotTotal(ballot: ReadonlyMap<string, number>): number {
  let total = 0;
  for (const dots of ballot.values()) total += dots;
  return total;
}

/** One voter's dots per note, from note id → ballot. Notes the voter left alone are absent. */
export function votesOf(ballots: ReadonlyMap<string, ReadonlyMap<string, number>>, voterId: string): ReadonlyMap<string, number> {
  const mine = new Map<string, number>();
  for (const [noteId, ballot] of ballots) {
    const dots = ballot.get(voterId);
    if (dots) mine.set(noteId, dots);
  }
  return mine;
}

/**
 * Dots a voter may still place: 0 unless a vote is active. Never negative — the same person voting
 * from two devices at once can overshoot the budget, and then simply has none left.
 */
export function votesLeftIn(vote: VoteView | null, mine: ReadonlyMap<string, number>): number {
  if (!vote?.active) return 0;
  let used = 0;
  for (const dots of mine.values()) used += dots;
  return Math.max(0, vote.budget - used);
}

/** "1 dot", "3 dots": how records speak of a note's votes. */
export function dotsLabel(count: number): string {
  return count === 1 ? '1 dot' : `${count} dots`;
}
