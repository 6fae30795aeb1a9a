/**
 * A sync server the side-by-side scenarios can run against: Discern (bench/server.ts) or the
 * reference, y-websocket 1.5.4's own server code (bench/referenceServer.ts). Both run in the main
 * thread of this process, so heap, event-loop and CPU figures read here are the server's.
 */
export interface SyncTarget {
  readonly name: 'Discern' | 'reference';
  /** Base of the sync endpoint; a room is `${syncUrl}/${id}`. */
  readonly syncUrl: string;
  newBoard(title: string): Promise<TargetBoard>;
  /** Rooms (documents) the server holds in memory right now. */
  openRooms(): number;
  close(): Promise<void>;
}

export interface TargetBoard {
  id: string;
  /** The key a stock provider passes as `?key=` (the reference ignores it). */
  editKey: string;
  /** Full URLs for raw clients: with the edit key, and with the view key (same as edit on the reference). */
  editUrl: string;
  viewUrl: string;
}
