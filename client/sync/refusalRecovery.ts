import { CloseCode } from '../../shared/protocol/closeCodes';

/**
 * The server refuses a change for good (4400, 4403) when it breaks the format or the sender's role:
 * for an honest client, typically a dot cast offline while the leader ended the vote. The refused
 * change lives on in this browser's offline copy, so every reconnect would send it again and be
 * refused again, and the person could never edit the board from here. Starting afresh from the
 * server's board, once, gets them back; a second refusal soon after is left alone, so it never loops.
 */
const REFUSED_OWN_STATE: ReadonlySet<number> = new Set([CloseCode.MalformedMessage, CloseCode.ForbiddenChange]);
const REFUSED_AT_KEY = 'discern:refused-at';
const RETRY_AFTER_MS = 60_000;

export function isOwnStateRefused(code: number): boolean {
  return REFUSED_OWN_STATE.has(code);
}

export interface FreshStart {
  /** Forgets the board's offline copy (y-indexeddb `clearData`). */
  clearOfflineCopy(): Promise<void>;
  reload(): void;
  storage: Pick<Storage, 'getItem' | 'setItem'> | null;
  now: number;
}

/** Clears the offline copy and reloads, unless it already did so within the last minute. Returns whether it did. */
export async function startAfresh(fresh: FreshStart): Promise<boolean> {
  const last = Number(fresh.storage?.getItem(REFUSED_AT_KEY) ?? 0);
  if (fresh.now - last < RETRY_AFTER_MS) return false;
  fresh.storage?.setItem(REFUSED_AT_KEY, String(fresh.now));
  await fresh.clearOfflineCopy();
  fresh.reload();
  return true;
}
