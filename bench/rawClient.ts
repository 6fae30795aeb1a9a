import WebSocket from 'ws';
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import * as decoding from 'lib0/decoding';
import * as syncProtocol from 'y-protocols/sync';
import { MessageType } from '../shared/protocol/messageTypes';

/** Step 2 of a client that has nothing: an empty Yjs update. */
const EMPTY_UPDATE = Y.encodeStateAsUpdate(new Y.Doc());
const EMPTY_STATE_VECTOR = Y.encodeStateVector(new Y.Doc());

function syncMessage(write: (encoder: encoding.Encoder) => void): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.Sync);
  write(encoder);
  return encoding.toUint8Array(encoder);
}

export interface RawClientOptions {
  /**
   * A document to keep in step (applies what arrives, sends its own edits). Without one the client
   * is a lean reader: it answers the handshake with an empty state and only reports updates.
   */
  doc?: Y.Doc;
  /** Called with every document update the server sends (step 2 and later updates). */
  onUpdate?: (update: Uint8Array) => void;
  /**
   * False: after the first sync, updates from the server are only counted, not applied to `doc`. For
   * load generators whose edits touch only their own notes, so that the one load thread spends its
   * time making load rather than mirroring everyone else's edits.
   */
  applyUpdates?: boolean;
}

/**
 * A minimal y-websocket client speaking y-protocols sync over `ws`, without awareness, reconnects
 * or timers: cheap enough to run hundreds in one thread while still doing the real handshake.
 */
export class RawSyncClient {
  readonly socket: WebSocket;
  readonly synced: Promise<void>;
  bytesReceived = 0;
  messagesReceived = 0;
  private readonly markSynced: () => void;
  private readonly doc: Y.Doc | undefined;

  constructor(url: string, private readonly options: RawClientOptions = {}) {
    this.doc = options.doc;
    let markSynced!: () => void;
    let failSync!: (error: Error) => void;
    this.synced = new Promise((resolve, reject) => {
      markSynced = resolve;
      failSync = reject;
    });
    this.synced.catch(() => undefined);
    this.markSynced = markSynced;
    this.socket = new WebSocket(url, { perMessageDeflate: false });
    this.socket.on('error', failSync);
    // Rejecting an already resolved promise does nothing, so this only reports closes before sync.
    this.socket.on('close', (code, reason) => failSync(new Error(`closed before sync: ${code} ${reason.toString()}`)));
    this.socket.on('open', () => {
      this.socket.send(syncMessage((encoder) => {
        encoding.writeVarUint(encoder, syncProtocol.messageYjsSyncStep1);
        encoding.writeVarUint8Array(encoder, this.doc ? Y.encodeStateVector(this.doc) : EMPTY_STATE_VECTOR);
      }));
    });
    this.socket.on('message', (data: Buffer) => this.receive(data));
    this.doc?.on('update', this.onDocUpdate);
  }

  private readonly onDocUpdate = (update: Uint8Array, origin: unknown): void => {
    if (origin === this || this.socket.readyState !== WebSocket.OPEN) return;
    this.socket.send(syncMessage((encoder) => syncProtocol.writeUpdate(encoder, update)));
  };

  private receive(data: Buffer): void {
    this.messagesReceived++;
    this.bytesReceived += data.byteLength;
    const decoder = decoding.createDecoder(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
    if (decoding.readVarUint(decoder) !== MessageType.Sync) return; // awareness: not needed here
    const syncType = decoding.readVarUint(decoder);
    if (syncType === syncProtocol.messageYjsSyncStep1) {
      const stateVector = decoding.readVarUint8Array(decoder);
      const update = this.doc ? Y.encodeStateAsUpdate(this.doc, stateVector) : EMPTY_UPDATE;
      this.socket.send(syncMessage((encoder) => {
        encoding.writeVarUint(encoder, syncProtocol.messageYjsSyncStep2);
        encoding.writeVarUint8Array(encoder, update);
      }));
      return;
    }
    const update = decoding.readVarUint8Array(decoder);
    const mirror = syncType === syncProtocol.messageYjsSyncStep2 || this.options.applyUpdates !== false;
    if (this.doc && mirror) Y.applyUpdate(this.doc, update, this);
    this.options.onUpdate?.(update);
    if (syncType === syncProtocol.messageYjsSyncStep2) this.markSynced();
  }

  /** Closes the socket and resolves once the close handshake is done. */
  close(): Promise<void> {
    this.doc?.off('update', this.onDocUpdate);
    if (this.socket.readyState === WebSocket.CLOSED) return Promise.resolve();
    return new Promise((resolve) => {
      this.socket.once('close', () => resolve());
      this.socket.close();
    });
  }
}

/** The highest clock of `clientId` that an update contains, or -1 if it has nothing from that client. */
export function clockOf(update: Uint8Array, clientId: number): number {
  const to = Y.parseUpdateMeta(update).to.get(clientId);
  return to === undefined ? -1 : to;
}
