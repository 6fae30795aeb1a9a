import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { BoardModel } from '../../shared/board';
import { startServer, synced, type TestServer } from '../helpers/server';
import { waitFor } from '../helpers/waitFor';

/**
 * The server suites for sync, roles, boards and join codes, run here again on Postgres (a real one,
 * one per test worker, a fresh database per server) so that `npm test` covers both backends; and the
 * records routes end to end on Postgres. The same switch runs any other server suite on Postgres:
 * `DISCERN_TEST_STORAGE=postgres npx vitest run test/server/<suite>.test.ts`.
 */
process.env.DISCERN_TEST_STORAGE = 'postgres';
// Should the worker run another file next, that file is back on SQLite.
afterAll(() => {
  delete process.env.DISCERN_TEST_STORAGE;
});
await import('./sync.test');
await import('./boards.test');
await import('./joinCodes.test');

describe('records on Postgres', () => {
  let server: TestServer | null = null;
  afterEach(async () => {
    await server?.close();
    server = null;
  });

  it('saves, lists, reads, compares, restores, forks and deletes records, and keeps the per-board limit under concurrent saves', async () => {
    server = await startServer({ limits: { maxRecordsPerBoard: 3 } });
    const board = await server.createBoard('Records');
    const call = (method: 'GET' | 'POST' | 'DELETE', url: string, key = board.keys.lead) =>
      server!.app.inject({ method, url, headers: { authorization: `Bearer ${key}` } });
    const provider = server.connect(board.id, board.keys.edit);
    await synced(provider);
    const model = new BoardModel(provider.doc);
    const kept = model.addNote({ zone: 'who', author: 'Ann', text: 'kept' });
    await waitFor(async () => expect((await server!.app.storage.updates.load(board.id)).length).toBeGreaterThan(1));

    const saved = await call('POST', `/api/boards/${board.id}/snapshots`);
    expect(saved.statusCode).toBe(201);
    const sid = saved.json().id as string;
    expect(saved.json().noteCount).toBe(1);
    expect((await call('GET', `/api/boards/${board.id}/snapshots`, board.keys.view)).json().map((s: { id: string }) => s.id)).toEqual([sid]);
    const record = await call('GET', `/api/boards/${board.id}/snapshots/${sid}`, board.keys.view);
    expect(record.json().zones.flatMap((zone: { notes: Array<{ text: string }> }) => zone.notes.map((note) => note.text))).toEqual(['kept']);

    model.setNoteText(kept, 'changed');
    const added = model.addNote({ zone: 'need', author: 'Ann', text: 'added' });
    const diff = await call('GET', `/api/boards/${board.id}/snapshots/${sid}/diff/live`, board.keys.view);
    expect(diff.statusCode).toBe(200);
    expect(diff.json().added.map((note: { id: string }) => note.id)).toEqual([added]);

    expect((await call('POST', `/api/boards/${board.id}/snapshots/${sid}/restore`)).statusCode).toBe(200);
    await waitFor(() => expect(model.getSnapshot().notes.map((note) => note.text)).toEqual(['kept']));
    const fork = await call('POST', `/api/boards/${board.id}/snapshots/${sid}/fork`);
    expect(fork.statusCode).toBe(201);
    expect(fork.json().id).not.toBe(board.id);
    expect(await server.app.storage.boards.get(fork.json().id)).not.toBeNull();

    // Two places left; four saves at once: two are stored, two answer 409.
    const concurrent = await Promise.all([1, 2, 3, 4].map(() => call('POST', `/api/boards/${board.id}/snapshots`)));
    expect(concurrent.map((response) => response.statusCode).sort()).toEqual([201, 201, 409, 409]);
    expect(await server.app.storage.records.list(board.id)).toHaveLength(3);

    expect((await call('DELETE', `/api/boards/${board.id}/snapshots/${sid}`, board.keys.edit)).statusCode).toBe(403);
    expect((await call('DELETE', `/api/boards/${board.id}/snapshots/${sid}`)).statusCode).toBe(204);
    expect(await server.app.storage.records.get(board.id, sid)).toBeNull();
  });
});
