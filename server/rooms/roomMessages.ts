import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import * as awarenessProtocol from 'y-protocols/awareness';
import { MessageType } from '../../shared/protocol/messageTypes';
import type { Connection } from './connection';

/** The y-websocket messages a room sends. */

function encodeMessage(write: (encoder: encoding.Encoder) => void): Uint8Array {
  const encoder = encoding.createEncoder();
  write(encoder);
  return encoding.toUint8Array(encoder);
}

/** Asks a client for what it has that the doc lacks; it answers with step 2 and its own step 1. */
export function syncStep1Message(doc: Y.Doc): Uint8Array {
  return encodeMessage((encoder) => {
    encoding.writeVarUint(encoder, MessageType.Sync);
    syncProtocol.writeSyncStep1(encoder, doc);
  });
}

/** What the doc holds beyond a client's state vector. */
export function syncStep2Message(doc: Y.Doc, stateVector: Uint8Array): Uint8Array {
  return encodeMessage((encoder) => {
    encoding.writeVarUint(encoder, MessageType.Sync);
    syncProtocol.writeSyncStep2(encoder, doc, stateVector);
  });
}

export function updateMessage(update: Uint8Array): Uint8Array {
  return encodeMessage((encoder) => {
    encoding.writeVarUint(encoder, MessageType.Sync);
    syncProtocol.writeUpdate(encoder, update);
  });
}

/** The presence states of these client ids. */
export function awarenessMessage(awareness: awarenessProtocol.Awareness, clients: number[]): Uint8Array {
  return encodeMessage((encoder) => {
    encoding.writeVarUint(encoder, MessageType.Awareness);
    encoding.writeVarUint8Array(encoder, awarenessProtocol.encodeAwarenessUpdate(awareness, clients));
  });
}

/** Sends one encoded message to every connection of a room but `except`: encoded once for all. */
export function broadcast(connections: Iterable<Connection>, message: Uint8Array, except?: unknown): void {
  for (const connection of connections) {
    if (connection !== except) connection.send(message);
  }
}
