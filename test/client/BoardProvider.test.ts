// @vitest-environment jsdom
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import { MessageType } from '../../shared/protocol/messageTypes';
import { VOTER_PARAM } from '../../shared/protocol/voter';
import { BoardProvider } from '../../client/sync/BoardProvider';
import { startServer, synced, type TestServer } from '../helpers/server';
import { waitFor } from '../helpers/waitFor';

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => server?.close());

/** The awareness client ids carried by each awareness message a socket sent. */
const sentAwareness: number[][] = [];

/** `ws` standing in for the browser WebSocket, noting every awareness message it sends. */
class RecordingSocket extends WebSocket {
  override send(data: unknown): void {
    if (data instanceof Uint8Array) {
      const decoder = decoding.createDecoder(data);
      if (decoding.readVarUint(decoder) === MessageType.Awareness) {
        // The y-protocols awareness encoding: a count, then (clientID, clock, JSON state) per client.
        const update = decoding.createDecoder(decoding.readVarUint8Array(decoder));
        const clients: number[] = [];
        for (let count = decoding.readVarUint(update); count > 0; count--) {
          clients.push(decoding.readVarUint(update));
          decoding.readVarUint(update);
          decoding.readVarString(update);
        }
        sentAwareness.push(clients);
      }
    }
    super.send(data as Uint8Array);
  }
}

describe('BoardProvider on a real server', () => {
  it('sends only its own awareness state, however many others it hears', async () => {
    const board = await server.createBoard('Presence');
    const doc = new Y.Doc();
    const ours = new BoardProvider(`${server.wsUrl}/sync`, board.id, doc, board.keys.edit, {
      // ws differs from the DOM WebSocket only in DOM-only members.
      WebSocketPolyfill: RecordingSocket as unknown as typeof globalThis.WebSocket,
    });
    await synced(ours);
    ours.awareness.setLocalState({ user: { name: 'Ana', color: '#d81b60', role: 'edit' }, cursor: null, editing: null, selection: [] });

    const others = [server.connect(board.id, board.keys.edit), server.connect(board.id, board.keys.edit)];
    for (const [index, other] of others.entries()) {
      await synced(other);
      other.awareness.setLocalState({ user: { name: `Peer ${index}` }, cursor: { x: index, y: index } });
    }
    await waitFor(() => {
      for (const other of others) expect(ours.awareness.getStates().has(other.doc.clientID)).toBe(true);
    });
    for (let step = 0; step < 5; step++) for (const other of others) other.awareness.setLocalStateField('cursor', { x: step, y: step });
    ours.awareness.setLocalStateField('cursor', { x: 42, y: 42 });
    // Each peer sees our latest cursor, so our own state did go out.
    await waitFor(() => {
      for (const other of others) expect(other.awareness.getStates().get(doc.clientID)).toMatchObject({ cursor: { x: 42, y: 42 } });
    });

    expect(sentAwareness.length).toBeGreaterThan(0);
    for (const clients of sentAwareness) expect(clients).toEqual([doc.clientID]);
    ours.destroy();
  });

  it('sends the voter secret next to the key, and no voter without one', async () => {
    const board = await server.createBoard('Voter');
    const urls: string[] = [];
    class UrlSocket extends WebSocket {
      constructor(url: string, protocols?: string | string[]) {
        super(url, protocols);
        urls.push(url);
      }
    }
    const WebSocketPolyfill = UrlSocket as unknown as typeof globalThis.WebSocket;
    const secret = 'voter-secret-0123456789abcdef';
    const voting = new BoardProvider(`${server.wsUrl}/sync`, board.id, new Y.Doc(), board.keys.edit, { WebSocketPolyfill, voter: secret });
    await synced(voting);
    const silent = new BoardProvider(`${server.wsUrl}/sync`, board.id, new Y.Doc(), board.keys.edit, { WebSocketPolyfill });
    await synced(silent);
    const [withVoter, withoutVoter] = urls.map((url) => new URL(url).searchParams);
    expect(withVoter?.get('key')).toBe(board.keys.edit);
    expect(withVoter?.get(VOTER_PARAM)).toBe(secret);
    expect(withoutVoter?.get('key')).toBe(board.keys.edit);
    expect(withoutVoter?.has(VOTER_PARAM)).toBe(false);
    voting.destroy();
    silent.destroy();
  });
});
