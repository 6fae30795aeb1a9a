import { request as httpRequest } from 'node:http';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { BoardModel } from '../../shared/board/model';
import { CLIENT_DIST } from '../../scripts/clientBuild';
import { seedNotes } from '../../bench/seedNotes';
import { startServer, synced, type CreatedBoard, type TestServer } from '../helpers/server';
import { waitFor } from '../helpers/waitFor';

/** A GET as a browser makes it, with the body exactly as it came over the wire (Node's fetch would inflate it). */
function rawGet(url: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(url, { headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }));
      response.on('error', reject);
    });
    request.on('error', reject);
    request.end();
  });
}

function decoded(response: { headers: Record<string, string | string[] | undefined>; body: Buffer }): Buffer {
  const encoding = response.headers['content-encoding'];
  if (encoding === 'br') return brotliDecompressSync(response.body);
  if (encoding === 'gzip') return gunzipSync(response.body);
  return response.body;
}

let server: TestServer;
let board: CreatedBoard;
let entryScript: string;

beforeAll(async () => {
  server = await startServer({ clientDir: CLIENT_DIST });
  board = await server.createBoard('Compressed');
  const html = readFileSync(join(CLIENT_DIST, 'index.html'), 'utf8');
  entryScript = /src="(\/assets\/[^"]+\.js)"/.exec(html)![1]!;
});

afterAll(async () => server?.close());

describe('the built client, precompressed', () => {
  it.each([
    { accept: 'gzip, deflate, br, zstd', encoding: 'br' },
    { accept: 'gzip, deflate', encoding: 'gzip' },
    { accept: 'identity', encoding: undefined },
    { accept: '', encoding: undefined },
  ])('sends the entry script as $encoding to a browser accepting "$accept"', async ({ accept, encoding }) => {
    const original = readFileSync(join(CLIENT_DIST, entryScript));
    const response = await rawGet(`${server.httpUrl}${entryScript}`, accept ? { 'accept-encoding': accept } : {});
    expect(response.status).toBe(200);
    expect(response.headers['content-encoding']).toBe(encoding);
    expect(response.headers['content-type']).toMatch(/javascript/);
    expect(response.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(response.headers.vary).toMatch(/accept-encoding/i);
    expect(decoded(response).equals(original)).toBe(true);
    if (encoding) expect(response.body.byteLength).toBeLessThan(original.byteLength / 2.5);
  });

  it('sends hashed assets without the document-only security headers, and keeps them all on the shells and sw.js', async () => {
    const asset = await rawGet(`${server.httpUrl}${entryScript}`, { 'accept-encoding': 'br' });
    expect(asset.status).toBe(200);
    // What protects a script itself stays: no MIME sniffing, no cross-origin embedding.
    expect(asset.headers['x-content-type-options']).toBe('nosniff');
    expect(asset.headers['cross-origin-resource-policy']).toBe('same-origin');
    for (const name of ['content-security-policy', 'x-frame-options', 'referrer-policy', 'cross-origin-opener-policy', 'strict-transport-security', 'x-xss-protection']) {
      expect({ name, value: asset.headers[name] }).toEqual({ name, value: undefined });
    }
    for (const path of ['/', `/b/${board.id}`, '/sw.js']) {
      const shell = await rawGet(`${server.httpUrl}${path}`, { 'accept-encoding': 'br' });
      expect({ path, status: shell.status }).toEqual({ path, status: 200 });
      expect(String(shell.headers['content-security-policy'])).toContain("script-src 'self'");
      expect(shell.headers['x-frame-options']).toBe('SAMEORIGIN');
      expect(shell.headers['referrer-policy']).toBe('no-referrer');
    }
  });

  it('sends the app shells and the service worker compressed and never cached without asking', async () => {
    for (const path of ['/', `/b/${board.id}`, '/j/ABCDEFGH', '/sw.js']) {
      const response = await rawGet(`${server.httpUrl}${path}`, { 'accept-encoding': 'br, gzip' });
      expect(response.status, path).toBe(200);
      expect(response.headers['content-encoding'], path).toBe('br');
      expect(response.headers['cache-control'], path).toBe('no-cache');
    }
    const boardShell = decoded(await rawGet(`${server.httpUrl}/b/${board.id}`, { 'accept-encoding': 'gzip' })).toString('utf8');
    expect(boardShell).toContain(`src="${entryScript}"`);
    expect(boardShell).toMatch(/rel="modulepreload"[^>]+BoardPage-/);
  });
});

describe('API answers', () => {
  it('compresses JSON and Markdown above the threshold, and a Yjs export stays the exact bytes', async () => {
    const writer = server.connect(board.id, board.keys.edit);
    await synced(writer);
    seedNotes(new BoardModel(writer.doc), 200);
    // The record is taken from the server's board: wait until every note has arrived there.
    await waitFor(() => expect(server.app.rooms.get(board.id)?.doc.getMap('notes').size).toBe(200));
    const saved = await fetch(`${server.httpUrl}/api/boards/${board.id}/snapshots`, {
      method: 'POST',
      headers: { authorization: `Bearer ${board.keys.lead}`, 'content-type': 'application/json' },
      body: JSON.stringify({ label: 'Two hundred' }),
    });
    expect(saved.status).toBe(201);
    const { id } = (await saved.json()) as { id: string };
    const auth = { authorization: `Bearer ${board.keys.edit}` };
    const url = `${server.httpUrl}/api/boards/${board.id}/snapshots/${id}`;

    const json = await rawGet(url, { ...auth, 'accept-encoding': 'br, gzip' });
    expect(json.status).toBe(200);
    expect(json.headers['content-encoding']).toBe('br');
    const record = JSON.parse(decoded(json).toString('utf8')) as { zones: Array<{ notes: unknown[] }> };
    expect(record.zones.flatMap((zone) => zone.notes)).toHaveLength(200);
    expect(json.body.byteLength).toBeLessThan(decoded(json).byteLength / 3);

    const markdown = await rawGet(`${url}?format=md`, { ...auth, 'accept-encoding': 'gzip' });
    expect(markdown.headers['content-encoding']).toBe('gzip');
    expect(decoded(markdown).toString('utf8')).toContain('note 199: a short idea');

    const plain = await rawGet(`${url}?format=yjs`, auth);
    const compressed = await rawGet(`${url}?format=yjs`, { ...auth, 'accept-encoding': 'br, gzip' });
    expect(plain.headers['content-type']).toBe('application/octet-stream');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(decoded(compressed).equals(plain.body)).toBe(true);
    const doc = new Y.Doc();
    Y.applyUpdate(doc, new Uint8Array(decoded(compressed)));
    expect(new BoardModel(doc).getSnapshot().notes).toHaveLength(200);
    // Node's fetch, like a browser, reads the compressed answer transparently.
    const fetched = new Uint8Array(await (await fetch(`${url}?format=yjs`, { headers: auth })).arrayBuffer());
    expect(Buffer.from(fetched).equals(plain.body)).toBe(true);
  });

  it('leaves small answers alone', async () => {
    const time = await rawGet(`${server.httpUrl}/api/time`, { 'accept-encoding': 'br, gzip' });
    expect(time.status).toBe(200);
    expect(time.headers['content-encoding']).toBeUndefined();
    expect(JSON.parse(time.body.toString('utf8'))).toHaveProperty('now');
  });

  it('does not inflate compressed request bodies', async () => {
    const response = await fetch(`${server.httpUrl}/api/boards`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
      body: new Uint8Array([0x1f, 0x8b, 0x08, 0x00]),
    });
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.status).toBeLessThan(500);
  });
});

describe('the sync socket', () => {
  it('still upgrades and syncs, with large messages deflated for clients that offer it and plain for those that do not', async () => {
    const big = await server.createBoard('Two hundred notes');
    const writer = server.connect(big.id, big.keys.edit);
    await synced(writer);
    seedNotes(new BoardModel(writer.doc), 200);
    const expected = Y.encodeStateAsUpdate(writer.doc).byteLength;
    expect(expected).toBeGreaterThan(20_000);

    for (const perMessageDeflate of [true, false]) {
      const socket = new WebSocket(`${server.wsUrl}/sync/${big.id}?key=${big.keys.edit}`, { perMessageDeflate });
      const largest = await new Promise<number>((resolve, reject) => {
        let size = 0;
        socket.on('open', () => socket.send(new Uint8Array([0, 0, 1, 0]))); // sync step 1 with an empty state vector
        socket.on('message', (data: Buffer) => {
          size = Math.max(size, data.byteLength);
          if (size > expected / 2) resolve(size);
        });
        socket.on('error', reject);
      });
      if (perMessageDeflate) expect(socket.extensions).toMatch(/^permessage-deflate/);
      else expect(socket.extensions).toBe('');
      expect(largest).toBeGreaterThan(expected / 2);
      socket.close();
    }

    // And a stock client sees another's edit live.
    const reader = server.connect(big.id, big.keys.view);
    await synced(reader);
    const id = new BoardModel(writer.doc).addNote({ zone: 'who', author: 'Ana', text: 'Soup kitchen on Fridays' });
    await waitFor(() => expect(new BoardModel(reader.doc).getNote(id)?.text).toBe('Soup kitchen on Fridays'));
  });
});
