import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import { WebsocketProvider } from 'y-websocket';
import { MessageType } from '../../shared/protocol/messageTypes';
import { VOTER_PARAM } from '../../shared/protocol/voter';
import { encodeOwnAwarenessUpdate, type AwarenessChanges } from './ownAwareness';

function awarenessMessage(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.Awareness);
  encoding.writeVarUint8Array(encoder, update);
  return encoding.toUint8Array(encoder);
}

/** The stock options kept (`WebSocketPolyfill` for tests and Node tools, `connect`), and the voter secret. */
export interface BoardProviderOptions
  extends Pick<ConstructorParameters<typeof WebsocketProvider>[3] & object, 'WebSocketPolyfill' | 'connect'> {
  /**
   * This browser's voter secret (client/board/identity.ts `voterSecret`), sent next to the key as
   * `?voter=` (shared/protocol/voter.ts); the server counts this socket's dots under the voter id
   * derived from it. Left out, the socket has no voter id.
   */
  voter?: string;
}

/**
 * The stock y-websocket provider, changed so that it only ever sends this client's own awareness
 * state: on local changes, and when the server asks for awareness (QueryAwareness). The meeting's
 * live signals (a leader's viewport, follow, summon; see client/board/presence.ts) ride in that own
 * state too, so each participant hears them straight from the leader's client and never as a relay.
 */
export class BoardProvider extends WebsocketProvider {
  constructor(
    serverUrl: string,
    boardId: string,
    doc: Y.Doc,
    key: string,
    options: BoardProviderOptions = {},
  ) {
    const { voter, ...stock } = options;
    // Cross-tab BroadcastChannel would bypass the key check and relay other tabs' awareness.
    super(serverUrl, boardId, doc, { ...stock, params: voter === undefined ? { key } : { key, [VOTER_PARAM]: voter }, disableBc: true });
    this.awareness.off('update', this._awarenessUpdateHandler);
    this._awarenessUpdateHandler = (changes: AwarenessChanges) => {
      const update = encodeOwnAwarenessUpdate(this.awareness, changes);
      if (update) this.sendRaw(awarenessMessage(update));
    };
    this.awareness.on('update', this._awarenessUpdateHandler);
    this.messageHandlers[MessageType.QueryAwareness] = (encoder, _decoder, provider) => {
      encoding.writeVarUint(encoder, MessageType.Awareness);
      encoding.writeVarUint8Array(
        encoder,
        awarenessProtocol.encodeAwarenessUpdate(provider.awareness, [provider.doc.clientID]),
      );
    };
  }

  private sendRaw(message: Uint8Array): void {
    const ws = this.ws;
    if (this.wsconnected && ws && ws.readyState === ws.OPEN) ws.send(message);
  }
}
