import * as Y from 'yjs';
import type * as awarenessProtocol from 'y-protocols/awareness';
import { CloseCode } from '../../shared/protocol/closeCodes';
import { canWrite } from '../../shared/protocol/ids';
import { MIGRATION_ORIGIN, STORAGE_ORIGIN } from '../../shared/protocol/origins';
import { migrateBoard } from '../../shared/board/migrations';
import type { StoredUpdate } from '../storage/storage';
import type { Limits } from '../config';
import { Refusal } from './refusal';
import { inspectUpdate, type Writer } from './updateGuard';
import { FEED_ORIGIN, RoomFeedLink, type FeedTarget } from './roomFeed';
import { applyStoredUpdates } from './loadBoardDoc';
import type { BoardFeed } from '../fanout/boardFeed';
import { newConnectionState, type Connection, type ConnectionState } from './connection';
import { dispatchMessage, type MessageRoom } from './messageHandling';
import { CheckedApply } from './checkedApply';
import { CommitPipeline } from './commitPipeline';
import { RoomPresence } from './presence';
import { StoredBoard, type RoomStorage } from './storedBoard';
import { RemoteUpdates } from './remoteUpdates';
import { broadcast, syncStep1Message, syncStep2Message, updateMessage } from './roomMessages';
import { EncodedState } from './encodedState';

/** What a room starts from: the board's stored updates and title, as `Room.load` reads them. */
export interface LoadedBoard {
  readonly updates: readonly StoredUpdate[];
  readonly title: string | null;
}

export interface RoomOptions {
  /** Merge the stored updates into one row after this many appends. */
  compactEvery: number;
  limits: Pick<Limits, 'maxBoardBytes' | 'maxNotesPerBoard' | 'maxLinksPerBoard' | 'maxAwarenessBytes'>;
  onError: (error: unknown, context: string) => void;
  /** The other processes with this board open (REDIS_URL); null or absent when this process is alone. */
  feed?: BoardFeed | null;
}

/**
 * A board that at least one client has open: its Y.Doc, presence and connections, and its life from
 * load to unload. Updates from connections are applied at once and committed before anyone is sent
 * them, so whatever a connection has seen is durable. The room coordinates; the jobs live beside it:
 * decoding messages (messageHandling), edits held until step 2 (firstSync), the checks before and
 * after applying (updateGuard, checkedApply, outcomeCheck), batching per tick, commit and forward
 * (commitPipeline), the stored log and compaction (storedBoard), presence (presence), and the
 * other processes (roomFeed, remoteUpdates).
 */
export class Room implements FeedTarget {
  readonly boardId: string;
  readonly doc = new Y.Doc({ gc: true });
  /** The doc's whole state for HTTP (plugins/boardStatePlugin.ts), encoded once per version; freed with the doc. */
  readonly encodedState = new EncodedState(this.doc);
  readonly awareness: awarenessProtocol.Awareness;
  private readonly connections = new Map<Connection, ConnectionState>();
  private readonly presence: RoomPresence;
  private readonly log: StoredBoard;
  private readonly commits: CommitPipeline;
  private readonly checked: CheckedApply;
  private readonly messageRoom: MessageRoom;
  private readonly remote: RemoteUpdates;
  private closed = false;

  /** Reads the board from storage and opens its room; rejects (a StorageError) if storage fails. */
  static async load(boardId: string, storage: RoomStorage, options: RoomOptions): Promise<Room> {
    // Following first: whatever another process publishes after this is delivered, and what it
    // published before is in storage, which is read next.
    const feedLink = options.feed ? await RoomFeedLink.follow(options.feed, boardId) : null;
    try {
      const [updates, board] = await Promise.all([storage.updates.load(boardId), storage.boards.get(boardId)]);
      return new Room(boardId, storage, options, { updates, title: board?.title ?? null }, feedLink);
    } catch (error) {
      feedLink?.close();
      throw error;
    }
  }

  constructor(
    boardId: string,
    storage: RoomStorage,
    private readonly options: RoomOptions,
    loaded: LoadedBoard,
    private readonly feedLink: RoomFeedLink | null = null,
  ) {
    this.boardId = boardId;
    const onError = (error: unknown, context: string): void => this.options.onError(error, context);
    this.presence = new RoomPresence(this.doc, this.connections, feedLink, () => void this.flush());
    this.awareness = this.presence.awareness;
    this.log = new StoredBoard(boardId, storage, onError);
    this.commits = new CommitPipeline({
      doc: this.doc,
      connections: this.connections,
      feedLink,
      log: this.log,
      compactEvery: options.compactEvery,
      isClosed: () => this.closed,
      onTickEnd: () => void this.flush(),
      compact: () => this.compact(),
      onError,
      fail: () => this.fail(),
    });
    this.messageRoom = {
      replyToStep1: (connection, stateVector) => void this.replyToStep1(connection, stateVector),
      receiveUpdate: (connection, state, update, isStep2) => this.receiveUpdate(connection, state, update, isStep2),
      receiveAwareness: (connection, state, update) => this.presence.receive(connection, state, update, this.options.limits),
      awarenessStateMessage: () => this.presence.stateMessage(),
    };
    this.remote = new RemoteUpdates(this.doc, () => storage.updates.load(boardId), () => this.closed, onError);
    this.load(loaded);
    this.checked = new CheckedApply(this.doc, options.limits);
    this.doc.on('update', this.onDocUpdate);
    // After the listener, so that the migration is stored (and sent to the first connection) like any edit.
    migrateBoard(this.doc, MIGRATION_ORIGIN);
    feedLink?.attach(this);
  }

  get connectionCount(): number {
    return this.connections.size;
  }

  /** True when nothing is connected and nothing waits to be stored: the room may be unloaded. */
  get idle(): boolean {
    return this.connections.size === 0 && !this.hasUncommitted;
  }

  /** Whether the doc holds changes that are not yet committed (pending, or in a commit in flight). */
  get hasUncommitted(): boolean {
    return this.commits.hasUncommitted;
  }

  private load({ updates: stored, title }: LoadedBoard): void {
    applyStoredUpdates(this.doc, stored);
    this.log.loaded(stored, title);
  }

  /** Stored size of the board: its merged state plus what was appended since. */
  get storedBytes(): number {
    return this.log.storedBytes;
  }

  /** Whether the connection may still send its first sync's backlog (a larger message allowance). */
  inFirstSync(connection: Connection): boolean {
    return this.connections.get(connection)?.firstSync.inProgress ?? true;
  }

  addConnection(connection: Connection): void {
    this.connections.set(connection, newConnectionState());
    if (canWrite(connection.role)) this.checked.track(connection);
    // Ask for what the client has that we lack; it answers with step 2 and its own step 1.
    connection.send(syncStep1Message(this.doc));
    if (this.presence.hasStates) connection.send(this.presence.stateMessage());
  }

  removeConnection(connection: Connection): void {
    const state = this.connections.get(connection);
    if (!state) return;
    this.connections.delete(connection);
    state.firstSync.stopWaiting();
    this.checked.untrack(connection);
    if (!this.closed) this.presence.remove(connection, state);
  }

  /**
   * Handles one websocket message. Throws `Refusal` (with the close code for its sender) if the
   * message cannot be decoded, breaks the format or the sender's role, or is over a limit; then
   * nothing of it has been applied, stored or forwarded.
   */
  handleMessage(connection: Connection, message: Uint8Array): void {
    if (this.closed) return;
    const state = this.connections.get(connection);
    if (!state) return;
    dispatchMessage(this.messageRoom, connection, state, message);
  }

  /** Step 2 must not show anything that is not yet stored: it waits until everything applied is committed. */
  private async replyToStep1(connection: Connection, stateVector: Uint8Array): Promise<void> {
    while (this.hasUncommitted && !this.closed) await this.flush();
    if (this.closed || !this.connections.has(connection)) return;
    connection.send(syncStep2Message(this.doc, stateVector));
  }

  /** A connection's step 2 or edit; during its first sync, an edit that builds on step 2 waits for it. */
  private receiveUpdate(connection: Connection, state: ConnectionState, update: Uint8Array, isStep2: boolean): void {
    const firstSync = state.firstSync;
    if (isStep2) firstSync.inProgress = false;
    // Viewers may hold a doc with local edits; those are ignored, never applied or forwarded.
    if (!canWrite(connection.role)) return;
    if (!isStep2 && firstSync.inProgress) {
      const held = firstSync.holdIfIncomplete(
        update,
        this.options.limits.maxBoardBytes,
        () => inspectUpdate(this.doc, update, { role: connection.role, voterId: connection.voterId }),
        () => {
          if (this.connections.get(connection) === state) connection.close(CloseCode.NeedsResync, 'update depends on changes the server does not have');
        },
      );
      if (held) return;
    }
    this.acceptUpdate(connection, state, update);
    // Step 2 has been applied: the edits that waited for it are checked now, in the order they came.
    if (isStep2) for (const waited of firstSync.release()) this.acceptUpdate(connection, state, waited);
  }

  /** Checks an update from a writer, applies it and queues it for the next commit; throws a Refusal. */
  private acceptUpdate(connection: Connection, state: ConnectionState, update: Uint8Array): void {
    if (this.log.storedBytes + update.byteLength > this.options.limits.maxBoardBytes) {
      throw new Refusal(CloseCode.TooLarge, `the board is at its size limit of ${this.options.limits.maxBoardBytes} bytes`);
    }
    const writer: Writer = { role: connection.role, voterId: connection.voterId };
    const plan = inspectUpdate(this.doc, update, writer);
    const { caused, refusal } = this.checked.apply(connection, update, plan, writer);
    // Stored in one row and forwarded in one message; a reverted update goes to everyone, its
    // sender too: the net change is nothing.
    if (caused) this.commits.add(caused, refusal ? null : connection);
    if (refusal) throw refusal;
    this.presence.claim(connection, state, plan.clients);
  }

  private readonly onDocUpdate = (update: Uint8Array, origin: unknown): void => {
    if (origin === STORAGE_ORIGIN) return;
    if (origin === FEED_ORIGIN) {
      // Committed by the process it entered through: only this process's connections still need it.
      broadcast(this.connections.keys(), updateMessage(update));
      return;
    }
    if (this.checked.capture(update)) return;
    this.commits.add(update, origin);
  };

  /**
   * Commits everything received so far in one storage transaction, then forwards it, one encoded
   * message for the whole room; presence changes go out at once (they are not stored). Resolves
   * when all that was pending at the call is committed and forwarded, or the room has failed. If a
   * commit fails nothing of it is forwarded and every connection is closed (4500), so no one has
   * seen what storage does not have. Never rejects.
   */
  flush(): Promise<void> {
    this.commits.unschedule();
    this.presence.unschedule();
    if (this.closed) return Promise.resolve();
    if (this.presence.hasChanges) this.presence.send();
    return this.commits.commit();
  }

  /** An update another process committed and published (roomFeed.ts). */
  applyRemoteUpdate(update: Uint8Array): void {
    this.remote.apply(update);
  }

  /** Presence of people connected to another process, stamped and limited there. */
  applyRemoteAwareness(update: Uint8Array): void {
    if (this.closed) return;
    this.presence.applyRemote(update);
  }

  /** Messages from other processes may have been missed: catch up from storage (remoteUpdates.ts). */
  catchUp(): void {
    this.remote.catchUp();
  }

  /** Merges the stored log into one row, between commits (storedBoard.ts); false if storage failed. */
  async compact(): Promise<boolean> {
    if (!this.log.hasAppends || this.closed) return true;
    return this.log.compact(this.doc);
  }

  closeConnections(code: number, reason: string): void {
    for (const connection of [...this.connections.keys()]) connection.close(code, reason);
  }

  private fail(): void {
    if (this.closed) return;
    this.closeConnections(CloseCode.StorageFailure, 'board could not be stored');
    this.destroy();
  }

  /** Stores what is pending, compacts, and releases the document. */
  async close(): Promise<void> {
    // Presence goes out too: the last person leaving is news to the other processes.
    if (this.presence.hasChanges && !this.closed) this.presence.send();
    while (this.hasUncommitted && !this.closed) await this.flush();
    if (this.closed) return;
    await this.compact();
    this.destroy();
  }

  private destroy(): void {
    this.feedLink?.close();
    this.checked.destroy();
    this.closed = true;
    this.commits.clear();
    this.doc.off('update', this.onDocUpdate);
    this.presence.destroy();
    this.doc.destroy();
  }

  get isClosed(): boolean {
    return this.closed;
  }
}
