import * as Y from 'yjs';
import type { IndexeddbPersistence } from 'y-indexeddb';
import { BoardModel } from '../../shared/board/model';
import { voterSecret } from '../board/identity';
import { ServerClock } from '../meeting/serverClock';
import { BoardProvider } from './BoardProvider';
import { ConnectionStatusStore } from './connectionStatus';
import { deferFirstSyncEncoding } from './firstSyncEncoding';
import { isOwnStateRefused, startAfresh } from './refusalRecovery';
import { startOfflinePersistence } from './offlinePersistence';
import { whenIdle } from '../pages/whenIdle';
import { forgetLocalCopy, markLocalCopy, takePrefetchedState } from './boardPrefetch';
import { AdoptingWebSocket, syncOrigin } from './earlySocket';

/** Everything one open board needs: the document, its model, and the ways it is kept in sync. */
export interface BoardConnection {
  readonly boardId: string;
  readonly doc: Y.Doc;
  readonly model: BoardModel;
  readonly provider: BoardProvider;
  readonly persistence: IndexeddbPersistence | null;
  readonly status: ConnectionStatusStore;
  /** This device's clock corrected to the server's; the model stamps times with it. */
  readonly clock: ServerClock;
  destroy(): void;
}

/** Server clock samples per opened board, and the pause between them (see ServerClock.refine). */
const CLOCK_SAMPLES = 4;
const CLOCK_SAMPLE_GAP_MS = 1000;

function sessionStorageOrNull(): Storage | null {
  try {
    return window.sessionStorage;
  } catch {
    return null;
  }
}

/**
 * Opens a board. Offline persistence starts before the provider so that a reload while offline
 * shows the locally kept board at once, and local edits made meanwhile merge when the socket syncs.
 * A browser that keeps no copy yet (it fetched the board's state, boardPrefetch.ts) starts its copy
 * once the board has synced and the browser is idle: y-indexeddb stores the whole document when it
 * starts, which for a large board is a quarter of a second better spent showing it.
 */
export function openBoardConnection(boardId: string, key: string, wsOrigin = syncOrigin(window.location)): BoardConnection {
  const doc = new Y.Doc();
  const prefetched = takePrefetchedState(boardId, key);
  let persistence = prefetched ? null : startOfflinePersistence(boardId, doc);
  // Timer ends and round times are server-clock moments; the model reads the clock only when it writes.
  const clock = new ServerClock();
  const model = new BoardModel(doc, { undo: true, now: clock.now });
  // The socket first: the board on screen and the `live` badge wait for nothing else, except the
  // board's state if the page's first script is already fetching it.
  const provider = new BoardProvider(`${wsOrigin}/sync`, boardId, doc, key, {
    voter: voterSecret(),
    connect: prefetched === null,
    // The socket the page's first script opened, if any (earlySocket.ts); then new ones.
    WebSocketPolyfill: AdoptingWebSocket,
  });
  const status = new ConnectionStatusStore(provider);
  const stopDeferring = deferFirstSyncEncoding(provider, persistence);
  let destroyed = false;
  if (prefetched) {
    void prefetched.then((state) => {
      if (destroyed) return;
      // Applied as if the socket had brought it: the provider sends nothing back.
      if (state) applyServerState(doc, state, provider);
      // Offline meanwhile: the `online` listener below connects when the browser is back.
      if (navigator.onLine) provider.connect();
    });
  }
  const onClose = (event: CloseEvent | null): void => {
    if (!event || !isOwnStateRefused(event.code)) return;
    void startAfresh({
      clearOfflineCopy: async () => {
        forgetLocalCopy(boardId);
        await persistence?.clearData();
      },
      reload: () => window.location.reload(),
      storage: sessionStorageOrNull(),
      now: Date.now(),
    });
  };
  provider.on('connection-close', onClose);
  // The clock is measured once the board has synced, so that on a slow link its requests never
  // compete with the board's own bytes; one answer corrects it, a few more spaced out refine it.
  const clockSync = new AbortController();
  let cancelLateCopy = (): void => {};
  const keepCopy = (kept: IndexeddbPersistence | null): void => {
    void kept?.whenSynced.then(() => !destroyed && markLocalCopy(boardId));
  };
  keepCopy(persistence);
  const measureClock = (synced: boolean): void => {
    if (!synced) return;
    provider.off('sync', measureClock);
    if (!persistence) {
      cancelLateCopy = whenIdle(() => {
        if (destroyed || persistence) return;
        persistence = startOfflinePersistence(boardId, doc);
        keepCopy(persistence);
      });
    }
    void clock.refine({ samples: CLOCK_SAMPLES, gapMs: CLOCK_SAMPLE_GAP_MS, signal: clockSync.signal });
  };
  provider.on('sync', measureClock);
  // A socket can outlive the network for a while (and emulated offline never closes it). When the
  // browser says it is offline, close it ourselves so what the badge says is what happens: edits stay
  // local, then merge through a fresh sync when the browser is back online.
  const goOffline = () => provider.disconnect();
  const goOnline = () => provider.connect();
  window.addEventListener('offline', goOffline);
  window.addEventListener('online', goOnline);
  return {
    boardId,
    doc,
    model,
    provider,
    get persistence() {
      return persistence;
    },
    status,
    clock,
    destroy() {
      destroyed = true;
      window.removeEventListener('offline', goOffline);
      window.removeEventListener('online', goOnline);
      provider.off('sync', measureClock);
      provider.off('connection-close', onClose);
      stopDeferring();
      cancelLateCopy();
      clockSync.abort();
      status.destroy();
      provider.awareness.setLocalState(null);
      provider.destroy();
      void persistence?.destroy();
      model.destroy();
      doc.destroy();
    },
  };
}

/**
 * Applies the server's state fetched over HTTP. A state that Yjs cannot read is dropped: the
 * socket's first sync brings the board all the same.
 */
function applyServerState(doc: Y.Doc, state: Uint8Array, origin: unknown): void {
  try {
    Y.applyUpdate(doc, state, origin);
  } catch {
    // Nothing to do: see above.
  }
}

/** A connection opened before the page was ready for it, and whether the page has asked yet. */
let early: { boardId: string; key: string; connection: BoardConnection } | null = null;
let claimed = false;

/**
 * Opens the board's connection ahead of the page (client/boardEntry.ts), for `claimBoardConnection`
 * to hand over. Does nothing once the page has claimed a connection, so there is never a second socket.
 */
export function startEarlyConnection(boardId: string, key: string): void {
  if (claimed || early) return;
  early = { boardId, key, connection: openBoardConnection(boardId, key) };
}

/** The connection opened early for this board and key if there is one, else a new one. Taken once. */
export function claimBoardConnection(boardId: string, key: string): BoardConnection {
  claimed = true;
  const found = early;
  early = null;
  if (found && found.boardId === boardId && found.key === key) return found.connection;
  found?.connection.destroy();
  return openBoardConnection(boardId, key);
}
