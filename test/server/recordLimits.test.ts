import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { BoardModel, createBoardDoc, toRecord } from '../../shared/board';
import { STORAGE_ORIGIN } from '../../shared/protocol/origins';
import { DEFAULT_LIMITS } from '../../server/config';
import { startServer, synced, type CreatedBoard, type TestServer } from '../helpers/server';
import { waitFor } from '../helpers/waitFor';

/**
 * Records per board, record reads per address per minute (issue 8, part 3), and storage faults on
 * the record routes (part 6). The limits are the defaults that buildServer passes to the plugin.
 */

let server: TestServer;
beforeEach(async () => {
  server = await startServer();
});
afterEach(async () => server.close());

type Method = 'GET' | 'POST' | 'DELETE';

function call(method: Method, url: string, key: string, remoteAddress = '127.0.0.1') {
  return server.app.inject({ method, url, remoteAddress, headers: { authorization: `Bearer ${key}` } });
}

async function snapshotCount(boardId: string): Promise<number> {
  return (await server.app.storage.records.list(boardId)).length;
}

/** Stores `count` records of `board` straight into storage, as if they had been saved one by one. */
async function fillRecords(board: CreatedBoard, count: number): Promise<void> {
  const doc = createBoardDoc(board.title, STORAGE_ORIGIN);
  const state = Y.encodeStateAsUpdate(doc);
  for (let index = 0; index < count; index++) {
    const id = `filled-record-${String(index).padStart(8, '0')}`;
    const record = toRecord(doc, { id, label: `Filled ${index}`, createdAt: index });
    await server.app.storage.records.create({ id, boardId: board.id, label: record.label, createdAt: index, noteCount: 0, state, record: JSON.stringify(record) }, Infinity);
  }
  doc.destroy();
}

describe('records per board', () => {
  it(`keeps at most ${DEFAULT_LIMITS.maxRecordsPerBoard}; one more answers 409 with the limit, and deleting one frees a place`, async () => {
    const board = await server.createBoard('Full');
    const max = DEFAULT_LIMITS.maxRecordsPerBoard;
    await fillRecords(board, max - 1);
    const base = `/api/boards/${board.id}/snapshots`;

    const last = await call('POST', base, board.keys.lead);
    expect(last.statusCode).toBe(201);
    expect(await snapshotCount(board.id)).toBe(max);

    const refused = await call('POST', base, board.keys.lead);
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toEqual({ error: expect.stringContaining(`${max} records`) });
    expect(await snapshotCount(board.id)).toBe(max);
    // The limit is per board: another board saves as usual.
    const other = await server.createBoard('Other');
    expect((await call('POST', `/api/boards/${other.id}/snapshots`, other.keys.lead)).statusCode).toBe(201);

    expect((await call('DELETE', `${base}/${last.json().id}`, board.keys.lead)).statusCode).toBe(204);
    expect((await call('POST', base, board.keys.lead)).statusCode).toBe(201);
    expect(await snapshotCount(board.id)).toBe(max);
  });
});

describe('record reads per client address', () => {
  it(`allow ${DEFAULT_LIMITS.recordReadsPerMinute} exports and ${DEFAULT_LIMITS.recordReadsPerMinute} diffs a minute from one address, then 429; other addresses and routes carry on`, async () => {
    const board = await server.createBoard('Busy');
    const saved = await call('POST', `/api/boards/${board.id}/snapshots`, board.keys.lead);
    const sid = saved.json().id as string;
    const base = `/api/boards/${board.id}/snapshots`;
    const max = DEFAULT_LIMITS.recordReadsPerMinute;
    const formats = ['json', 'md', 'yjs'];

    for (let index = 0; index < max; index++) {
      const response = await call('GET', `${base}/${sid}?format=${formats[index % 3]}`, board.keys.view, '10.0.0.1');
      expect(response.statusCode).toBe(200);
    }
    const limited = await call('GET', `${base}/${sid}?format=md`, board.keys.view, '10.0.0.1');
    expect(limited.statusCode).toBe(429);
    expect(limited.json()).toMatchObject({ statusCode: 429, message: expect.stringContaining(`at most ${max} a minute`) });
    expect(limited.headers['retry-after']).toBeDefined();
    // Unauthorised requests count too: the limit comes before the key check, so it cannot be probed.
    expect((await call('GET', `${base}/${sid}`, 'not-a-key', '10.0.0.1')).statusCode).toBe(429);

    // Another address has its own budget; listing and saving are not record reads.
    expect((await call('GET', `${base}/${sid}?format=md`, board.keys.view, '10.0.0.2')).statusCode).toBe(200);
    expect((await call('GET', base, board.keys.view, '10.0.0.1')).statusCode).toBe(200);

    // Diffs have a budget of their own, with the same allowance.
    for (let index = 0; index < max; index++) {
      const to = index % 2 === 0 ? 'live' : sid;
      expect((await call('GET', `${base}/${sid}/diff/${to}`, board.keys.view, '10.0.0.1')).statusCode).toBe(200);
    }
    expect((await call('GET', `${base}/${sid}/diff/live?format=md`, board.keys.view, '10.0.0.1')).statusCode).toBe(429);
  });
});

describe('a storage failure on the record routes', () => {
  it('answers 503 on every route, keeps the process and the board’s sync up, and changes nothing stored', async () => {
    const board = await server.createBoard('Faulty');
    const provider = server.connect(board.id, board.keys.edit);
    await synced(provider);
    const model = new BoardModel(provider.doc);
    model.addNote({ zone: 'who', author: 'Ann', text: 'before the fault' });
    await waitFor(async () => expect((await server.app.storage.updates.load(board.id)).length).toBeGreaterThan(1));
    const saved = await call('POST', `/api/boards/${board.id}/snapshots`, board.keys.lead);
    const sid = saved.json().id as string;

    // Another connection to the same SQLite file takes the snapshots table away.
    const other = new Database(join(server.dataDir, 'discern.sqlite'));
    other.exec('DROP TABLE snapshots');
    other.close();
    const boardsBefore = await server.app.storage.boards.get(board.id);

    const base = `/api/boards/${board.id}/snapshots`;
    const routes: Array<[Method, string]> = [
      ['POST', base],
      ['GET', base],
      ['GET', `${base}/${sid}`],
      ['GET', `${base}/${sid}?format=md`],
      ['GET', `${base}/${sid}?format=yjs`],
      ['GET', `${base}/${sid}/diff/live`],
      ['POST', `${base}/${sid}/restore`],
      ['POST', `${base}/${sid}/fork`],
      ['DELETE', `${base}/${sid}`],
    ];
    for (const [method, url] of routes) {
      const response = await call(method, url, board.keys.lead);
      expect({ route: `${method} ${url}`, status: response.statusCode, body: response.json() }).toEqual({
        route: `${method} ${url}`,
        status: 503,
        body: { error: 'storage unavailable' },
      });
    }

    // The process is up, the rest of the API answers, and the board still syncs.
    expect((await call('GET', `/api/boards/${board.id}`, board.keys.view)).statusCode).toBe(200);
    expect(await server.app.storage.boards.get(board.id)).toEqual(boardsBefore);
    const reader = server.connect(board.id, board.keys.view);
    await synced(reader);
    model.addNote({ zone: 'need', author: 'Ann', text: 'after the fault' });
    await waitFor(() =>
      expect(new BoardModel(reader.doc).getSnapshot().notes.map((note) => note.text).sort()).toEqual(['after the fault', 'before the fault']),
    );
  });

  it('answers 503 to a restore whose commit fails, closes that board’s sockets with 4500, and leaves other boards and what is stored alone', async () => {
    const board = await server.createBoard('Restore fails');
    const otherBoard = await server.createBoard('Carries on');
    const provider = server.connect(board.id, board.keys.edit);
    const bystander = server.connect(otherBoard.id, otherBoard.keys.edit);
    await Promise.all([synced(provider), synced(bystander)]);
    const model = new BoardModel(provider.doc);
    const note = model.addNote({ zone: 'who', author: 'Ann', text: 'as saved' });
    await waitFor(async () => expect((await server.app.storage.updates.load(board.id)).length).toBeGreaterThan(1));
    const sid = (await call('POST', `/api/boards/${board.id}/snapshots`, board.keys.lead)).json().id as string;
    model.setNoteText(note, 'changed since');
    await waitFor(async () => expect((await server.app.storage.updates.load(board.id)).length).toBeGreaterThan(2));
    const storedBefore = await server.app.storage.updates.load(board.id);

    // From now on SQLite refuses every write to this board's log (and only this board's).
    const other = new Database(join(server.dataDir, 'discern.sqlite'));
    other.exec(`CREATE TRIGGER refuse_writes BEFORE INSERT ON updates WHEN NEW.board_id = '${board.id}'
      BEGIN SELECT RAISE(ABORT, 'disk says no'); END`);
    other.close();
    const closed = new Promise<number>((resolve) => provider.ws?.addEventListener('close', (event) => resolve(event.code)));

    const response = await call('POST', `/api/boards/${board.id}/snapshots/${sid}/restore`, board.keys.lead);
    expect(response.statusCode).toBe(503);
    expect(response.json()).toEqual({ error: 'storage unavailable' });
    expect(await closed).toBe(4500);
    expect(await server.app.storage.updates.load(board.id)).toEqual(storedBefore);

    // The other board still syncs; the process is up.
    const bystanderModel = new BoardModel(bystander.doc);
    bystanderModel.addNote({ zone: 'need', author: 'Bo', text: 'still fine' });
    const reader = server.connect(otherBoard.id, otherBoard.keys.view);
    await synced(reader);
    await waitFor(() => expect(new BoardModel(reader.doc).getSnapshot().notes.map((n) => n.text)).toEqual(['still fine']));
    expect((await call('GET', `/api/boards/${board.id}`, board.keys.view)).statusCode).toBe(200);
  });
});
