import * as Y from 'yjs';
import type { IndexeddbPersistence } from 'y-indexeddb';
import { BoardModel } from '../../shared/board/model';
import { voterSecret } from '../board/identity';
import { ServerClock } from '../meeting/serverClock';
import { BoardProvider } from './BoardProvider';
import { ConnectionStatusStore } from './connectionStatus';
import { startOfflinePersistence } from './offlinePersistence';

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

export function syncOrigin(location: Pick<Location, 'protocol' | 'host'>): string {
  return `${location.protocol === 'https:' ? 'wss:' : 'ws:'}//${location.host}`;
}

/**
 * Opens a board. Offline persistence starts before the provider so that a reload while offline
 * shows the locally kept board at once, and local edits made meanwhile merge when the socket syncs.
 */
export function openBoardConnection(boardId: string, key: string, wsOrigin = syncOrigin(window.location)): BoardConnection {
  const doc = new Y.Doc();
  const persistence = startOfflinePersistence(boardId, doc);
  // Timer ends and round times are server-clock moments: measure the offset once per opened board.
  const clock = new ServerClock();
  void clock.sync();
  const model = new BoardModel(doc, { undo: true, now: clock.now });
  const provider = new BoardProvider(`${wsOrigin}/sync`, boardId, doc, key, { voter: voterSecret() });
  const status = new ConnectionStatusStore(provider);
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
    persistence,
    status,
    clock,
    destroy() {
      window.removeEventListener('offline', goOffline);
      window.removeEventListener('online', goOnline);
      status.destroy();
      provider.awareness.setLocalState(null);
      provider.destroy();
      void persistence?.destroy();
      model.destroy();
      doc.destroy();
    },
  };
}
