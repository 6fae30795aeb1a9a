import type * as Y from 'yjs';
import type { LinkView } from '../links';
import type { MeetingView } from '../meeting';
import type { BoardMeta } from '../meta';
import { NoteField, readNote, type NoteView } from '../note';
import { NoteIndex } from '../noteIndex';
import { readBallot, votesLeftIn, votesOf } from '../votes';

/**
 * What React and other readers render: the board as last read, rebuilt after each change (called a
 * "state" so that "snapshot" only ever means what React's `getSnapshot` returns, never a saved
 * record). Unchanged notes keep their object identity from one state to the next.
 */
export interface BoardState {
  readonly meta: BoardMeta;
  /** Valid notes in stacking order (oldest first, so newer notes draw on top). */
  readonly notes: readonly NoteView[];
  readonly byId: NoteIndex;
  /** Valid links only (both notes exist; duplicates collapsed), oldest first. Kept while unchanged. */
  readonly links: readonly LinkView[];
  /** Phase, vote, timer and private round. Kept (same object) while the meeting root is unchanged. */
  readonly meeting: MeetingView;
  /** One voter's dots per note id (notes they left alone are absent). */
  votesBy(voterId: string): ReadonlyMap<string, number>;
  /** Dots the voter may still place: 0 when no vote is active, never negative. */
  votesLeft(voterId: string): number;
}

/** Note id → that note's valid votes (voter id → dots). Replaced, never mutated. */
export type Ballots = ReadonlyMap<string, ReadonlyMap<string, number>>;

export const NO_BALLOTS: Ballots = new Map();

export function stackingOrder(a: NoteView, b: NoteView): number {
  return a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

export function makeBoardState(
  parts: Pick<BoardState, 'meta' | 'notes' | 'byId' | 'links' | 'meeting'>,
  ballots: Ballots,
): BoardState {
  const byVoter = new Map<string, ReadonlyMap<string, number>>();
  const votesBy = (voterId: string): ReadonlyMap<string, number> => {
    let mine = byVoter.get(voterId);
    if (!mine) {
      mine = votesOf(ballots, voterId);
      byVoter.set(voterId, mine);
    }
    return mine;
  };
  return { ...parts, votesBy, votesLeft: (voterId) => votesLeftIn(parts.meeting.vote, votesBy(voterId)) };
}

/** The notes part of a snapshot, with the ballots it was read with. */
export interface NotesState {
  readonly notes: readonly NoteView[];
  readonly byId: NoteIndex;
  readonly ballots: Ballots;
}

/** Reads every note (a model's first snapshot). */
export function readAllNotes(notesMap: Y.Map<unknown>): NotesState {
  const views = new Map<string, NoteView>();
  const ballots = new Map<string, ReadonlyMap<string, number>>();
  notesMap.forEach((value, id) => {
    const view = readNote(id, value);
    if (!view) return;
    views.set(id, view);
    if (view.votes > 0) ballots.set(id, readBallot((value as Y.Map<unknown>).get(NoteField.Votes)));
  });
  return { notes: [...views.values()].sort(stackingOrder), byId: NoteIndex.from(views), ballots };
}

/**
 * Re-reads only the notes a transaction touched. `membershipChanged` says whether a note came,
 * went or changed its time, which is when the links must be re-selected.
 */
export function updateNotes(
  previous: NotesState,
  dirty: Iterable<string>,
  notesMap: Y.Map<unknown>,
): NotesState & { membershipChanged: boolean } {
  const nextBallots = new Map(previous.ballots);
  const changes = new Map<string, NoteView | null>();
  // New notes are nearly always the newest, so they go on the end without sorting the board.
  const appended: NoteView[] = [];
  let reordered = false;
  let membershipChanged = false;
  const newest = previous.notes.at(-1);
  for (const id of dirty) {
    const raw = notesMap.get(id);
    const view = readNote(id, raw);
    const before = previous.byId.get(id);
    if (view) {
      changes.set(id, view);
      if (view.votes > 0) nextBallots.set(id, readBallot((raw as Y.Map<unknown>).get(NoteField.Votes)));
      else nextBallots.delete(id);
      if (!before && (!newest || stackingOrder(newest, view) < 0)) appended.push(view);
      else if (!before || before.createdAt !== view.createdAt) reordered = true;
      if (!before || before.createdAt !== view.createdAt) membershipChanged = true;
    } else if (before) {
      reordered = true;
      changes.set(id, null);
      nextBallots.delete(id);
      membershipChanged = true;
    }
  }
  const byId = previous.byId.with(changes);
  let notes: readonly NoteView[];
  if (reordered) {
    notes = [...byId.values()].sort(stackingOrder);
  } else {
    notes = previous.notes.map((note) => changes.get(note.id) ?? note);
    if (appended.length > 0) notes = notes.concat(appended.sort(stackingOrder));
  }
  return { notes, byId, ballots: nextBallots, membershipChanged };
}
