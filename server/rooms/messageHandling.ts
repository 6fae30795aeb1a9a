import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import * as syncProtocol from 'y-protocols/sync';
import { MessageType } from '../../shared/protocol/messageTypes';
import { CloseCode } from '../../shared/protocol/closeCodes';
import { Refusal } from './refusal';
import type { Connection, ConnectionState } from './connection';

/** What the room does with each kind of message, once decoded. */
export interface MessageRoom {
  /** Step 1: the client's state vector, checked; answer with step 2 once it can be (asynchronously). */
  replyToStep1(connection: Connection, stateVector: Uint8Array): void;
  /** Step 2 (the client's answer to ours) or an edit. */
  receiveUpdate(connection: Connection, state: ConnectionState, update: Uint8Array, isStep2: boolean): void;
  receiveAwareness(connection: Connection, state: ConnectionState, update: Uint8Array): void;
  /** Every presence state the room holds, as one message. */
  awarenessStateMessage(): Uint8Array;
}

/**
 * Decodes one y-websocket message and hands it to the room. Throws `Refusal` (with the close code
 * for its sender) if the message cannot be decoded, breaks the format or the sender's role, or is
 * over a limit; then nothing of it has been applied, stored or forwarded.
 */
export function dispatchMessage(room: MessageRoom, connection: Connection, state: ConnectionState, message: Uint8Array): void {
  try {
    const decoder = decoding.createDecoder(message);
    const type = decoding.readVarUint(decoder);
    switch (type) {
      case MessageType.Sync:
        handleSync(room, connection, state, decoder);
        break;
      case MessageType.Awareness:
        room.receiveAwareness(connection, state, decoding.readVarUint8Array(decoder));
        break;
      case MessageType.QueryAwareness:
        takeCostly(state);
        connection.send(room.awarenessStateMessage());
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

function takeCostly(state: ConnectionState): void {
  if (!state.costly.take()) throw new Refusal(CloseCode.RateLimited, 'too many sync or awareness requests');
}

function handleSync(room: MessageRoom, connection: Connection, state: ConnectionState, decoder: decoding.Decoder): void {
  const syncType = decoding.readVarUint(decoder);
  switch (syncType) {
    case syncProtocol.messageYjsSyncStep1: {
      takeCostly(state);
      const stateVector = decoding.readVarUint8Array(decoder);
      // Checked now, so a bad one is refused like any malformed message rather than failing later.
      Y.decodeStateVector(stateVector);
      room.replyToStep1(connection, stateVector);
      break;
    }
    case syncProtocol.messageYjsSyncStep2:
    case syncProtocol.messageYjsUpdate:
      room.receiveUpdate(connection, state, decoding.readVarUint8Array(decoder), syncType === syncProtocol.messageYjsSyncStep2);
      break;
    default:
      throw new Refusal(CloseCode.MalformedMessage, `unknown sync message type ${syncType}`);
  }
}
