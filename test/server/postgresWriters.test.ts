import { afterEach, describe, expect, it } from 'vitest';
import { BoardModel } from '../../shared/board';
import { startPostgres, type TestPostgres } from '../helpers/postgres';
import { startServer, synced, type TestServer } from '../helpers/server';
import { waitFor } from '../helpers/waitFor';

/**
 * Two server processes' worth of rooms (two servers in this process, each with its own pool) write
 * one board in one Postgres database and compact its log every few appends. Each compaction meets
 * the other server's rows and must merge them in, not drop them: after both unload, a fresh room
 * holds every note from both. (Live fan-out between servers is not part of this: each server's
 * clients see their own server's edits until they reload.)
 */
let postgres: TestPostgres | null = null;
const servers: TestServer[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) await server.close();
  await postgres?.destroy();
  postgres = null;
});

describe('several writers on one Postgres board', () => {
  it('lose nothing when each compacts rows the other appended', async () => {
    postgres = await startPostgres();
    const databaseUrl = await postgres.createDatabase();
    const first = await startServer({ databaseUrl, compactEvery: 3 });
    servers.push(first);
    const second = await startServer({ databaseUrl, compactEvery: 3 });
    servers.push(second);
    const board = await first.createBoard('Two writers');
    const a = first.connect(board.id, board.keys.edit);
    const b = second.connect(board.id, board.keys.edit);
    await Promise.all([synced(a), synced(b)]);
    const modelA = new BoardModel(a.doc);
    const modelB = new BoardModel(b.doc);

    const expected: string[] = [];
    for (let i = 0; i < 12; i++) {
      expected.push(`a${i}`, `b${i}`);
      modelA.addNote({ zone: 'who', author: 'A', text: `a${i}` });
      modelB.addNote({ zone: 'need', author: 'B', text: `b${i}` });
      // Separate commits, so both rooms compact several times, interleaved with the other's appends.
      await new Promise((resolve) => setTimeout(resolve, 15));
    }
    a.disconnect();
    b.disconnect();
    await waitFor(() => expect(first.app.rooms.size + second.app.rooms.size).toBe(0), { timeout: 10_000 });
    expect((await first.app.storage.updates.load(board.id)).length).toBeLessThan(expected.length);

    for (const server of [first, second]) {
      const reader = server.connect(board.id, board.keys.view);
      await synced(reader);
      expect(new BoardModel(reader.doc).getSnapshot().notes.map((note) => note.text).sort()).toEqual([...expected].sort());
      reader.disconnect();
      await waitFor(() => expect(server.app.rooms.size).toBe(0));
    }
  });
});
