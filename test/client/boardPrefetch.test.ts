import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { BoardModel } from '../../shared/board/model';
import { fetchBoardState } from '../../client/sync/boardPrefetch';
import { startServer, synced, type TestServer } from '../helpers/server';

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => server?.close());

describe('fetchBoardState', () => {
  it('brings the board as the server has it, for any of its keys', async () => {
    const board = await server.createBoard('Prefetch');
    const writer = server.connect(board.id, board.keys.edit);
    await synced(writer);
    new BoardModel(writer.doc).addNote({ zone: 'who', author: 'Ada', text: 'We cook' });
    // What a second client sees is committed: the state route shows no less.
    const reader = server.connect(board.id, board.keys.view);
    await synced(reader);
    await expect.poll(() => new BoardModel(reader.doc).getSnapshot().notes.length).toBe(1);
    for (const key of [board.keys.view, board.keys.edit, board.keys.lead]) {
      const state = await fetchBoardState(board.id, key, { origin: server.httpUrl });
      expect(state).not.toBeNull();
      const doc = new Y.Doc();
      Y.applyUpdate(doc, state!);
      expect(new BoardModel(doc).getSnapshot().notes.map((note) => note.text)).toEqual(['We cook']);
    }
    writer.destroy();
    reader.destroy();
  });

  it('is null for a wrong key or an unknown board, so the socket decides what the page shows', async () => {
    const board = await server.createBoard('Prefetch');
    await expect(fetchBoardState(board.id, 'x'.repeat(21), { origin: server.httpUrl })).resolves.toBeNull();
    await expect(fetchBoardState('y'.repeat(21), board.keys.edit, { origin: server.httpUrl })).resolves.toBeNull();
  });

  describe('a server that never answers', () => {
    let silent: Server;
    let origin = '';
    beforeAll(async () => {
      // Takes the request and says nothing, as an overloaded proxy might.
      silent = createServer(() => undefined);
      await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
      origin = `http://127.0.0.1:${(silent.address() as AddressInfo).port}`;
    });
    afterAll(async () => {
      silent.closeAllConnections();
      await new Promise((resolve) => silent.close(resolve));
    });

    it('is given up after the timeout, so the socket is not kept waiting', async () => {
      const started = Date.now();
      await expect(fetchBoardState('z'.repeat(21), 'k'.repeat(21), { origin, timeoutMs: 300 })).resolves.toBeNull();
      expect(Date.now() - started).toBeLessThan(5_000);
    });
  });
});
