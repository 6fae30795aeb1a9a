import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { BoardModel } from '../../shared/board/model';
import { BoardProvider } from '../../client/sync/BoardProvider';
import { AdoptingWebSocket, openEarlySocket, syncSocketUrl } from '../../client/sync/earlySocket';
import { startServer, synced, type TestServer } from '../helpers/server';
import { waitFor } from '../helpers/waitFor';

// `ws` stands in for the browser's WebSocket (Node 20 has none); the server is real.
let server: TestServer;
beforeAll(async () => {
  server = await startServer();
  globalThis.WebSocket = WebSocket as unknown as typeof globalThis.WebSocket;
});
afterAll(async () => server?.close());

const VOTER = 'v'.repeat(21);

async function boardWithNote(text: string) {
  const board = await server.createBoard('Early');
  const writer = server.connect(board.id, board.keys.edit);
  await synced(writer);
  new BoardModel(writer.doc).addNote({ zone: 'need', author: 'Ada', text });
  return { board, writer };
}

function provider(boardId: string, key: string, doc = new Y.Doc()): BoardProvider {
  return new BoardProvider(`${server.wsUrl}/sync`, boardId, doc, key, { voter: VOTER, WebSocketPolyfill: AdoptingWebSocket });
}

describe('the early sync socket', () => {
  it('has the address the provider connects to', () => {
    const made = new BoardProvider(`${server.wsUrl}/sync`, 'b'.repeat(21), new Y.Doc(), 'k'.repeat(21), { voter: VOTER, connect: false });
    expect(syncSocketUrl(server.wsUrl, 'b'.repeat(21), 'k'.repeat(21), VOTER)).toBe(made.url);
    made.destroy();
  });

  it('is taken by the provider with what the server sent meanwhile, so one socket syncs the board', async () => {
    const { board, writer } = await boardWithNote('Tutoring after school');
    openEarlySocket(syncSocketUrl(server.wsUrl, board.id, board.keys.edit, VOTER));
    // The server has seen it join (and sent its step 1) before anyone takes it.
    await waitFor(() => expect(server.app.rooms.get(board.id)?.connectionCount).toBe(2));
    const adopting = provider(board.id, board.keys.edit);
    await synced(adopting);
    expect(new BoardModel(adopting.doc).getSnapshot().notes.map((note) => note.text)).toEqual(['Tutoring after school']);
    expect(server.app.rooms.get(board.id)?.connectionCount).toBe(2);
    // Live both ways over that socket.
    new BoardModel(writer.doc).addNote({ zone: 'who', author: 'Ada', text: 'We have a van' });
    await waitFor(() => expect(new BoardModel(adopting.doc).getSnapshot().notes).toHaveLength(2));
    new BoardModel(adopting.doc).addNote({ zone: 'there', author: 'Ben', text: 'The library runs a club' });
    await waitFor(() => expect(new BoardModel(writer.doc).getSnapshot().notes).toHaveLength(3));
    adopting.destroy();
    writer.destroy();
  });

  it('is closed, not used, when the provider asks for another address; the provider opens its own', async () => {
    const { board, writer } = await boardWithNote('Food bank on Fridays');
    const other = await server.createBoard('Other');
    openEarlySocket(syncSocketUrl(server.wsUrl, other.id, other.keys.edit, VOTER));
    await waitFor(() => expect(server.app.rooms.get(other.id)?.connectionCount).toBe(1));
    const adopting = provider(board.id, board.keys.edit);
    await synced(adopting);
    expect(new BoardModel(adopting.doc).getSnapshot().notes.map((note) => note.text)).toEqual(['Food bank on Fridays']);
    await waitFor(() => expect(server.app.rooms.get(other.id)).toBeUndefined());
    adopting.destroy();
    writer.destroy();
  });

  it('passes on a refusal that came before it was taken (a wrong key), and the provider stops', async () => {
    const { board, writer } = await boardWithNote('Quiet');
    const wrongKey = 'w'.repeat(21);
    openEarlySocket(syncSocketUrl(server.wsUrl, board.id, wrongKey, VOTER));
    await new Promise((resolve) => setTimeout(resolve, 300));
    const refused = provider(board.id, wrongKey);
    const closed = await new Promise<{ code: number }>((resolve) => refused.once('closed', (event) => resolve(event)));
    expect(closed.code).toBe(4401);
    expect(refused.shouldConnect).toBe(false);
    refused.destroy();
    writer.destroy();
  });
});
