import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { BoardModel, type NoteView } from '../../shared/board';
import { EncodedState } from '../../server/rooms/encodedState';
import { preferredEncoding } from '../../server/plugins/acceptEncoding';
import type { ServerOverrides } from '../../server/app';
import { startServer, synced, type CreatedBoard, type TestServer } from '../helpers/server';
import { waitFor } from '../helpers/waitFor';

/**
 * `GET /api/boards/:id/state` (plugins/boardStatePlugin.ts) on a real server and SQLite: the board's
 * whole Yjs state over HTTP, equal to what a stock y-websocket client syncs, never ahead of storage,
 * encoded and compressed once per version of an open board however many ask.
 */
let server: TestServer;
afterEach(async () => server?.close());

async function start(overrides: ServerOverrides = {}): Promise<TestServer> {
  server = await startServer(overrides);
  return server;
}

interface StateOptions {
  key?: string | null;
  acceptEncoding?: string;
  remoteAddress?: string;
}

function getState(boardId: string, { key = null, acceptEncoding, remoteAddress = '127.0.0.1' }: StateOptions = {}) {
  const headers: Record<string, string> = {};
  if (key) headers.authorization = `Bearer ${key}`;
  if (acceptEncoding !== undefined) headers['accept-encoding'] = acceptEncoding;
  return server.app.inject({ method: 'GET', url: `/api/boards/${boardId}/state`, headers, remoteAddress });
}

/** The body as the Yjs update it carries, undoing its content-encoding. */
function decoded(response: { rawPayload: Buffer; headers: Record<string, unknown> }): Uint8Array {
  const encoding = response.headers['content-encoding'];
  if (encoding === 'br') return new Uint8Array(brotliDecompressSync(response.rawPayload));
  if (encoding === 'gzip') return new Uint8Array(gunzipSync(response.rawPayload));
  expect(encoding).toBeUndefined();
  return new Uint8Array(response.rawPayload);
}

/** Byte equality without the matcher's element-by-element walk, which is slow on half a megabyte. */
function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(b);
}

function notesOf(doc: Y.Doc): NoteView[] {
  return [...new BoardModel(doc).getSnapshot().notes].sort((a, b) => (a.id < b.id ? -1 : 1));
}

/** The notes a fresh Y.Doc holds once the body is applied to it. */
function notesFromState(state: Uint8Array): NoteView[] {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, state);
  const notes = notesOf(doc);
  doc.destroy();
  return notes;
}

/** The notes a stock y-websocket client sees after its first sync. */
async function stockNotes(board: CreatedBoard): Promise<NoteView[]> {
  const reader = server.connect(board.id, board.keys.view);
  await synced(reader);
  const notes = notesOf(reader.doc);
  reader.destroy();
  return notes;
}

async function writer(board: CreatedBoard) {
  const provider = server.connect(board.id, board.keys.edit);
  await synced(provider);
  return { provider, model: new BoardModel(provider.doc) };
}

/** Waits until the open room has applied and committed `count` notes. */
async function committedNotes(boardId: string, count: number): Promise<void> {
  await waitFor(() => {
    const room = server.app.rooms.get(boardId);
    expect(room?.doc.getMap('notes').size).toBe(count);
    expect(room?.hasUncommitted).toBe(false);
  });
}

function seed(model: BoardModel, doc: Y.Doc, count: number): void {
  doc.transact(() => {
    for (let i = 0; i < count; i++) model.addNote({ zone: 'who', author: 'A', text: `seed ${i}`, x: (i % 40) * 240, y: 200 + Math.floor(i / 40) * 180 });
  });
}

describe('the board’s state over HTTP', () => {
  it('gives exactly the notes a stock client sees, the same bytes in br, gzip and identity, with its headers', async () => {
    await start();
    const board = await server.createBoard('Three ways');
    const { provider, model } = await writer(board);
    seed(model, provider.doc, 40);
    model.addNote({ zone: 'need', author: 'Bo', text: 'ünïcödé ✓' });
    await committedNotes(board.id, 41);

    const br = await getState(board.id, { key: board.keys.view, acceptEncoding: 'gzip, deflate, br, zstd' });
    const gzip = await getState(board.id, { key: board.keys.edit, acceptEncoding: 'gzip, br;q=0' });
    const identity = await getState(board.id, { key: board.keys.lead, acceptEncoding: 'identity' });
    const none = await getState(board.id, { key: board.keys.lead });
    for (const [response, encoding] of [[br, 'br'], [gzip, 'gzip'], [identity, undefined], [none, undefined]] as const) {
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toBe('application/octet-stream');
      expect(response.headers['cache-control']).toBe('no-store');
      expect(response.headers.vary).toBe('Accept-Encoding');
      expect(response.headers['content-encoding']).toBe(encoding);
      expect(Number(response.headers['content-length'])).toBe(response.rawPayload.byteLength);
    }
    // Compressed, and all four the same update: the one the room's doc encodes to.
    expect(br.rawPayload.byteLength).toBeLessThan(identity.rawPayload.byteLength / 2);
    expect(gzip.rawPayload.byteLength).toBeLessThan(identity.rawPayload.byteLength / 2);
    const state = decoded(identity);
    expect(sameBytes(decoded(br), state)).toBe(true);
    expect(sameBytes(decoded(gzip), state)).toBe(true);
    expect(sameBytes(decoded(none), state)).toBe(true);
    expect(sameBytes(state, Y.encodeStateAsUpdate(server.app.rooms.get(board.id)!.doc))).toBe(true);

    const notes = notesFromState(state);
    expect(notes).toHaveLength(41);
    expect(notes).toEqual(await stockNotes(board));
  });

  it('loads a board nobody has open into its room once, and the socket that follows joins that same room', async () => {
    await start();
    const board = await server.createBoard('Closed');
    const { provider, model } = await writer(board);
    model.addNote({ zone: 'who', author: 'Ann', text: 'stored' });
    model.addNote({ zone: 'there', author: 'Ann', text: 'also stored' });
    await committedNotes(board.id, 2);
    provider.destroy();
    await waitFor(() => expect(server.app.rooms.size).toBe(0));

    for (const acceptEncoding of ['br', 'gzip', 'identity']) {
      const response = await getState(board.id, { key: board.keys.view, acceptEncoding });
      expect(response.statusCode).toBe(200);
      expect(response.headers['cache-control']).toBe('no-store');
      expect(notesFromState(decoded(response)).map((note) => note.text).sort()).toEqual(['also stored', 'stored']);
    }
    // Held open for the page's socket (HOLD_OPEN_FOR_JOIN_MS), which then finds it loaded and encoded.
    const opened = server.app.rooms.get(board.id);
    expect(opened).toBeDefined();
    expect(opened!.encodedState.encodes).toBe(1);
    const fromRoom = notesFromState(decoded(await getState(board.id, { key: board.keys.view })));
    expect(fromRoom).toEqual(await stockNotes(board));
    expect(server.app.rooms.get(board.id)).toBe(opened);
  });

  it('encodes a 2,000-note board once for fifty concurrent requests from one address, and again after an edit over the websocket', async () => {
    await start();
    const board = await server.createBoard('Big meeting');
    const { provider, model } = await writer(board);
    seed(model, provider.doc, 2000);
    await committedNotes(board.id, 2000);
    const cache = server.app.rooms.get(board.id)!.encodedState;
    const before = { encodes: cache.encodes, compressions: cache.compressions };

    // A meeting behind one NAT opens the board at once: all within the per-address budget.
    const responses = await Promise.all(
      Array.from({ length: 50 }, (_, index) => getState(board.id, { key: board.keys.view, acceptEncoding: index % 5 === 0 ? 'gzip' : 'br', remoteAddress: '10.0.0.9' })),
    );
    expect(responses.map((response) => response.statusCode)).toEqual(responses.map(() => 200));
    expect(cache.encodes - before.encodes).toBe(1);
    // One brotli and one gzip compression, each shared by every request that asked for it.
    expect(cache.compressions - before.compressions).toBe(2);
    const state = decoded(responses[0]!);
    for (const response of responses) expect(sameBytes(decoded(response), state)).toBe(true);
    expect(notesFromState(state)).toHaveLength(2000);

    // Asked again without a change: nothing is encoded or compressed.
    await getState(board.id, { key: board.keys.view, acceptEncoding: 'br' });
    expect(cache.encodes - before.encodes).toBe(1);
    expect(cache.compressions - before.compressions).toBe(2);

    // An edit over the websocket drops the cached state: the next request sees it.
    const added = model.addNote({ zone: 'need', author: 'Bo', text: 'late arrival' });
    await committedNotes(board.id, 2001);
    const after = await getState(board.id, { key: board.keys.view, acceptEncoding: 'br' });
    expect(notesFromState(decoded(after)).find((note) => note.id === added)?.text).toBe('late arrival');
    expect(cache.encodes - before.encodes).toBe(2);
    expect(notesFromState(decoded(after))).toEqual(await stockNotes(board));
  });

  it('shows an edit only once storage has committed it, as a sync step 2 does', async () => {
    await start();
    const board = await server.createBoard('Slow disk');
    const { model } = await writer(board);
    model.addNote({ zone: 'who', author: 'Ann', text: 'first' });
    await committedNotes(board.id, 1);
    await getState(board.id, { key: board.keys.view, acceptEncoding: 'br' });

    // Commits are held at a gate, as a slow store would hold them.
    const updates = server.app.storage.updates;
    const append = updates.append.bind(updates);
    let release = (): void => undefined;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    let committed = false;
    updates.append = async (boardId, batch) => {
      await gate;
      const seqs = await append(boardId, batch);
      committed = true;
      return seqs;
    };
    model.addNote({ zone: 'who', author: 'Ann', text: 'second' });
    await waitFor(() => expect(server.app.rooms.get(board.id)?.doc.getMap('notes').size).toBe(2));
    expect(server.app.rooms.get(board.id)?.hasUncommitted).toBe(true);

    let answered = false;
    const pending = getState(board.id, { key: board.keys.view, acceptEncoding: 'br' }).then((response) => {
      answered = true;
      // The answer is sent only after the commit: never what storage lacks.
      expect(committed).toBe(true);
      return response;
    });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(answered).toBe(false);
    release();
    const response = await pending;
    expect(response.statusCode).toBe(200);
    expect(notesFromState(decoded(response)).map((note) => note.text).sort()).toEqual(['first', 'second']);
    updates.append = append;
  });

  it('answers a board whose commit fails with what storage holds, without the edit it lost', async () => {
    await start();
    const board = await server.createBoard('Commit fails');
    const { provider, model } = await writer(board);
    model.addNote({ zone: 'who', author: 'Ann', text: 'kept' });
    await committedNotes(board.id, 1);
    // The next commit is held at a gate while SQLite is made to refuse it.
    const updates = server.app.storage.updates;
    const append = updates.append.bind(updates);
    let release = (): void => undefined;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    updates.append = async (boardId, batch) => {
      await gate;
      return append(boardId, batch);
    };
    const closed = new Promise<number>((resolve) => provider.ws?.addEventListener('close', (event) => resolve(event.code)));
    model.addNote({ zone: 'who', author: 'Ann', text: 'lost' });
    await waitFor(() => expect(server.app.rooms.get(board.id)?.doc.getMap('notes').size).toBe(2));
    const other = new Database(join(server.dataDir, 'discern.sqlite'));
    other.exec(`CREATE TRIGGER refuse_writes BEFORE INSERT ON updates WHEN NEW.board_id = '${board.id}'
      BEGIN SELECT RAISE(ABORT, 'disk says no'); END`);
    other.close();

    // The request finds the room with the edit applied but not committed, and waits for the commit.
    const pending = getState(board.id, { key: board.keys.view, acceptEncoding: 'gzip' });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(server.app.rooms.get(board.id)?.hasUncommitted).toBe(true);
    release();
    const response = await pending;
    expect(response.statusCode).toBe(200);
    expect(notesFromState(decoded(response)).map((note) => note.text)).toEqual(['kept']);
    expect(await closed).toBe(4500);
    updates.append = append;
  });
});

describe('refusals of the state route', () => {
  it('answers 401 without or with a wrong key, 404 for an unknown board, 400 for a malformed id', async () => {
    await start();
    const board = await server.createBoard('Private');
    const cases: Array<[string, string | null, number, string]> = [
      [board.id, null, 401, 'missing or wrong key'],
      [board.id, 'not-a-key-of-this-board', 401, 'missing or wrong key'],
      [board.id, (await server.createBoard('Another')).keys.lead, 401, 'missing or wrong key'],
      ['b'.repeat(21), board.keys.lead, 404, 'board not found'],
    ];
    for (const [boardId, key, status, error] of cases) {
      const response = await getState(boardId, { key, acceptEncoding: 'br' });
      expect({ status: response.statusCode, body: response.json() }).toEqual({ status, body: { error } });
      expect(response.headers['content-encoding']).toBeUndefined();
    }
    const tooLong = await getState('x'.repeat(65), { key: board.keys.lead });
    expect(tooLong.statusCode).toBe(400);
    expect(tooLong.json()).toHaveProperty('error');
    // A refused request opened no room.
    expect(server.app.rooms.size).toBe(0);
  });

  it('allows its budget per address a minute, then 429; other addresses and the record reads carry on', async () => {
    const max = 5;
    await start({ limits: { recordReadsPerMinute: max } });
    const board = await server.createBoard('Busy');
    for (let index = 0; index < max; index++) {
      expect((await getState(board.id, { key: board.keys.view, remoteAddress: '10.0.0.1' })).statusCode).toBe(200);
    }
    const limited = await getState(board.id, { key: board.keys.view, remoteAddress: '10.0.0.1' });
    expect(limited.statusCode).toBe(429);
    expect(limited.json()).toMatchObject({ statusCode: 429, message: expect.stringContaining(`at most ${max} a minute`) });
    expect(limited.headers['retry-after']).toBeDefined();
    // The limit comes before the key check, so keys cannot be probed past it.
    expect((await getState(board.id, { key: 'not-a-key', remoteAddress: '10.0.0.1' })).statusCode).toBe(429);
    expect((await getState(board.id, { key: board.keys.view, remoteAddress: '10.0.0.2' })).statusCode).toBe(200);
    const records = await server.app.inject({ method: 'GET', url: `/api/boards/${board.id}/records/live/diff/live`, remoteAddress: '10.0.0.1', headers: { authorization: `Bearer ${board.keys.view}` } });
    expect(records.statusCode).toBe(200);
  });

  it('answers 503 when storage fails, and the process carries on', async () => {
    await start();
    const board = await server.createBoard('Faulty');
    const other = new Database(join(server.dataDir, 'discern.sqlite'));
    other.exec('DROP TABLE updates');
    other.close();
    const response = await getState(board.id, { key: board.keys.view, acceptEncoding: 'br' });
    expect({ status: response.statusCode, body: response.json() }).toEqual({ status: 503, body: { error: 'storage unavailable' } });
    expect((await server.app.inject({ method: 'GET', url: `/api/boards/${board.id}`, headers: { authorization: `Bearer ${board.keys.view}` } })).statusCode).toBe(200);
  });
});

describe('EncodedState', () => {
  it('does not keep a compression that finishes after the doc changed, but answers the request that asked for it', async () => {
    const doc = new Y.Doc();
    const model = new BoardModel(doc);
    model.addNote({ zone: 'who', author: 'A', text: 'one' });
    const cache = new EncodedState(doc);
    const first = cache.read('br');
    model.addNote({ zone: 'who', author: 'A', text: 'two' });
    expect(notesFromState(new Uint8Array(brotliDecompressSync(await first))).map((note) => note.text)).toEqual(['one']);
    const second = await cache.read('br');
    expect(notesFromState(new Uint8Array(brotliDecompressSync(second))).map((note) => note.text).sort()).toEqual(['one', 'two']);
    expect(cache.encodes).toBe(2);
    expect(cache.compressions).toBe(2);
    doc.destroy();
  });

});

describe('the encoding of the answer', () => {
  it('picks br over gzip over identity from Accept-Encoding, honouring q=0 and *', () => {
    expect(preferredEncoding('gzip, deflate, br')).toBe('br');
    expect(preferredEncoding('br;q=0.1, gzip;q=1')).toBe('br');
    expect(preferredEncoding('gzip, br;q=0')).toBe('gzip');
    expect(preferredEncoding('*')).toBe('br');
    expect(preferredEncoding('*, br;q=0')).toBe('gzip');
    expect(preferredEncoding('deflate')).toBe('identity');
    expect(preferredEncoding('identity')).toBe('identity');
    expect(preferredEncoding(undefined)).toBe('identity');
    expect(preferredEncoding('')).toBe('identity');
  });
});
