import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import * as decoding from 'lib0/decoding';
import * as syncProtocol from 'y-protocols/sync';
import * as awarenessProtocol from 'y-protocols/awareness';
import { MessageType } from '../../shared/protocol/messageTypes';
import { CloseCode } from '../../shared/protocol/closeCodes';
import { Role, canWrite } from '../../shared/protocol/ids';
import { MIGRATION_ORIGIN, STORAGE_ORIGIN } from '../../shared/protocol/origins';
import { migrateBoard } from '../../shared/board/migrations';
import { Root, MetaField } from '../../shared/board/meta';
import type { Storage, StoredUpdate } from '../storage/storage';
import type { Limits } from '../config';
import { Refusal } from './refusal';
import { TokenBucket } from './tokenBucket';
import { CommitChain } from './commitChain';
import { inspectUpdate, type UpdatePlan, type Writer } from './updateGuard';
import { OutcomeCheck } from './outcomeCheck';
import { claimClientIds, isAwarenessRefusal, sanitizeAwarenessUpdate, type AwarenessRoom } from './awarenessGuard';
import { FEED_ORIGIN, RoomFeedLink, type FeedTarget } from './roomFeed';
import type { BoardFeed } from '../fanout/boardFeed';

/** What a room reads and writes: its board's update log, and the board's REST title. */
export type RoomStorage = Pick<Storage, 'updates' | 'boards'>;

/** What a room starts from: the board's stored updates and title, as `Room.load` reads them. */
export interface LoadedBoard {
  readonly updates: readonly StoredUpdate[];
  readonly title: string | null;
}

/** One connected client, whatever the transport. */
export interface Connection {
  readonly role: Role;
  /** Derived by the server from the socket's voter secret; null when it sent none (it cannot vote). */
  readonly voterId: string | null;
  send(message: Uint8Array): void;
  close(code: number, reason: string): void;
}

export interface RoomOptions {
  /** Merge the stored updates into one row after this many appends. */
  compactEvery: number;
  limits: Pick<Limits, 'maxBoardBytes' | 'maxNotesPerBoard' | 'maxLinksPerBoard' | 'maxAwarenessBytes'>;
  onError: (error: unknown, context: string) => void;
  /** The other processes with this board open (REDIS_URL); null or absent when this process is alone. */
  feed?: BoardFeed | null;
}

interface PendingUpdate {
  update: Uint8Array;
  origin: unknown;
}

/** What the room keeps for each connection. */
interface ConnectionState {
  /** Awareness client ids this connection owns (kept by awarenessGuard). */
  readonly awarenessIds: Set<number>;
  /** Step 1 and awareness queries make the server encode state: a few, then one a second. */
  readonly costly: TokenBucket;
  /** Until the connection's answer to our step 1 arrives, its messages may carry an offline backlog. */
  firstSync: boolean;
  /**
   * Edits a reconnecting client made before its step 2 arrived, which build on the backlog that
   * step 2 carries: held until it comes (or HOLD_FOR_STEP_2_MS pass), then checked in order.
   */
  held: Uint8Array[];
  heldBytes: number;
  heldTimer: NodeJS.Timeout | null;
}

/** How long a connection's early edits wait for its step 2 before they are refused as incomplete (4509). */
const HOLD_FOR_STEP_2_MS = 1_000;

/** Presence changes are sent to a room at most this often. */
const AWARENESS_INTERVAL_MS = 33;

function encodeMessage(write: (encoder: encoding.Encoder) => void): Uint8Array {
  const encoder = encoding.createEncoder();
  write(encoder);
  return encoding.toUint8Array(encoder);
}

/**
 * A board that at least one client has open: its Y.Doc, awareness and connections. Over 300 lines: the
 * message handling, the commit-then-forward pipeline and compaction share the doc's state and
 * read best together; the checks themselves live in updateGuard, outcomeCheck and awarenessGuard.
 *
 * Updates from connections are applied at once, collected for the rest of the event-loop tick, then
 * committed to storage in one transaction and only then sent on, encoded once for the whole room.
 * So whatever a connection has seen is already durable. Commits are asynchronous (the storage ports);
 * while one is in flight, updates keep being applied and collected for the next, one commit at a
 * time, in order.
 */
export class Room implements FeedTarget {
  readonly boardId: string;
  readonly doc = new Y.Doc({ gc: true });
  readonly awareness = new awarenessProtocol.Awareness(this.doc);
  /**
   * Most rules are checked before an update is applied (updateGuard). The few that need the board
   * as the update leaves it (outcomeCheck) are checked right after; if one fails, this undoes the
   * update at once, within the same tick, so the stored row and the forwarded message hold the
   * update and its undoing merged into one, and no connection or row ever holds the broken state.
   */
  private readonly reverter = new Y.UndoManager(
    [Root.Meta, Root.Notes, Root.Links, Root.Meeting].map((name) => this.doc.getMap(name)),
    { trackedOrigins: new Set<unknown>(), captureTimeout: 0 },
  );
  private readonly outcome: OutcomeCheck;
  /** While an update is applied and checked, the doc updates it causes are collected here. */
  private captured: Uint8Array[] | null = null;
  private readonly connections = new Map<Connection, ConnectionState>();
  private pending: PendingUpdate[] = [];
  private pendingAwareness = new Set<number>();
  private flushScheduled: NodeJS.Immediate | null = null;
  private awarenessScheduled: NodeJS.Timeout | null = null;
  /** Commits run one at a time; what arrives during one goes into the next. */
  private readonly commits = new CommitChain(
    () => this.commitPending(),
    (error) => {
      this.options.onError(error, 'flushing');
      this.fail();
    },
  );
  private lastSeq = 0;
  private appendsSinceCompaction = 0;
  private bytesSinceCompaction = 0;
  /** Size of the state the log was last merged into; merging costs about that much again. */
  private compactedBytes = 0;
  private storedTitle: string | null = null;
  private closed = false;
  /** Local presence changes not yet published to the other processes. */
  private readonly awarenessToPublish = new Set<number>();
  /** Presence ids of people connected to other processes: no socket here may speak for them. */
  private readonly remoteAwarenessIds = new Set<number>();
  private catchingUp: Promise<void> | null = null;

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
    private readonly storage: RoomStorage,
    private readonly options: RoomOptions,
    loaded: LoadedBoard,
    private readonly feedLink: RoomFeedLink | null = null,
  ) {
    this.boardId = boardId;
    // The server is not a participant; it has no presence of its own.
    this.awareness.setLocalState(null);
    this.load(loaded);
    this.outcome = new OutcomeCheck(this.doc, options.limits);
    this.doc.on('update', this.onDocUpdate);
    this.awareness.on('update', this.onAwarenessUpdate);
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
    return this.pending.length > 0 || this.commits.busy;
  }

  private load({ updates: stored, title }: LoadedBoard): void {
    this.storedTitle = title;
    this.doc.transact(() => {
      for (const { update } of stored) Y.applyUpdate(this.doc, update, STORAGE_ORIGIN);
    }, STORAGE_ORIGIN);
    this.lastSeq = stored.at(-1)?.seq ?? 0;
    this.appendsSinceCompaction = stored.length > 1 ? stored.length : 0;
    this.compactedBytes = stored[0]?.update.byteLength ?? 0;
    this.bytesSinceCompaction = stored.slice(1).reduce((sum, { update }) => sum + update.byteLength, 0);
  }

  /** Stored size of the board: its merged state plus what was appended since. */
  get storedBytes(): number {
    return this.compactedBytes + this.bytesSinceCompaction;
  }

  /** Whether the connection may still send its first sync's backlog (a larger message allowance). */
  inFirstSync(connection: Connection): boolean {
    return this.connections.get(connection)?.firstSync ?? true;
  }

  addConnection(connection: Connection): void {
    this.connections.set(connection, { awarenessIds: new Set(), costly: new TokenBucket(1, 10), firstSync: true, held: [], heldBytes: 0, heldTimer: null });
    if (canWrite(connection.role)) this.reverter.trackedOrigins.add(connection);
    // Ask for what the client has that we lack; it answers with step 2 and its own step 1.
    connection.send(encodeMessage((encoder) => {
      encoding.writeVarUint(encoder, MessageType.Sync);
      syncProtocol.writeSyncStep1(encoder, this.doc);
    }));
    const states = this.awareness.getStates();
    if (states.size > 0) {
      connection.send(encodeMessage((encoder) => {
        encoding.writeVarUint(encoder, MessageType.Awareness);
        encoding.writeVarUint8Array(encoder, awarenessProtocol.encodeAwarenessUpdate(this.awareness, [...states.keys()]));
      }));
    }
  }

  removeConnection(connection: Connection): void {
    const state = this.connections.get(connection);
    if (!state) return;
    this.connections.delete(connection);
    if (state.heldTimer) clearTimeout(state.heldTimer);
    this.reverter.trackedOrigins.delete(connection);
    if (state.awarenessIds.size > 0 && !this.closed) {
      awarenessProtocol.removeAwarenessStates(this.awareness, [...state.awarenessIds], connection);
    }
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
    try {
      const decoder = decoding.createDecoder(message);
      const type = decoding.readVarUint(decoder);
      switch (type) {
        case MessageType.Sync:
          this.handleSync(connection, state, decoder);
          break;
        case MessageType.Awareness:
          this.handleAwareness(connection, state, decoding.readVarUint8Array(decoder));
          break;
        case MessageType.QueryAwareness:
          this.takeCostly(state);
          connection.send(encodeMessage((encoder) => {
            encoding.writeVarUint(encoder, MessageType.Awareness);
            encoding.writeVarUint8Array(
              encoder,
              awarenessProtocol.encodeAwarenessUpdate(this.awareness, [...this.awareness.getStates().keys()]),
            );
          }));
          break;
        case MessageType.Auth:
          // Access is decided by the key on connect; the y-websocket auth message carries nothing we use.
          decoder.pos = message.byteLength;
          break;
        default:
          throw new Refusal(CloseCode.MalformedMessage, `unknown message type ${type}`);
      }
      if (decoder.pos !== message.byteLength) throw new Refusal(CloseCode.MalformedMessage, 'trailing bytes after the message');
    } catch (error) {
      if (error instanceof Refusal) throw error;
      throw new Refusal(CloseCode.MalformedMessage, error instanceof Error ? error.message : String(error));
    }
  }

  /** Presence is stamped: a socket speaks only for the client ids it owns, with the role its key gives. */
  private handleAwareness(connection: Connection, state: ConnectionState, update: Uint8Array): void {
    const result = sanitizeAwarenessUpdate(update, { ids: state.awarenessIds }, connection.role, this.awarenessRoom(connection), this.options.limits);
    if (isAwarenessRefusal(result)) throw new Refusal(result.code, result.reason);
    awarenessProtocol.applyAwarenessUpdate(this.awareness, result, connection);
  }

  private awarenessRoom(connection: Connection): AwarenessRoom {
    return {
      awareness: this.awareness,
      ownedByAnother: (id) => {
        if (this.remoteAwarenessIds.has(id)) return true;
        for (const [other, state] of this.connections) if (other !== connection && state.awarenessIds.has(id)) return true;
        return false;
      },
    };
  }

  /** Step 2 must not show anything that is not yet stored: it waits until everything applied is committed. */
  private async replyToStep1(connection: Connection, stateVector: Uint8Array): Promise<void> {
    while (this.hasUncommitted && !this.closed) await this.flush();
    if (this.closed || !this.connections.has(connection)) return;
    connection.send(encodeMessage((encoder) => {
      encoding.writeVarUint(encoder, MessageType.Sync);
      syncProtocol.writeSyncStep2(encoder, this.doc, stateVector);
    }));
  }

  private takeCostly(state: ConnectionState): void {
    if (!state.costly.take()) throw new Refusal(CloseCode.RateLimited, 'too many sync or awareness requests');
  }

  private handleSync(connection: Connection, state: ConnectionState, decoder: decoding.Decoder): void {
    const syncType = decoding.readVarUint(decoder);
    switch (syncType) {
      case syncProtocol.messageYjsSyncStep1: {
        this.takeCostly(state);
        const stateVector = decoding.readVarUint8Array(decoder);
        // Checked now, so a bad one is refused like any malformed message rather than failing later.
        Y.decodeStateVector(stateVector);
        void this.replyToStep1(connection, stateVector);
        break;
      }
      case syncProtocol.messageYjsSyncStep2:
      case syncProtocol.messageYjsUpdate: {
        const update = decoding.readVarUint8Array(decoder);
        const isStep2 = syncType === syncProtocol.messageYjsSyncStep2;
        if (isStep2) state.firstSync = false;
        // Viewers may hold a doc with local edits; those are ignored, never applied or forwarded.
        if (!canWrite(connection.role)) return;
        if (!isStep2 && state.firstSync && this.holdIfIncomplete(connection, state, update)) return;
        this.acceptUpdate(connection, state, update);
        if (isStep2) this.releaseHeld(connection, state);
        break;
      }
      default:
        throw new Refusal(CloseCode.MalformedMessage, `unknown sync message type ${syncType}`);
    }
  }

  /** Checks an update from a writer, applies it and queues it for the next commit; throws a Refusal. */
  private acceptUpdate(connection: Connection, state: ConnectionState, update: Uint8Array): void {
    if (this.storedBytes + update.byteLength > this.options.limits.maxBoardBytes) {
      throw new Refusal(CloseCode.TooLarge, `the board is at its size limit of ${this.options.limits.maxBoardBytes} bytes`);
    }
    const writer: Writer = { role: connection.role, voterId: connection.voterId };
    const plan = inspectUpdate(this.doc, update, writer);
    this.applyChecked(connection, update, plan, writer);
    // The ids a connection writes document changes under are its own for presence too.
    claimClientIds({ ids: state.awarenessIds }, plan.clients, this.awarenessRoom(connection));
  }

  /**
   * A stock provider sends edits as they are made, also while it reconnects, so one can overtake
   * the step 2 that carries what it builds on (edits made offline, or held by a server that has
   * since restarted). During the first sync such an edit waits for step 2 instead of being refused.
   * Returns false when the update is complete and can be checked now.
   */
  private holdIfIncomplete(connection: Connection, state: ConnectionState, update: Uint8Array): boolean {
    if (state.held.length === 0) {
      try {
        inspectUpdate(this.doc, update, { role: connection.role, voterId: connection.voterId });
        return false;
      } catch (error) {
        if (!(error instanceof Refusal) || error.code !== CloseCode.NeedsResync) return false;
      }
    }
    state.heldBytes += update.byteLength;
    if (state.heldBytes > this.options.limits.maxBoardBytes) {
      throw new Refusal(CloseCode.TooLarge, 'too many edits before the first sync');
    }
    state.held.push(update);
    state.heldTimer ??= setTimeout(() => {
      state.heldTimer = null;
      if (this.connections.get(connection) === state && state.held.length > 0) connection.close(CloseCode.NeedsResync, 'update depends on changes the server does not have');
    }, HOLD_FOR_STEP_2_MS);
    return true;
  }

  /** Step 2 has been applied: the edits that waited for it are checked now, in the order they came. */
  private releaseHeld(connection: Connection, state: ConnectionState): void {
    if (state.heldTimer) clearTimeout(state.heldTimer);
    state.heldTimer = null;
    const held = state.held.splice(0);
    state.heldBytes = 0;
    for (const update of held) this.acceptUpdate(connection, state, update);
  }

  /**
   * Applies an update that passed the checks made before applying, then the checks on the result.
   * The doc updates this causes (the update, and its undoing if a check fails) are queued as one,
   * so they are stored in one row and forwarded in one message.
   */
  private applyChecked(connection: Connection, update: Uint8Array, plan: UpdatePlan, writer: Writer): void {
    const captured: Uint8Array[] = [];
    this.captured = captured;
    let refusal: Refusal | null = null;
    try {
      Y.applyUpdate(this.doc, update, connection);
      const store = this.doc.store;
      refusal = store.pendingStructs !== null || store.pendingDs !== null
        ? new Refusal(CloseCode.NeedsResync, 'update depends on changes the server does not have')
        : this.outcome.check(plan, writer);
    } catch (error) {
      refusal = new Refusal(CloseCode.MalformedMessage, `update could not be applied: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      if (refusal && this.reverter.canUndo()) this.reverter.undo();
      this.reverter.clear();
      // What could not be integrated must not wait to be completed by a later message.
      this.doc.store.pendingStructs = null;
      this.doc.store.pendingDs = null;
      this.captured = null;
    }
    if (captured.length > 0) {
      const merged = captured.length === 1 ? captured[0]! : Y.mergeUpdates(captured);
      // A reverted update goes to everyone, its sender too: the net change is nothing.
      this.pending.push({ update: merged, origin: refusal ? null : connection });
      this.scheduleFlush();
    }
    if (refusal) throw refusal;
  }

  private readonly onDocUpdate = (update: Uint8Array, origin: unknown): void => {
    if (origin === STORAGE_ORIGIN) return;
    if (origin === FEED_ORIGIN) {
      // Committed by the process it entered through: only this process's connections still need it.
      this.sendToConnections(this.updateMessage(update));
      return;
    }
    if (this.captured) {
      this.captured.push(update);
      return;
    }
    this.pending.push({ update, origin });
    this.scheduleFlush();
  };

  private readonly onAwarenessUpdate = (
    { added, updated, removed }: { added: number[]; updated: number[]; removed: number[] },
    origin: unknown,
  ): void => {
    for (const id of added) this.pendingAwareness.add(id);
    for (const id of updated) this.pendingAwareness.add(id);
    for (const id of removed) this.pendingAwareness.add(id);
    if (origin === FEED_ORIGIN) {
      for (const id of added) this.remoteAwarenessIds.add(id);
      for (const id of updated) this.remoteAwarenessIds.add(id);
      for (const id of removed) this.remoteAwarenessIds.delete(id);
    } else {
      // A remote state that timed out here is gone here too.
      for (const id of removed) this.remoteAwarenessIds.delete(id);
      if (this.feedLink) for (const id of [...added, ...updated, ...removed]) this.awarenessToPublish.add(id);
    }
    // Cursors move at pointer rate; one presence message per room per frame at 30 Hz is what a
    // person can see, and costs a fraction of one message per move per connection.
    this.awarenessScheduled ??= setTimeout(() => {
      this.awarenessScheduled = null;
      void this.flush();
    }, AWARENESS_INTERVAL_MS);
  };

  private scheduleFlush(): void {
    this.flushScheduled ??= setImmediate(() => void this.flush());
  }

  /**
   * Commits everything received so far in one storage transaction, then forwards it, one encoded
   * message for the whole room; presence changes go out at once (they are not stored). Resolves
   * when all that was pending at the call is committed and forwarded, or the room has failed. If a
   * commit fails nothing of it is forwarded and every connection is closed (4500), so no one has seen what
   * storage does not have. Never rejects.
   */
  flush(): Promise<void> {
    if (this.flushScheduled) {
      clearImmediate(this.flushScheduled);
      this.flushScheduled = null;
    }
    if (this.awarenessScheduled) {
      clearTimeout(this.awarenessScheduled);
      this.awarenessScheduled = null;
    }
    if (this.closed) return Promise.resolve();
    if (this.pendingAwareness.size > 0) this.flushAwareness();
    return this.pending.length === 0 ? this.commits.settled() : this.commits.request();
  }

  /**
   * The commit-then-forward path, the one place an accepted batch goes through: stored first, then
   * sent to this room's connections (a fan-out to other processes would publish here, after the commit).
   */
  private async commitPending(): Promise<void> {
    if (this.closed || this.pending.length === 0) return;
    const batch = this.pending;
    this.pending = [];
    let seqs: number[];
    try {
      seqs = await this.storage.updates.append(this.boardId, batch.map((item) => item.update));
    } catch (error) {
      this.options.onError(error, 'storing updates');
      this.fail();
      return;
    }
    if (this.closed) return;
    this.lastSeq = Math.max(this.lastSeq, ...seqs);
    this.appendsSinceCompaction += batch.length;
    for (const item of batch) this.bytesSinceCompaction += item.update.byteLength;
    const merged = this.forward(batch);
    // Committed first, then published: a process that misses this catches up from storage.
    this.feedLink?.publishUpdate(merged);
    try {
      await this.syncTitle();
    } catch (error) {
      this.options.onError(error, 'storing the title');
      this.fail();
      return;
    }
    // Merging re-encodes the whole board, so a big board waits until its log has grown by a good
    // share of its size: the cost stays proportional to what was written, not to how often.
    if (this.appendsSinceCompaction >= this.options.compactEvery && this.bytesSinceCompaction >= this.compactedBytes / 4) {
      if (!(await this.compact())) this.fail();
    }
  }

  /** Sends a committed batch to this room's connections, encoded once; returns the batch as one update. */
  private forward(batch: readonly PendingUpdate[]): Uint8Array {
    const merged = batch.length === 1 ? batch[0]!.update : Y.mergeUpdates(batch.map((item) => item.update));
    // A connection already has its own edits; when the whole batch is one connection's, skip sending it back.
    const onlyOrigin = batch.every((item) => item.origin === batch[0]!.origin) ? batch[0]!.origin : undefined;
    this.sendToConnections(this.updateMessage(merged), onlyOrigin);
    return merged;
  }

  private updateMessage(update: Uint8Array): Uint8Array {
    return encodeMessage((encoder) => {
      encoding.writeVarUint(encoder, MessageType.Sync);
      syncProtocol.writeUpdate(encoder, update);
    });
  }

  private sendToConnections(message: Uint8Array, except?: unknown): void {
    for (const connection of this.connections.keys()) {
      if (connection !== except) connection.send(message);
    }
  }

  /** An update another process committed and published (roomFeed.ts). */
  applyRemoteUpdate(update: Uint8Array): void {
    if (this.closed) return;
    Y.applyUpdate(this.doc, update, FEED_ORIGIN);
    const store = this.doc.store;
    if (store.pendingStructs !== null || store.pendingDs !== null) {
      // It depends on something not yet delivered here, which storage already has (commit comes
      // before publish). Holding it would make the next local update look incomplete.
      store.pendingStructs = null;
      store.pendingDs = null;
      this.catchUp();
    }
  }

  /** Presence of people connected to another process, stamped and limited there. */
  applyRemoteAwareness(update: Uint8Array): void {
    if (this.closed) return;
    awarenessProtocol.applyAwarenessUpdate(this.awareness, update, FEED_ORIGIN);
  }

  /**
   * Messages from other processes may have been missed: whatever storage holds that this doc lacks
   * is applied as if it had arrived from them, and forwarded to this room's connections.
   */
  catchUp(): void {
    if (this.closed || this.catchingUp) return;
    this.catchingUp = this.storage.updates
      .load(this.boardId)
      .then((rows) => {
        if (this.closed) return;
        this.doc.transact(() => {
          for (const { update } of rows) Y.applyUpdate(this.doc, update, FEED_ORIGIN);
        }, FEED_ORIGIN);
        this.doc.store.pendingStructs = null;
        this.doc.store.pendingDs = null;
      })
      .catch((error: unknown) => this.options.onError(error, 'catching up from storage'))
      .finally(() => (this.catchingUp = null));
  }

  private flushAwareness(): void {
    const changed = [...this.pendingAwareness];
    this.pendingAwareness.clear();
    const message = encodeMessage((encoder) => {
      encoding.writeVarUint(encoder, MessageType.Awareness);
      encoding.writeVarUint8Array(encoder, awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed));
    });
    this.sendToConnections(message);
    if (this.feedLink && this.awarenessToPublish.size > 0) {
      this.feedLink.publishAwareness(awarenessProtocol.encodeAwarenessUpdate(this.awareness, [...this.awarenessToPublish]));
      this.awarenessToPublish.clear();
    }
  }

  /** Keeps the REST title in step with the document's, which any editor may change. */
  private async syncTitle(): Promise<void> {
    const title: unknown = this.doc.getMap(Root.Meta).get(MetaField.Title);
    if (typeof title === 'string' && title !== this.storedTitle) {
      await this.storage.boards.setTitle(this.boardId, title);
      this.storedTitle = title;
    }
  }

  /**
   * Replaces the stored update log up to the last commit with one merged state: this doc's, plus
   * any row the doc does not hold (another writer's). Called between commits. Resolves false if
   * storage failed; the log is then as it was (compaction is one transaction).
   */
  async compact(): Promise<boolean> {
    if (this.appendsSinceCompaction === 0 || this.closed) return true;
    const upToSeq = this.lastSeq;
    let mergedBytes: number | null = null;
    try {
      await this.storage.updates.compact(this.boardId, upToSeq, (rows) => {
        const state = this.mergeRows(rows);
        mergedBytes = state.byteLength;
        return state;
      });
    } catch (error) {
      this.options.onError(error, 'compacting');
      return false;
    }
    if (mergedBytes !== null) this.compactedBytes = mergedBytes;
    this.appendsSinceCompaction = 0;
    this.bytesSinceCompaction = 0;
    return true;
  }

  /**
   * This doc's state plus whatever any row holds that the doc lacks. Every row is diffed, not only
   * rows of unknown seq: another writer's compaction stores its merged state under the last seq it
   * read, which may be a seq this room wrote, so a seq says nothing of what a row holds now.
   */
  private mergeRows(rows: readonly StoredUpdate[]): Uint8Array {
    const state = Y.encodeStateAsUpdate(this.doc);
    const stateVector = Y.encodeStateVector(this.doc);
    // Only what the doc lacks of each row; its deletions always come along, which is harmless.
    return Y.mergeUpdates([state, ...rows.map((row) => Y.diffUpdate(row.update, stateVector))]);
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
    if (this.pendingAwareness.size > 0 && !this.closed) this.flushAwareness();
    while (this.hasUncommitted && !this.closed) await this.flush();
    if (this.closed) return;
    await this.compact();
    this.destroy();
  }

  private destroy(): void {
    this.feedLink?.close();
    this.reverter.destroy();
    this.closed = true;
    if (this.flushScheduled) clearImmediate(this.flushScheduled);
    this.flushScheduled = null;
    if (this.awarenessScheduled) clearTimeout(this.awarenessScheduled);
    this.awarenessScheduled = null;
    this.pending = [];
    this.pendingAwareness.clear();
    this.doc.off('update', this.onDocUpdate);
    this.awareness.off('update', this.onAwarenessUpdate);
    this.awareness.destroy();
    this.doc.destroy();
  }

  get isClosed(): boolean {
    return this.closed;
  }
}
