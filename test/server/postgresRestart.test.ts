import { afterEach, describe, expect, it } from 'vitest';
import type { WebsocketProvider } from 'y-websocket';
import { BoardModel } from '../../shared/board';
import { CloseCode } from '../../shared/protocol/closeCodes';
import { startPostgres, type TestPostgres } from '../helpers/postgres';
import { startServer, synced, type TestServer } from '../helpers/server';
import { waitFor } from '../helpers/waitFor';

/**
 * Postgres restarted under a live session, for real: while it is down, every write and every
 * (re)connection of the board is refused with 4500 and REST answers 503; nothing uncommitted is
 * forwarded. Once it is back, the stock clients (which reconnect by themselves on 4500) converge,
 * and every edit that was acknowledged (seen by another client) is still there, as is the edit
 * made during the outage, which its author's client kept and sent again.
 */
let postgres: TestPostgres | null = null;
let server: TestServer | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
  await postgres?.destroy();
  postgres = null;
});

/** A stock client that records the close codes it gets and keeps reconnecting as it would. */
function client(boardId: string, key: string): { provider: WebsocketProvider; model: BoardModel; closes: number[] } {
  const provider = server!.connect(boardId, key);
  const closes: number[] = [];
  provider.on('connection-close', (event: CloseEvent | null) => closes.push(event?.code ?? 0));
  return { provider, model: new BoardModel(provider.doc), closes };
}

const texts = (model: BoardModel): string[] => model.getSnapshot().notes.map((note) => note.text).sort();

describe('restarting Postgres mid-session', () => {
  it('refuses writes with 4500 and REST with 503 while it is down, then clients reconnect and converge with nothing acknowledged lost', async () => {
    postgres = await startPostgres();
    server = await startServer({ databaseUrl: await postgres.createDatabase(), databaseConnectTimeoutMs: 2_000 });
    const board = await server.createBoard('Outage');
    const writer = client(board.id, board.keys.edit);
    const reader = client(board.id, board.keys.view);
    await Promise.all([synced(writer.provider), synced(reader.provider)]);

    const acknowledged = ['first', 'second', 'third'];
    for (const text of acknowledged) writer.model.addNote({ zone: 'who', author: 'W', text });
    await waitFor(() => expect(texts(reader.model)).toEqual([...acknowledged].sort()));

    await postgres.stop();
    writer.model.addNote({ zone: 'need', author: 'W', text: 'during the outage' });
    await waitFor(() => expect(writer.closes).toContain(CloseCode.StorageFailure), { timeout: 10_000 });
    await waitFor(() => expect(reader.closes).toContain(CloseCode.StorageFailure));
    // What storage could not take was forwarded to no one.
    expect(texts(reader.model)).toEqual([...acknowledged].sort());

    const rest = await fetch(`${server.httpUrl}/api/boards/${board.id}`, { headers: { authorization: `Bearer ${board.keys.view}` } });
    expect(rest.status).toBe(503);
    expect(await rest.json()).toEqual({ error: 'storage unavailable' });
    await expect(server.app.storage.ping()).rejects.toThrow(/storage failed/);
    // The clients keep trying; each attempt is refused the same way while the database is down.
    const refusedBefore = writer.closes.length;
    await waitFor(() => expect(writer.closes.length).toBeGreaterThan(refusedBefore), { timeout: 10_000 });
    expect(new Set(writer.closes)).toEqual(new Set([CloseCode.StorageFailure]));

    await postgres.start();
    await expect(server.app.storage.ping()).resolves.toBeUndefined();
    const everything = [...acknowledged, 'during the outage'].sort();
    await waitFor(() => expect(texts(reader.model)).toEqual(everything), { timeout: 15_000 });
    await waitFor(() => expect(texts(writer.model)).toEqual(everything));
    // And it is stored: a new client, on a room loaded afresh, has it all.
    writer.provider.disconnect();
    reader.provider.disconnect();
    await waitFor(() => expect(server!.app.rooms.size).toBe(0));
    const late = client(board.id, board.keys.view);
    await synced(late.provider);
    expect(texts(late.model)).toEqual(everything);
    const after = await fetch(`${server.httpUrl}/api/boards/${board.id}`, { headers: { authorization: `Bearer ${board.keys.view}` } });
    expect(after.status).toBe(200);
  });
});
