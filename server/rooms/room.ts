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
import type { BoardStorage } from '../storage/storage';

/** One connected client, whatever the transport. */
export interface Peer {
  readonly role: Role;
  send(message: Uint8Array): void;
  close(code: number, reason: string): void;
}

/** A message could not be decoded or applied; the sender is closed, the room carries on. */
export class MalformedMessageError extends Error {
  override readonly name = 'MalformedMessageError';
}

export interface RoomOptions {
  /** Merge the stored updates into one row after this many appends. */
  compactEvery: number;
  onError: (error: unknown, context: string) => void;
}

interface PendingUpdate {
  update: Uint8Array;
  origin: unknown;
}

function encodeMessage(write: (encoder: encoding.Encoder) => void): Uint8Array {
  const encoder = encoding.createEncoder();
  write(encoder);
  return encoding.toUint8Array(encoder);
}

/**
 * A board that at least one client has open: its Y.Doc, awareness and peers.
 *
 * Updates from peers are applied at once, collected for the rest of the event-loop tick, then
 * committed to storage in one transaction and only then sent on, encoded once for the whole room.
 * So whatever a peer has seen is already durable.
 */
export class Room {
  readonly boardId: string;
  readonly doc = new Y.Doc({ gc: true });
  readonly awareness = new awarenessProtocol.Awareness(this.doc);
  /**
   * The meeting (phase, timer, vote, private round) is the leader's to run. Changes to it from
   * edit-key peers are tracked here and undone at once, as a new change everyone receives, so a
   * participant's client cannot take over the meeting even if it ignores the UI's rules.
   */
  private readonly leaderOnly = new Y.UndoManager(this.doc.getMap(Root.Meeting), {
    trackedOrigins: new Set<unknown>(),
    captureTimeout: 0,
  });
  private readonly peers = new Map<Peer, Set<number>>();
  private pending: PendingUpdate[] = [];
  private pendingAwareness = new Set<number>();
  private flushScheduled: NodeJS.Immediate | null = null;
  private lastSeq = 0;
  private appendsSinceCompaction = 0;
  private bytesSinceCompaction = 0;
  /** Size of the state the log was last merged into; merging costs about that much again. */
  private compactedBytes = 0;
  private storedTitle: string | null = null;
  private closed = false;

  constructor(
    boardId: string,
    private readonly storage: BoardStorage,
    private readonly options: RoomOptions,
  ) {
    this.boardId = boardId;
    // The server is not a participant; it has no presence of its own.
    this.awareness.setLocalState(null);
    this.load();
    this.doc.on('update', this.onDocUpdate);
    this.awareness.on('update', this.onAwarenessUpdate);
    // After the listener, so that the migration is stored (and sent to the first peer) like any edit.
    migrateBoard(this.doc, MIGRATION_ORIGIN);
  }

  get peerCount(): number {
    return this.peers.size;
  }

  /** True when nothing is connected and nothing waits to be stored: the room may be unloaded. */
  get idle(): boolean {
    return this.peers.size === 0 && this.pending.length === 0;
  }

  private load(): void {
    const stored = this.storage.loadUpdates(this.boardId);
    const board = this.storage.getBoard(this.boardId);
    this.storedTitle = board?.title ?? null;
    this.doc.transact(() => {
      for (const { update } of stored) Y.applyUpdate(this.doc, update, STORAGE_ORIGIN);
    }, STORAGE_ORIGIN);
    this.lastSeq = stored.at(-1)?.seq ?? 0;
    this.appendsSinceCompaction = stored.length > 1 ? stored.length : 0;
    this.compactedBytes = stored[0]?.update.byteLength ?? 0;
    this.bytesSinceCompaction = stored.slice(1).reduce((sum, { update }) => sum + update.byteLength, 0);
  }

  addPeer(peer: Peer): void {
    this.peers.set(peer, new Set());
    if (peer.role === Role.Edit) this.leaderOnly.trackedOrigins.add(peer);
    // Ask for what the client has that we lack; it answers with step 2 and its own step 1.
    peer.send(encodeMessage((encoder) => {
      encoding.writeVarUint(encoder, MessageType.Sync);
      syncProtocol.writeSyncStep1(encoder, this.doc);
    }));
    const states = this.awareness.getStates();
    if (states.size > 0) {
      peer.send(encodeMessage((encoder) => {
        encoding.writeVarUint(encoder, MessageType.Awareness);
        encoding.writeVarUint8Array(encoder, awarenessProtocol.encodeAwarenessUpdate(this.awareness, [...states.keys()]));
      }));
    }
  }

  removePeer(peer: Peer): void {
    const clients = this.peers.get(peer);
    if (!clients) return;
    this.peers.delete(peer);
    this.leaderOnly.trackedOrigins.delete(peer);
    if (clients.size > 0) awarenessProtocol.removeAwarenessStates(this.awareness, [...clients], peer);
  }

  /** Handles one websocket message. Throws MalformedMessageError if it cannot be decoded or applied. */
  handleMessage(peer: Peer, message: Uint8Array): void {
    if (this.closed) return;
    try {
      const decoder = decoding.createDecoder(message);
      const type = decoding.readVarUint(decoder);
      switch (type) {
        case MessageType.Sync:
          this.handleSync(peer, decoder);
          break;
        case MessageType.Awareness:
          awarenessProtocol.applyAwarenessUpdate(this.awareness, decoding.readVarUint8Array(decoder), peer);
          break;
        case MessageType.QueryAwareness:
          peer.send(encodeMessage((encoder) => {
            encoding.writeVarUint(encoder, MessageType.Awareness);
            encoding.writeVarUint8Array(
              encoder,
              awarenessProtocol.encodeAwarenessUpdate(this.awareness, [...this.awareness.getStates().keys()]),
            );
          }));
          break;
        case MessageType.Auth:
          // Access is decided by the key on connect; the y-websocket auth message carries nothing we use.
          break;
        default:
          throw new MalformedMessageError(`unknown message type ${type}`);
      }
    } catch (error) {
      if (error instanceof MalformedMessageError) throw error;
      throw new MalformedMessageError(error instanceof Error ? error.message : String(error));
    }
  }

  private handleSync(peer: Peer, decoder: decoding.Decoder): void {
    const syncType = decoding.readVarUint(decoder);
    switch (syncType) {
      case syncProtocol.messageYjsSyncStep1: {
        // Step 2 must not show anything that is not yet stored.
        this.flush();
        const reply = encodeMessage((encoder) => {
          encoding.writeVarUint(encoder, MessageType.Sync);
          syncProtocol.readSyncStep1(decoder, encoder, this.doc);
        });
        peer.send(reply);
        break;
      }
      case syncProtocol.messageYjsSyncStep2:
      case syncProtocol.messageYjsUpdate: {
        const update = decoding.readVarUint8Array(decoder);
        // Viewers may hold a doc with local edits; those are ignored, never applied or forwarded.
        if (!canWrite(peer.role)) return;
        Y.applyUpdate(this.doc, update, peer);
        if (this.leaderOnly.canUndo()) {
          this.leaderOnly.undo();
          this.leaderOnly.clear();
        }
        break;
      }
      default:
        throw new MalformedMessageError(`unknown sync message type ${syncType}`);
    }
  }

  private readonly onDocUpdate = (update: Uint8Array, origin: unknown): void => {
    if (origin === STORAGE_ORIGIN) return;
    this.pending.push({ update, origin });
    this.scheduleFlush();
  };

  private readonly onAwarenessUpdate = (
    { added, updated, removed }: { added: number[]; updated: number[]; removed: number[] },
    origin: unknown,
  ): void => {
    const clients = this.peers.get(origin as Peer);
    if (clients) {
      for (const id of added) clients.add(id);
      for (const id of updated) clients.add(id);
      for (const id of removed) clients.delete(id);
    }
    for (const id of added) this.pendingAwareness.add(id);
    for (const id of updated) this.pendingAwareness.add(id);
    for (const id of removed) this.pendingAwareness.add(id);
    this.scheduleFlush();
  };

  private scheduleFlush(): void {
    this.flushScheduled ??= setImmediate(() => this.flush());
  }

  /**
   * Commits everything received this tick in one storage transaction, then forwards it, one
   * encoded message for the whole room. If the commit fails nothing is forwarded and every peer
   * is closed, so no one has seen what storage does not have.
   */
  flush(): void {
    if (this.flushScheduled) {
      clearImmediate(this.flushScheduled);
      this.flushScheduled = null;
    }
    if (this.pending.length > 0) this.flushUpdates();
    if (this.pendingAwareness.size > 0) this.flushAwareness();
  }

  private flushUpdates(): void {
    const batch = this.pending;
    this.pending = [];
    try {
      this.lastSeq = this.storage.appendUpdates(this.boardId, batch.map((item) => item.update));
    } catch (error) {
      this.options.onError(error, 'storing updates');
      this.fail();
      return;
    }
    this.appendsSinceCompaction += batch.length;
    for (const item of batch) this.bytesSinceCompaction += item.update.byteLength;
    const merged = batch.length === 1 ? batch[0]!.update : Y.mergeUpdates(batch.map((item) => item.update));
    const message = encodeMessage((encoder) => {
      encoding.writeVarUint(encoder, MessageType.Sync);
      syncProtocol.writeUpdate(encoder, merged);
    });
    // A peer already has its own edits; when the whole batch is one peer's, skip sending it back.
    const onlyOrigin = batch.every((item) => item.origin === batch[0]!.origin) ? batch[0]!.origin : undefined;
    for (const peer of this.peers.keys()) {
      if (peer !== onlyOrigin) peer.send(message);
    }
    this.syncTitle();
    // Merging re-encodes the whole board, so a big board waits until its log has grown by a good
    // share of its size: the cost stays proportional to what was written, not to how often.
    if (this.appendsSinceCompaction >= this.options.compactEvery && this.bytesSinceCompaction >= this.compactedBytes / 4) {
      this.compact();
    }
  }

  private flushAwareness(): void {
    const changed = [...this.pendingAwareness];
    this.pendingAwareness.clear();
    const message = encodeMessage((encoder) => {
      encoding.writeVarUint(encoder, MessageType.Awareness);
      encoding.writeVarUint8Array(encoder, awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed));
    });
    for (const peer of this.peers.keys()) peer.send(message);
  }

  /** Keeps the REST title in step with the document's, which any editor may change. */
  private syncTitle(): void {
    const title: unknown = this.doc.getMap(Root.Meta).get(MetaField.Title);
    if (typeof title === 'string' && title !== this.storedTitle) {
      this.storage.setBoardTitle(this.boardId, title);
      this.storedTitle = title;
    }
  }

  /** Replaces the stored update log with one merged state. Only called when nothing is pending. */
  compact(): void {
    if (this.appendsSinceCompaction === 0 || this.pending.length > 0) return;
    try {
      const merged = Y.encodeStateAsUpdate(this.doc);
      this.storage.compact(this.boardId, merged, this.lastSeq);
      this.appendsSinceCompaction = 0;
      this.bytesSinceCompaction = 0;
      this.compactedBytes = merged.byteLength;
    } catch (error) {
      this.options.onError(error, 'compacting');
    }
  }

  closePeers(code: number, reason: string): void {
    for (const peer of [...this.peers.keys()]) peer.close(code, reason);
  }

  private fail(): void {
    this.closePeers(CloseCode.StorageFailure, 'board could not be stored');
    this.destroy();
  }

  /** Stores what is pending, compacts, and releases the document. */
  close(): void {
    if (this.closed) return;
    this.flush();
    this.compact();
    this.destroy();
  }

  private destroy(): void {
    this.leaderOnly.destroy();
    this.closed = true;
    if (this.flushScheduled) clearImmediate(this.flushScheduled);
    this.flushScheduled = null;
    this.pending = [];
    this.doc.off('update', this.onDocUpdate);
    this.awareness.off('update', this.onAwarenessUpdate);
    this.awareness.destroy();
    this.doc.destroy();
  }

  get isClosed(): boolean {
    return this.closed;
  }
}
