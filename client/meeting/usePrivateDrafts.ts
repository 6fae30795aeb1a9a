import { nanoid } from 'nanoid';
import { useCallback, useEffect, useState } from 'react';
import { commitDrafts, type PrivateDraft } from '../../shared/board/privateDrafts';
import type { BoardModel } from '../../shared/board/model';
import type { PrivateRoundView } from '../../shared/board/meeting';
import type { Zone } from '../../shared/board/zones';
import { useBoard } from '../board/BoardContext';
import { clearDrafts, loadDrafts, roundIsOver, saveDrafts, storedRounds } from './draftStore';
import { useMeeting, useServerNow } from './useMeeting';

function storage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

/** Commits drafts one by one when the batch is refused, so one bad draft cannot hold back the rest. */
function commitAll(model: BoardModel, drafts: readonly PrivateDraft[]): void {
  try {
    commitDrafts(model, drafts);
  } catch {
    for (const draft of drafts) {
      try {
        commitDrafts(model, [draft]);
      } catch (error) {
        console.warn('private draft could not be added', draft.id, error);
      }
    }
  }
}

/**
 * Commits every stored round the document shows to be over. Runs on open too, so a person who was
 * offline or had closed the tab at the reveal adds their drafts as soon as they are back.
 */
export function useCommitRevealedDrafts(boardId: string): void {
  const { model } = useBoard();
  const { privateRound } = useMeeting();
  useEffect(() => {
    const store = storage();
    if (!store) return;
    for (const stored of storedRounds(store, boardId)) {
      if (!roundIsOver(stored, privateRound)) continue;
      commitAll(model, stored.drafts);
      clearDrafts(store, boardId, stored.round);
    }
  }, [boardId, model, privateRound]);
}

export interface PrivateDrafts {
  /** The running round, or null when there is none. */
  round: PrivateRoundView | null;
  drafts: readonly PrivateDraft[];
  add(zone: Zone, text: string): void;
  update(id: string, text: string): void;
  remove(id: string): void;
}

/** This person's drafts in the running round: only in this browser until the leader reveals. */
export function usePrivateDrafts(boardId: string, author: string, color: string): PrivateDrafts {
  const { privateRound } = useMeeting();
  const now = useServerNow();
  const round = privateRound?.active ? privateRound : null;
  const roundId = round?.round ?? null;
  const [drafts, setDrafts] = useState<readonly PrivateDraft[]>([]);
  useEffect(() => {
    const store = storage();
    setDrafts(roundId && store ? loadDrafts(store, boardId, roundId) : []);
  }, [boardId, roundId]);

  const change = useCallback(
    (next: (current: readonly PrivateDraft[]) => readonly PrivateDraft[]) => {
      if (!round) return;
      setDrafts((current) => {
        const updated = next(current);
        const store = storage();
        if (store) saveDrafts(store, boardId, round.round, round.startedAt, updated);
        return updated;
      });
    },
    [boardId, round],
  );

  return {
    round,
    drafts,
    add: useCallback(
      (zone: Zone, text: string) => change((current) => [...current, { id: nanoid(), zone, text, color, author, createdAt: now() }]),
      [change, color, author, now],
    ),
    update: useCallback((id: string, text: string) => change((current) => current.map((d) => (d.id === id ? { ...d, text } : d))), [change]),
    remove: useCallback((id: string) => change((current) => current.filter((d) => d.id !== id)), [change]),
  };
}
