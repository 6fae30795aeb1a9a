import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { WebsocketProvider } from 'y-websocket';
import { BoardModel, toRecord, zoneRect, type BoardRecord, type NoteView } from '../../shared/board';
import { SqliteStorage } from '../../server/storage/sqliteStorage';
import type { StoredRecord } from '../../server/storage/storage';
import { startServer, synced, type CreatedBoard, type TestServer } from '../helpers/server';
import { waitFor } from '../helpers/waitFor';

let server: TestServer;
beforeEach(async () => {
  server = await startServer();
});
afterEach(async () => server.close());

type Method = 'GET' | 'POST' | 'DELETE';

function call(method: Method, url: string, key?: string | null, payload?: object) {
  return server.app.inject({
    method,
    url,
    headers: key ? { authorization: `Bearer ${key}` } : {},
    ...(payload ? { payload } : {}),
  });
}

function db(): SqliteStorage['db'] {
  return (server.app.storage as SqliteStorage).db;
}

function count(table: 'boards' | 'snapshots'): number {
  return (db().prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
}

/** The board as it is now, read the way a fresh reader would: the open room, else storage. */
function liveRecord(boardId: string): BoardRecord {
  const header = { id: 'live', label: 'live', createdAt: 0 };
  const room = server.app.rooms.get(boardId);
  if (room) return toRecord(room.doc, header);
  const doc = new Y.Doc();
  // Synchronously from the SQLite file, so it can be polled inside waitFor.
  for (const { data } of db().prepare<[string], { data: Buffer }>('SELECT data FROM updates WHERE board_id = ? ORDER BY seq').all(boardId)) {
    Y.applyUpdate(doc, new Uint8Array(data));
  }
  const record = toRecord(doc, header);
  doc.destroy();
  return record;
}

/** What a note is, minus nothing: every field the model reads, for exact convergence checks. */
function notesOf(model: BoardModel): NoteView[] {
  return [...model.getSnapshot().notes].sort((a, b) => (a.id < b.id ? -1 : 1));
}

async function connected(board: CreatedBoard, key: string): Promise<{ provider: WebsocketProvider; model: BoardModel }> {
  const provider = server.connect(board.id, key);
  await synced(provider);
  return { provider, model: new BoardModel(provider.doc) };
}

async function snapshot(board: CreatedBoard, label?: string): Promise<{ id: string; noteCount: number; label: string }> {
  const response = await call('POST', `/api/boards/${board.id}/snapshots`, board.keys.lead, label === undefined ? undefined : { label });
  expect(response.statusCode).toBe(201);
  return response.json();
}

function place(model: BoardModel, zone: 'who' | 'need' | 'there', dx: number, dy: number, text: string): string {
  const rect = zoneRect(zone);
  return model.addNote({ zone, author: 'Ann', text, x: rect.x + dx, y: rect.y + dy });
}

async function closeAndUnload(provider: WebsocketProvider, boardId: string): Promise<void> {
  provider.destroy();
  await waitFor(() => expect(server.app.rooms.get(boardId)).toBeUndefined());
}

describe('permissions on every snapshot route', () => {
  it('gives each role exactly its rights and stores or changes nothing when refusing', async () => {
    const board = await server.createBoard('Matrix');
    const { provider, model } = await connected(board, board.keys.edit);
    place(model, 'who', 30, 200, 'first');
    const sid = (await snapshot(board, 'Base')).id;
    place(model, 'need', 30, 200, 'after the snapshot');
    await waitFor(() => expect(liveRecord(board.id).zones[1]?.notes).toHaveLength(1));
    const before = liveRecord(board.id);
    const snapshotsBefore = count('snapshots');
    const boardsBefore = count('boards');

    const base = `/api/boards/${board.id}/snapshots`;
    const routes: Array<{ method: Method; url: string; allowed: readonly string[]; ok: number }> = [
      { method: 'POST', url: base, allowed: ['lead'], ok: 201 },
      { method: 'GET', url: base, allowed: ['lead', 'edit', 'view'], ok: 200 },
      { method: 'GET', url: `${base}/${sid}`, allowed: ['lead', 'edit', 'view'], ok: 200 },
      { method: 'GET', url: `${base}/${sid}?format=md`, allowed: ['lead', 'edit', 'view'], ok: 200 },
      { method: 'GET', url: `${base}/${sid}?format=yjs`, allowed: ['lead', 'edit', 'view'], ok: 200 },
      { method: 'GET', url: `${base}/${sid}/diff/live`, allowed: ['lead', 'edit', 'view'], ok: 200 },
      { method: 'GET', url: `${base}/${sid}/diff/${sid}?format=md`, allowed: ['lead', 'edit', 'view'], ok: 200 },
      { method: 'POST', url: `${base}/${sid}/restore`, allowed: ['lead'], ok: 200 },
      { method: 'POST', url: `${base}/${sid}/fork`, allowed: ['lead'], ok: 201 },
      { method: 'DELETE', url: `${base}/${sid}`, allowed: ['lead'], ok: 204 },
    ];
    const other = await server.createBoard('Other');
    const refusals: Array<[string | null, number, string]> = [
      [null, 401, 'no key'],
      [other.keys.lead, 401, 'another board’s key'],
      [board.keys.view, 403, 'view'],
      [board.keys.edit, 403, 'edit'],
    ];
    for (const route of routes) {
      for (const [key, status, name] of refusals) {
        if (status === 403 && route.allowed.includes(name)) continue;
        const response = await call(route.method, route.url, key);
        expect({ route: `${route.method} ${route.url}`, name, status: response.statusCode }).toEqual({
          route: `${route.method} ${route.url}`,
          name,
          status,
        });
        expect(response.json().error).toBeTruthy();
      }
      // Readers are let in.
      for (const role of route.allowed.filter((r) => r !== 'lead')) {
        const response = await call(route.method, route.url, board.keys[role as 'edit' | 'view']);
        expect(response.statusCode).toBe(route.ok);
      }
    }
    // Nothing was stored, forked or changed by any refused or read-only call.
    expect(count('snapshots')).toBe(snapshotsBefore);
    expect(count('boards')).toBe(boardsBefore + 1); // only `other`
    expect(liveRecord(board.id)).toEqual(before);
    expect(model.getSnapshot().notes).toHaveLength(2);

    // An unknown board is 404 on every route, with any key.
    for (const route of routes) {
      const response = await call(route.method, route.url.replace(board.id, 'AAAAAAAAAAAAAAAAAAAAAAAAA'), board.keys.lead);
      expect(response.statusCode).toBe(404);
    }
    // And the lead may do everything (delete last).
    for (const route of routes) {
      const response = await call(route.method, route.url, board.keys.lead);
      expect(`${route.method} ${route.url} ${response.statusCode}`).toBe(`${route.method} ${route.url} ${route.ok}`);
    }
    expect(await server.app.storage.records.get(board.id, sid)).toBeNull();
    provider.destroy();
  });

  it('is 404 for an unknown snapshot, and refuses bad bodies with 400', async () => {
    const board = await server.createBoard();
    const base = `/api/boards/${board.id}/snapshots`;
    const missing = 'BBBBBBBBBBBBBBBBBBBBBBBBB';
    for (const [method, url] of [
      ['GET', `${base}/${missing}`],
      ['GET', `${base}/${missing}/diff/live`],
      ['GET', `${base}/live/diff/${missing}`],
      ['POST', `${base}/${missing}/restore`],
      ['POST', `${base}/${missing}/fork`],
      ['DELETE', `${base}/${missing}`],
    ] as const) {
      expect((await call(method, url, board.keys.lead)).statusCode).toBe(404);
    }
    expect((await call('POST', base, board.keys.lead, { label: 42 })).statusCode).toBe(400);
    expect((await call('POST', base, board.keys.lead, { label: 'x', extra: true })).statusCode).toBe(400);
    expect((await call('POST', base, board.keys.lead, { label: 'x'.repeat(500) })).statusCode).toBe(400);
    expect(count('snapshots')).toBe(0);
  });
});

describe('taking, listing and reading records', () => {
  it('stores the live board (including edits not yet unloaded) and lists newest first', async () => {
    const board = await server.createBoard('Riverside');
    const { model } = await connected(board, board.keys.edit);
    const first = place(model, 'who', 30, 200, 'Our choir');
    const second = place(model, 'need', 30, 200, 'Lonely elders');
    await waitFor(() => expect(liveRecord(board.id).zones[1]?.notes).toHaveLength(1));

    const older = await snapshot(board, '  March meeting ');
    expect(older).toMatchObject({ boardId: board.id, label: 'March meeting', noteCount: 2 });
    const newer = await snapshot(board);
    expect(newer.label).toMatch(/^Record of \d{1,2} \w+ \d{4}$/);

    const list = await call('GET', `/api/boards/${board.id}/snapshots`, board.keys.view);
    expect(list.json().map((s: { id: string }) => s.id)).toEqual([newer.id, older.id]);

    const record = (await call('GET', `/api/boards/${board.id}/snapshots/${older.id}`, board.keys.view)).json();
    expect(record).toMatchObject({ id: older.id, label: 'March meeting', title: 'Riverside' });
    expect(record.zones.map((zone: { key: string }) => zone.key)).toEqual(['who', 'need', 'there']);
    expect(record.zones[0].notes).toEqual([expect.objectContaining({ id: first, text: 'Our choir', author: 'Ann' })]);
    expect(record.zones[1].notes).toEqual([expect.objectContaining({ id: second, text: 'Lonely elders' })]);
    expect(record.zones[0].notes[0].x).toBeUndefined();

    const raw = await call('GET', `/api/boards/${board.id}/snapshots/${older.id}?format=yjs`, board.keys.view);
    expect(raw.headers['content-type']).toBe('application/octet-stream');
    const doc = new Y.Doc();
    Y.applyUpdate(doc, new Uint8Array(raw.rawPayload));
    expect(new BoardModel(doc).getNote(second)?.text).toBe('Lonely elders');
  });

  it('exports Markdown with note content escaped', async () => {
    const board = await server.createBoard('St Mark');
    const { model } = await connected(board, board.keys.edit);
    place(model, 'who', 30, 200, '<script>alert("x")</script>');
    place(model, 'who', 30, 400, '# Not a heading');
    place(model, 'need', 30, 200, '**loud** and [link](http://evil.example)');
    await waitFor(() => expect(liveRecord(board.id).zones[1]?.notes).toHaveLength(1));
    const { id } = await snapshot(board, 'Escapes');
    const response = await call('GET', `/api/boards/${board.id}/snapshots/${id}?format=md`, board.keys.view);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/markdown; charset=utf-8');
    const markdown = response.body;
    expect(markdown).toMatch(/^# St Mark\n/);
    expect(markdown).toContain('## Who are we?');
    expect(markdown).toContain('- &lt;script&gt;alert\\("x"\\)&lt;/script&gt; — Ann');
    expect(markdown).toContain('- \\# Not a heading — Ann');
    expect(markdown).toContain('- \\*\\*loud\\*\\* and \\[link\\]\\(http://evil.example\\) — Ann');
    expect(markdown).not.toContain('<script>');
    expect(markdown).not.toMatch(/^# Not a heading/m);
    expect(markdown).not.toContain('[link](');
  });
});

describe('comparing records', () => {
  it('reports exactly the added, removed, edited and moved notes, against a record or the live board', async () => {
    const board = await server.createBoard();
    const { model } = await connected(board, board.keys.edit);
    const kept = place(model, 'who', 30, 200, 'kept');
    const edited = place(model, 'who', 30, 400, 'before');
    const moved = place(model, 'need', 30, 200, 'travels');
    const removed = place(model, 'there', 30, 200, 'gone soon');
    await waitFor(() => expect(liveRecord(board.id).zones[2]?.notes).toHaveLength(1));
    const a = await snapshot(board, 'A');
    model.setNoteText(edited, 'after');
    model.setNoteZone(moved, 'there');
    model.deleteNote(removed);
    const added = place(model, 'need', 30, 600, 'fresh');
    model.setNoteColor(kept, '#90caf9');
    await waitFor(() => expect(liveRecord(board.id).zones[1]?.notes.map((n) => n.id)).toEqual([added]));
    const b = await snapshot(board, 'B');

    const expected = {
      added: [{ id: added, zone: 'need', text: 'fresh', author: 'Ann', color: '#fff176' }],
      removed: [{ id: removed, zone: 'there', text: 'gone soon', author: 'Ann', color: '#fff176' }],
      edited: [{ id: edited, zone: 'who', before: 'before', after: 'after' }],
      moved: [{ id: moved, text: 'travels', from: 'need', to: 'there' }],
    };
    const diff = (await call('GET', `/api/boards/${board.id}/snapshots/${a.id}/diff/${b.id}`, board.keys.view)).json();
    expect(diff).toEqual({
      from: { id: a.id, label: 'A', createdAt: expect.any(Number) },
      to: { id: b.id, label: 'B', createdAt: expect.any(Number) },
      ...expected,
    });
    const live = (await call('GET', `/api/boards/${board.id}/snapshots/${a.id}/diff/live`, board.keys.view)).json();
    expect(live).toMatchObject({ to: { id: 'live' }, ...expected });
    const markdown = await call('GET', `/api/boards/${board.id}/snapshots/${a.id}/diff/${b.id}?format=md`, board.keys.view);
    expect(markdown.headers['content-type']).toBe('text/markdown; charset=utf-8');
    expect(markdown.body).toContain('## Added (1)\n\n- fresh — Ann');
    expect(markdown.body).toContain('## Removed (1)\n\n- gone soon — Ann');
    expect(markdown.body).toContain('## Edited (1)\n\n- before → after');
    expect(markdown.body).toContain("## Moved (1)\n\n- travels: What's the need? → Who's already there?");
  });
});

describe('restoring a record', () => {
  it('turns the live board back into the record while two connected clients converge to it', async () => {
    const board = await server.createBoard('Before');
    const a = await connected(board, board.keys.edit);
    const b = await connected(board, board.keys.lead);
    const stays = place(a.model, 'who', 30, 200, 'hello world');
    const willBeDeleted = place(a.model, 'need', 30, 200, 'deleted later');
    // meta is the leader's to write (the server refuses it from an edit key).
    b.model.setZonePrompt('who', 'Prompt then');
    await waitFor(() => expect(notesOf(b.model)).toEqual(notesOf(a.model)));
    await waitFor(() => expect(liveRecord(board.id).zones[1]?.notes).toHaveLength(1));
    const saved = notesOf(a.model);
    const { id } = await snapshot(board, 'Saved');

    a.model.setNoteText(stays, 'hello brave new world');
    b.model.setNoteZone(stays, 'there');
    b.model.deleteNote(willBeDeleted);
    const extra = place(a.model, 'there', 30, 600, 'added after');
    b.model.setTitle('After');
    b.model.setZonePrompt('who', 'Prompt now');
    await waitFor(() => {
      expect(a.model.getNote(willBeDeleted)).toBeUndefined();
      expect(b.model.getNote(extra)).toBeDefined();
      expect(b.model.getSnapshot().meta.title).toBe('After');
    });

    const response = await call('POST', `/api/boards/${board.id}/snapshots/${id}/restore`, board.keys.lead);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ restored: id, noteCount: 2 });

    for (const client of [a, b]) {
      await waitFor(() => {
        expect(notesOf(client.model)).toEqual(saved);
        expect(client.model.getSnapshot().meta.title).toBe('Before');
        expect(client.model.getSnapshot().meta.prompts.who).toBe('Prompt then');
      });
    }
    expect(a.model.getNote(extra)).toBeUndefined();
    // The restore is a change on top, so the clients can keep editing the restored notes.
    a.model.setNoteText(stays, 'hello again');
    await waitFor(() => expect(b.model.getNote(stays)?.text).toBe('hello again'));
    // And it was stored: the REST title followed the document.
    const summary = (await call('GET', `/api/boards/${board.id}`, board.keys.view)).json();
    expect(summary.title).toBe('Before');
  });

  it('restores a board nobody has open, and leaves no room behind', async () => {
    const board = await server.createBoard();
    const first = await connected(board, board.keys.edit);
    const note = place(first.model, 'who', 30, 200, 'original');
    await waitFor(() => expect(liveRecord(board.id).zones[0]?.notes).toHaveLength(1));
    const saved = notesOf(first.model);
    await closeAndUnload(first.provider, board.id);
    const { id, noteCount } = await snapshot(board);
    expect(noteCount).toBe(1);

    const second = await connected(board, board.keys.edit);
    second.model.setNoteText(note, 'changed');
    place(second.model, 'need', 30, 200, 'new one');
    await waitFor(() => expect(liveRecord(board.id).zones[1]?.notes).toHaveLength(1));
    await closeAndUnload(second.provider, board.id);

    const response = await call('POST', `/api/boards/${board.id}/snapshots/${id}/restore`, board.keys.lead);
    expect(response.statusCode).toBe(200);
    expect(server.app.rooms.get(board.id)).toBeUndefined();
    expect(server.app.rooms.size).toBe(0);

    const third = await connected(board, board.keys.view);
    await waitFor(() => expect(notesOf(third.model)).toEqual(saved));
  });

  it('refuses a corrupted or foreign snapshot blob and leaves the live board as it was', async () => {
    const board = await server.createBoard();
    const { model } = await connected(board, board.keys.edit);
    place(model, 'who', 30, 200, 'keep me');
    await waitFor(() => expect(liveRecord(board.id).zones[0]?.notes).toHaveLength(1));
    const { id } = await snapshot(board);
    place(model, 'need', 30, 200, 'and me');
    await waitFor(() => expect(liveRecord(board.id).zones[1]?.notes).toHaveLength(1));
    const before = liveRecord(board.id);
    const boardsBefore = count('boards');

    const foreign = new Y.Doc();
    foreign.getText('content').insert(0, 'a document of some other app');
    // A board with a broken meta (no version, version 99) is not refused: it restores (recordsTamper.test.ts).
    const blobs = [
      Buffer.from('this is not a yjs update at all'),
      Buffer.from([1, 2, 3, 4, 5, 6, 7, 8, 9]),
      Buffer.from(Y.encodeStateAsUpdate(foreign)),
      Buffer.from(Y.encodeStateAsUpdate(new Y.Doc())),
    ];
    for (const blob of blobs) {
      db().prepare('UPDATE snapshots SET state = ? WHERE id = ?').run(blob, id);
      for (const action of ['restore', 'fork']) {
        const response = await call('POST', `/api/boards/${board.id}/snapshots/${id}/${action}`, board.keys.lead);
        expect(response.statusCode).toBe(422);
        expect(response.json().error).toMatch(/cannot be used/);
      }
    }
    expect(liveRecord(board.id)).toEqual(before);
    expect(model.getSnapshot().notes.map((note) => note.text).sort()).toEqual(['and me', 'keep me']);
    expect(count('boards')).toBe(boardsBefore);

    // A record that no longer parses, or is not of the record's schema, is refused the same way.
    const goodRecord = JSON.parse((db().prepare('SELECT record FROM snapshots WHERE id = ?').get(id) as { record: string }).record);
    const badRecords = [
      '{not json',
      'null',
      JSON.stringify({ ...goodRecord, zones: [{ key: 'who', title: 'Who', prompt: '', notes: [{ id: 1 }] }] }),
      JSON.stringify({ ...goodRecord, zones: [{ ...goodRecord.zones[0], key: 'elsewhere' }] }),
      JSON.stringify({ ...goodRecord, title: 42 }),
      JSON.stringify({ ...goodRecord, links: { servedBy: 'all of them' } }),
    ];
    for (const bad of badRecords) {
      db().prepare('UPDATE snapshots SET record = ? WHERE id = ?').run(bad, id);
      for (const suffix of ['', '?format=md', '/diff/live']) {
        const response = await call('GET', `/api/boards/${board.id}/snapshots/${id}${suffix}`, board.keys.view);
        expect({ bad, suffix, status: response.statusCode }).toEqual({ bad, suffix, status: 422 });
      }
    }
  });
});

describe('forking a record', () => {
  it('starts a new board holding the record’s notes and meta, with its own keys', async () => {
    const board = await server.createBoard('Parent');
    const { model } = await connected(board, board.keys.lead);
    place(model, 'who', 30, 200, 'we sing');
    place(model, 'there', 30, 200, 'food bank');
    model.setZonePrompt('need', 'What hurts here?');
    await waitFor(() => expect(liveRecord(board.id).zones[2]?.notes).toHaveLength(1));
    const saved = notesOf(model);
    const { id } = await snapshot(board);
    place(model, 'need', 30, 200, 'not in the record');

    const response = await call('POST', `/api/boards/${board.id}/snapshots/${id}/fork`, board.keys.lead);
    expect(response.statusCode).toBe(201);
    const forked = response.json() as CreatedBoard;
    expect(forked.id).not.toBe(board.id);
    expect(forked.title).toBe('Parent');
    expect(forked.links.lead).toBe(`/b/${forked.id}#k=${forked.keys.lead}`);
    expect(Object.values(forked.keys)).not.toContain(board.keys.lead);

    const child = await connected(forked, forked.keys.edit);
    await waitFor(() => expect(notesOf(child.model)).toEqual(saved));
    expect(child.model.getSnapshot().meta.prompts.need).toBe('What hurts here?');
    // The parent's keys do not open the new board.
    expect((await call('GET', `/api/boards/${forked.id}`, board.keys.lead)).statusCode).toBe(401);

    const titled = await call('POST', `/api/boards/${board.id}/snapshots/${id}/fork`, board.keys.lead, { title: 'Next year' });
    expect(titled.json().title).toBe('Next year');
  });
});

describe('snapshot storage', () => {
  it('keeps snapshots across a reopen, newest first, and deletes them', async () => {
    const boards = server.app.storage.boards;
    const records = server.app.storage.records;
    const storage = {
      createSnapshot: (snapshot: StoredRecord) => records.create(snapshot, Infinity),
      listSnapshots: (id: string) => records.list(id),
      getSnapshot: (id: string, sid: string) => records.get(id, sid),
      deleteSnapshot: (id: string, sid: string) => records.delete(id, sid),
    };
    const boardId = 'board_snapshots_contract';
    await boards.create(
      { id: boardId, title: 'S', createdAt: 1, keys: { lead: 'l'.repeat(21), edit: 'e'.repeat(21), view: 'v'.repeat(21) } },
      new Uint8Array([0, 0]),
    );
    const make = (id: string, createdAt: number) => ({
      id, boardId, label: id, createdAt, noteCount: 1, state: new Uint8Array([1, 2, 3]), record: '{}',
    });
    await storage.createSnapshot(make('s1', 100));
    await storage.createSnapshot(make('s2', 300));
    await storage.createSnapshot(make('s3', 300));
    expect((await storage.listSnapshots(boardId)).map((s) => s.id)).toEqual(['s3', 's2', 's1']);
    expect(await storage.getSnapshot(boardId, 's1')).toEqual(make('s1', 100));
    expect(await storage.getSnapshot('other', 's1')).toBeNull();
    expect(await storage.deleteSnapshot('other', 's1')).toBe(false);
    expect(await storage.deleteSnapshot(boardId, 's1')).toBe(true);
    expect(await storage.deleteSnapshot(boardId, 's1')).toBe(false);
    expect((await storage.listSnapshots(boardId)).map((s) => s.id)).toEqual(['s3', 's2']);
  });
});
