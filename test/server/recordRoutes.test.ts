import { TypeCompiler } from '@sinclair/typebox/compiler';
import { afterEach, describe, expect, it } from 'vitest';
import { BoardModel, toRecord, zoneRect } from '../../shared/board';
import { BoardRecordSchema, DiffReplySchema, RecordSummarySchema } from '../../shared/board/recordSchema';
import { RestoredRecordSchema } from '../../server/records/restoreRecord';
import { startServer, synced, type CreatedBoard, type TestServer } from '../helpers/server';
import { waitFor } from '../helpers/waitFor';

// The record routes under their name, `/records`, and their first one, `/snapshots` (a permanent
// alias), and their replies checked against the one declaration of the record's shapes.

const isSummary = TypeCompiler.Compile(RecordSummarySchema);
const isRecord = TypeCompiler.Compile(BoardRecordSchema);
const isDiff = TypeCompiler.Compile(DiffReplySchema);
const isRestored = TypeCompiler.Compile(RestoredRecordSchema);

let server: TestServer | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});

type Method = 'GET' | 'POST' | 'DELETE';

function call(method: Method, url: string, key: string, payload?: object) {
  return server!.app.inject({ method, url, headers: { authorization: `Bearer ${key}` }, ...(payload ? { payload } : {}) });
}

/** A board with one note in each zone, written over sync and seen by the server's room. */
async function boardWithNotes(): Promise<{ board: CreatedBoard; model: BoardModel }> {
  const board = await server!.createBoard('Aliases');
  const provider = server!.connect(board.id, board.keys.edit);
  await synced(provider);
  const model = new BoardModel(provider.doc);
  for (const zone of ['who', 'need', 'there'] as const) {
    const rect = zoneRect(zone);
    model.addNote({ zone, author: 'Ann', text: `a ${zone} note`, x: rect.x + 40, y: rect.y + 240 });
  }
  await waitFor(() => {
    const room = server!.app.rooms.get(board.id);
    expect(room && toRecord(room.doc, { id: 'x', label: 'x', createdAt: 0 }).zones.map((zone) => zone.notes.length)).toEqual([1, 1, 1]);
  });
  return { board, model };
}

describe('record routes', () => {
  it('answer under /records exactly as under /snapshots, which stays as an alias', async () => {
    server = await startServer();
    const { board, model } = await boardWithNotes();
    const records = `/api/boards/${board.id}/records`;
    const snapshots = `/api/boards/${board.id}/snapshots`;

    const taken = await call('POST', records, board.keys.lead, { label: 'Through the new path' });
    expect(taken.statusCode).toBe(201);
    const sid: string = taken.json().id;
    expect(taken.json()).toMatchObject({ boardId: board.id, label: 'Through the new path', noteCount: 3 });

    const same = async (method: Method, rest: string) => {
      const [viaRecords, viaSnapshots] = [await call(method, records + rest, board.keys.view), await call(method, snapshots + rest, board.keys.view)];
      expect(viaRecords.statusCode).toBe(viaSnapshots.statusCode);
      expect(viaRecords.headers['content-type']).toBe(viaSnapshots.headers['content-type']);
      expect(viaRecords.rawPayload.equals(viaSnapshots.rawPayload)).toBe(true);
      return viaRecords;
    };
    expect((await same('GET', '')).json()).toEqual([taken.json()]);
    expect((await same('GET', `/${sid}`)).json().title).toBe('Aliases');
    expect((await same('GET', `/${sid}?format=md`)).body).toContain('a need note');
    expect((await same('GET', `/${sid}?format=yjs`)).statusCode).toBe(200);
    expect((await same('GET', `/${sid}/diff/${sid}`)).json()).toMatchObject({ added: [], removed: [], edited: [], moved: [] });
    expect((await same('GET', `/${sid}/diff/${sid}?format=md`)).body).toContain('No changes.');
    expect((await same('GET', '/unknown-record-id-123456')).json()).toEqual({ error: 'snapshot not found' });

    // The writing routes through the new path.
    model.deleteNote(model.getSnapshot().notes[0]!.id);
    const restored = await call('POST', `${records}/${sid}/restore`, board.keys.lead);
    expect(restored.json()).toEqual({ restored: sid, noteCount: 3 });
    const forked = await call('POST', `${records}/${sid}/fork`, board.keys.lead, { title: 'Forked' });
    expect(forked.statusCode).toBe(201);
    expect(forked.json().title).toBe('Forked');
    expect((await call('DELETE', `${records}/${sid}`, board.keys.view)).statusCode).toBe(403);
    expect((await call('DELETE', `${records}/${sid}`, board.keys.lead)).statusCode).toBe(204);
    const gone = await call('DELETE', `${snapshots}/${sid}`, board.keys.lead);
    expect({ status: gone.statusCode, body: gone.json() }).toEqual({ status: 404, body: { error: 'snapshot not found' } });
  });

  it('reply with bodies that match the record’s schemas', async () => {
    server = await startServer();
    const { board, model } = await boardWithNotes();
    const base = `/api/boards/${board.id}/records`;
    const first = (await call('POST', base, board.keys.lead)).json();
    expect(isSummary.Check(first)).toBe(true);
    model.setNoteText(model.getSnapshot().notes[0]!.id, 'edited since');
    const second = (await call('POST', base, board.keys.lead, { label: 'Second' })).json();

    const list = (await call('GET', base, board.keys.view)).json();
    expect(list).toHaveLength(2);
    for (const summary of list) expect([...isSummary.Errors(summary)]).toEqual([]);
    const record = (await call('GET', `${base}/${second.id}`, board.keys.view)).json();
    expect([...isRecord.Errors(record)]).toEqual([]);
    for (const [a, b] of [[first.id, second.id], [first.id, 'live'], ['live', second.id]]) {
      const diff = (await call('GET', `${base}/${a}/diff/${b}`, board.keys.view)).json();
      expect([...isDiff.Errors(diff)]).toEqual([]);
    }
    const restored = (await call('POST', `${base}/${first.id}/restore`, board.keys.lead)).json();
    expect([...isRestored.Errors(restored)]).toEqual([]);
    // The label limit is the shared one: a longer label never reaches the job.
    const refused = await call('POST', base, board.keys.lead, { label: 'x'.repeat(500) });
    expect({ status: refused.statusCode, error: typeof refused.json().error }).toEqual({ status: 400, error: 'string' });
  });

  it('count a read through either path against one budget', async () => {
    server = await startServer({ limits: { recordReadsPerMinute: 3 } });
    const board = await server.createBoard('Budget');
    const sid: string = (await call('POST', `/api/boards/${board.id}/records`, board.keys.lead)).json().id;
    const statuses: number[] = [];
    for (const word of ['snapshots', 'records', 'snapshots', 'records']) {
      statuses.push((await call('GET', `/api/boards/${board.id}/${word}/${sid}`, board.keys.view)).statusCode);
    }
    expect(statuses).toEqual([200, 200, 200, 429]);
    // Diffs keep their own budget.
    expect((await call('GET', `/api/boards/${board.id}/records/${sid}/diff/live`, board.keys.view)).statusCode).toBe(200);
  });
});
