import { voterSecret } from '../board/voterSecret';
import { fetchBoardInfo, type BoardInfo } from './api';
import { openEarlySocket, syncOrigin, syncSocketUrl } from './earlySocket';

/**
 * What a board page needs from the server before it can show the board, asked for by the first
 * script of a board link (client/stateEntry.ts) while the rest of the page is still downloading: the
 * board's info (`GET /api/boards/:id`, its title and the key's role, which BoardPage waits for) and
 * the board's whole state (`GET /api/boards/:id/state`, docs/api.md).
 *
 * The websocket's first sync would bring the same bytes, but only once the sync code has arrived and
 * run, and Chromium hands a large compressed socket message to the page hundreds of milliseconds late
 * while the page is busy starting up; an HTTP answer streams in alongside the scripts, brotli-compressed.
 * openBoardConnection applies it before the socket connects, so the socket's step 1 carries the
 * board's full state vector and its step 2 holds only what changed since.
 *
 * A browser that keeps a copy of the board (y-indexeddb) skips this: the socket brings only what the
 * copy lacks, which on a slow link is far less than the whole board.
 */

interface Prefetch {
  boardId: string;
  key: string;
  /** Null when this browser keeps a copy of the board. */
  state: Promise<Uint8Array | null> | null;
  info: Promise<BoardInfo> | null;
}

/** Past this the socket stops waiting for the answer to start and connects as usual. */
export const PREFETCH_ANSWER_TIMEOUT_MS = 8_000;

const LOCAL_COPY_PREFIX = 'discern:local-copy:';

let pending: Prefetch | null = null;

function storage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

/** Whether this browser has said it keeps a copy of the board (markLocalCopy). */
export function hasLocalCopy(boardId: string): boolean {
  return storage()?.getItem(LOCAL_COPY_PREFIX + boardId) === '1';
}

/** Called once the board's copy is kept in this browser, so later visits sync only the difference. */
export function markLocalCopy(boardId: string): void {
  try {
    storage()?.setItem(LOCAL_COPY_PREFIX + boardId, '1');
  } catch {
    // A full or refused localStorage only costs the next visit the whole board.
  }
}

/** Called when the board's local copy is cleared (client/sync/refusalRecovery.ts). */
export function forgetLocalCopy(boardId: string): void {
  storage()?.removeItem(LOCAL_COPY_PREFIX + boardId);
}

/** The state as the server answers it, or null on any failure: the socket then brings the board. */
export async function fetchBoardState(
  boardId: string,
  key: string,
  { origin = '', timeoutMs = PREFETCH_ANSWER_TIMEOUT_MS }: { origin?: string; timeoutMs?: number } = {},
): Promise<Uint8Array | null> {
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), timeoutMs);
  try {
    const response = await fetch(`${origin}/api/boards/${encodeURIComponent(boardId)}/state`, {
      headers: { authorization: `Bearer ${key}` },
      cache: 'no-store',
      // Ahead of the scripts queued since the HTML was read: on HTTP/1.1 a slow link has six
      // connections for some twenty requests, and the board is what the page waits for last.
      priority: 'high',
      signal: abort.signal,
    });
    // Once the answer has started, its body may take as long as the link needs.
    clearTimeout(timer);
    if (!response.ok) return null;
    return new Uint8Array(await response.arrayBuffer());
  } catch {
    return null;
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Starts fetching the board's info, and its state unless this browser keeps a copy of it, and opens
 * its sync socket (earlySocket.ts).
 */
export function prefetchBoard(boardId: string, key: string): void {
  if (pending) return;
  openEarlySocket(syncSocketUrl(syncOrigin(window.location), boardId, key, voterSecret()));
  const info = fetchBoardInfo(boardId, key, { priority: 'high' });
  // Its refusal is read by BoardPage when it takes it; until then it is not unhandled.
  info.catch(() => undefined);
  pending = { boardId, key, info, state: hasLocalCopy(boardId) ? null : fetchBoardState(boardId, key) };
}

/** One prefetched answer for this board and key, taken once; null if none was started for them. */
function take<K extends 'state' | 'info'>(boardId: string, key: string, part: K): Prefetch[K] | null {
  if (!pending || pending.boardId !== boardId || pending.key !== key) return null;
  const found = pending[part];
  pending[part] = null;
  return found;
}

/** The board's prefetched state (see above); null if none is coming for this board and key. */
export function takePrefetchedState(boardId: string, key: string): Promise<Uint8Array | null> | null {
  return take(boardId, key, 'state');
}

/** The board's prefetched info, rejecting as fetchBoardInfo does; null if none is coming. */
export function takePrefetchedInfo(boardId: string, key: string): Promise<BoardInfo> | null {
  return take(boardId, key, 'info');
}
