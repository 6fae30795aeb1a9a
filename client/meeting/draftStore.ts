import type { PrivateDraft } from '../../shared/board/privateDrafts';
import { isZone } from '../../shared/board/zones';

/**
 * Private-writing drafts, kept only in this browser's localStorage (never in the shared document)
 * under one key per board and round, so a reload or a lost connection before the reveal loses nothing.
 */
export interface StoredRound {
  round: string;
  /** The round's start (server clock): a later round's start proves this one is over. */
  startedAt: number;
  drafts: PrivateDraft[];
}

const PREFIX = 'discern:drafts:';

export function draftKey(boardId: string, round: string): string {
  return `${PREFIX}${boardId}:${round}`;
}

function isDraft(value: unknown): value is PrivateDraft {
  if (typeof value !== 'object' || value === null) return false;
  const d = value as Record<string, unknown>;
  return typeof d.id === 'string' && isZone(d.zone) && typeof d.text === 'string' && typeof d.color === 'string'
    && typeof d.author === 'string' && typeof d.createdAt === 'number' && Number.isFinite(d.createdAt);
}

function parseRound(raw: string | null): StoredRound | null {
  if (!raw) return null;
  try {
    const value = JSON.parse(raw) as Partial<StoredRound>;
    if (typeof value.round !== 'string' || typeof value.startedAt !== 'number' || !Array.isArray(value.drafts)) return null;
    return { round: value.round, startedAt: value.startedAt, drafts: value.drafts.filter(isDraft) };
  } catch {
    return null;
  }
}

export function loadDrafts(storage: Storage, boardId: string, round: string): PrivateDraft[] {
  return parseRound(storage.getItem(draftKey(boardId, round)))?.drafts ?? [];
}

/** Saves a round's drafts; an empty list removes the key. Returns false when storage refused. */
export function saveDrafts(storage: Storage, boardId: string, round: string, startedAt: number, drafts: readonly PrivateDraft[]): boolean {
  try {
    if (drafts.length === 0) storage.removeItem(draftKey(boardId, round));
    else storage.setItem(draftKey(boardId, round), JSON.stringify({ round, startedAt, drafts: [...drafts] } satisfies StoredRound));
    return true;
  } catch {
    return false;
  }
}

/** Every round this browser still holds drafts for on this board. */
export function storedRounds(storage: Storage, boardId: string): StoredRound[] {
  const rounds: StoredRound[] = [];
  const prefix = `${PREFIX}${boardId}:`;
  for (let i = 0; i < storage.length; i++) {
    const key = storage.key(i);
    if (!key?.startsWith(prefix)) continue;
    const round = parseRound(storage.getItem(key));
    if (round) rounds.push(round);
  }
  return rounds;
}

export function clearDrafts(storage: Storage, boardId: string, round: string): void {
  try {
    storage.removeItem(draftKey(boardId, round));
  } catch {
    // Nothing to do: commits are idempotent, so drafts left behind add nothing twice.
  }
}

/**
 * Whether a stored round is over as far as the shared document shows: revealed, or replaced by a
 * round that started later. A document that has not synced yet may show an older round; that proves
 * nothing, so drafts stay private until the evidence is there.
 */
export function roundIsOver(stored: Pick<StoredRound, 'round' | 'startedAt'>, current: { round: string; startedAt: number; revealedAt: number | null } | null): boolean {
  if (!current) return false;
  if (current.round === stored.round) return current.revealedAt !== null;
  return current.startedAt > stored.startedAt;
}
