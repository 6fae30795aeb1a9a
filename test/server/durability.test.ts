import { rmSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import { BoardModel } from '../../shared/board';
import { startServer, synced, tempDataDir, type CreatedBoard, type TestServer } from '../helpers/server';
import { startChildServer, killHard, type ChildServer } from '../helpers/childServer';
import { waitFor } from '../helpers/waitFor';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function providerFor(wsUrl: string, boardId: string, key: string): WebsocketProvider {
  const provider = new WebsocketProvider(`${wsUrl}/sync`, boardId, new Y.Doc(), {
    params: { key },
    // ws stands in for the browser's WebSocket; the types differ only in DOM-only members.
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    maxBackoffTime: 200,
  });
  cleanups.push(() => provider.destroy());
  return provider;
}

describe('durable storage', () => {
  it('a restart from the same DATA_DIR keeps boards, keys and notes exactly', async () => {
    const dataDir = tempDataDir();
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
    const first = await startServer({ dataDir });
    const board = await first.createBoard('Kept');
    const client = first.connect(board.id, board.keys.edit);
    await synced(client);
    const model = new BoardModel(client.doc);
    const ids = [
      model.addNote({ zone: 'who', author: 'A', text: 'Gardeners' }),
      model.addNote({ zone: 'need', author: 'B', text: 'After-school care' }),
    ];
    model.moveNote(ids[0]!, 2200, 400);
    const expected = model.getSnapshot().notes;
    await waitFor(() => expect(first.app.rooms.get(board.id)?.doc.getMap('notes').size).toBe(2));
    await first.close();

    const second = await startServer({ dataDir });
    cleanups.push(() => second.close());
    const summary = await fetch(`${second.httpUrl}/api/boards/${board.id}`, {
      headers: { authorization: `Bearer ${board.keys.view}` },
    });
    expect(summary.status).toBe(200);
    expect(await summary.json()).toMatchObject({ title: 'Kept', role: 'view' });
    const again = second.connect(board.id, board.keys.lead);
    await synced(again);
    expect(new BoardModel(again.doc).getSnapshot().notes).toEqual(expected);
  });

  it('an edit a second client has seen survives kill -9 of the server', async () => {
    const dataDir = tempDataDir();
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
    let server: ChildServer = await startChildServer(dataDir);
    cleanups.push(() => killHard(server.process));
    const response = await fetch(`${server.httpUrl}/api/boards`, { method: 'POST' });
    const board = (await response.json()) as CreatedBoard;

    const writer = providerFor(server.wsUrl, board.id, board.keys.edit);
    const watcher = providerFor(server.wsUrl, board.id, board.keys.view);
    await Promise.all([synced(writer), synced(watcher)]);
    const id = new BoardModel(writer.doc).addNote({ zone: 'there', author: 'W', text: 'Mosque food pantry' });
    const watcherModel = new BoardModel(watcher.doc);
    await waitFor(() => expect(watcherModel.getNote(id)?.text).toBe('Mosque food pantry'));

    // The moment the watcher has it, the process dies without any chance to store anything more.
    writer.destroy();
    watcher.destroy();
    await killHard(server.process);

    server = await startChildServer(dataDir);
    cleanups.push(() => killHard(server.process));
    const reader = providerFor(server.wsUrl, board.id, board.keys.view);
    await synced(reader);
    expect(new BoardModel(reader.doc).getNote(id)?.text).toBe('Mosque food pantry');
  });

  /** A server that merges its log every 20 rows, one editing client, and a count of stored rows. */
  async function compactingBoard(): Promise<{ server: TestServer; boardId: string; client: WebsocketProvider; model: BoardModel; rows: () => Promise<number> }> {
    const dataDir = tempDataDir();
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
    const server = await startServer({ dataDir, compactEvery: 20 });
    cleanups.push(() => server.close());
    const board = await server.createBoard();
    const client = server.connect(board.id, board.keys.edit);
    await synced(client);
    const rows = async (): Promise<number> => (await server.app.storage.updates.load(board.id)).length;
    return { server, boardId: board.id, client, model: new BoardModel(client.doc), rows };
  }

  /** Edits one note 60 times, each in its own event-loop tick as far as the network allows. */
  async function editOneNote(model: BoardModel, id: string): Promise<void> {
    for (let i = 0; i < 60; i++) {
      model.setNoteText(id, `edit ${i}`);
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
  }

  it('compacts the update log so storage does not grow with every edit', async () => {
    const { server, boardId, client, model, rows } = await compactingBoard();
    const id = model.addNote({ zone: 'who', author: 'A' });
    await editOneNote(model, id);
    await waitFor(() => expect(server.app.rooms.get(boardId)?.doc.getMap('notes').size).toBe(1));
    await waitFor(async () => expect(await rows()).toBeLessThan(25));
    client.disconnect();
    await waitFor(() => expect(server.app.rooms.size).toBe(0));
    expect(await rows()).toBe(1);
    const again = server.connect(boardId, (await server.app.storage.boards.get(boardId))!.keys.edit);
    await synced(again);
    expect(new BoardModel(again.doc).getNote(id)?.text).toBe('edit 59');
  });

  it('lets the log of a big board grow by a share of its size before merging it again', async () => {
    const { server, client, model, rows } = await compactingBoard();
    client.doc.transact(() => {
      for (let i = 0; i < 2000; i++) model.addNote({ zone: 'who', author: 'A', text: `seed ${i}`, x: (i % 40) * 240, y: 200 + Math.floor(i / 40) * 180 });
    });
    const id = model.addNote({ zone: 'need', author: 'A' });
    // The seed alone crosses the count, so the log is merged into one big state first.
    await waitFor(async () => expect(await rows()).toBeLessThanOrEqual(2));
    await editOneNote(model, id);
    // Sixty small edits are far less than a quarter of the board: no full re-encode for them. (Merging
    // every 20 rows, as the count alone would, keeps the log at 21 rows or fewer.)
    await waitFor(async () => expect(await rows()).toBeGreaterThan(25));
    client.disconnect();
    await waitFor(() => expect(server.app.rooms.size).toBe(0));
    expect(await rows()).toBe(1);
  });
});
