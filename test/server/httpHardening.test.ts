import { request as httpRequest } from 'node:http';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import WebSocket from 'ws';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { databaseFile } from '../../server/config';
import { secretsEqual } from '../../server/secrets';
import type { SqliteStorage } from '../../server/storage/sqliteStorage';
import { roleForKey } from '../../server/boards/roleForKey';
import { startServer, type CreatedBoard, type TestServer } from '../helpers/server';

/** What a raw HTTP exchange came back with. */
interface RawAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/**
 * One request over node:http with the path exactly as given: fetch and URL would resolve `../` and
 * re-encode what we want the server to see raw.
 */
function rawRequest(
  server: TestServer,
  method: string,
  path: string,
  options: { headers?: Record<string, string>; body?: string | Buffer } = {},
): Promise<RawAnswer> {
  const { port } = new URL(server.httpUrl);
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest({ host: '127.0.0.1', port, method, path, headers: options.headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () =>
        resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks).toString() }),
      );
    });
    outgoing.on('error', reject);
    outgoing.end(options.body);
  });
}

function jsonOf(answer: RawAnswer): Record<string, unknown> {
  expect(String(answer.headers['content-type'])).toMatch(/^application\/json/);
  return JSON.parse(answer.body) as Record<string, unknown>;
}

function createBoardRequest(server: TestServer, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${server.httpUrl}/api/boards`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ title: 'Hardening' }),
  });
}

/** How a websocket handshake to /sync ended: opened, or refused with an HTTP status. */
function handshake(server: TestServer, boardId: string, key: string, origin?: string): Promise<'open' | number> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(`${server.wsUrl}/sync/${boardId}?key=${key}`, origin === undefined ? {} : { origin });
    socket.on('open', () => {
      socket.close();
      resolve('open');
    });
    socket.on('unexpected-response', (_request, response) => {
      resolve(response.statusCode ?? 0);
      socket.terminate();
    });
    socket.on('error', (error) => reject(error));
  });
}

/**
 * A websocket handshake by hand, to see the HTTP answer to a refused one. (That the server then closes
 * the refused socket shows in afterEach: server.close() waits for every socket left open.)
 */
function upgradeRequest(server: TestServer, path: string, origin: string): Promise<'upgraded' | 'closed' | { status: number; body: string }> {
  const { port } = new URL(server.httpUrl);
  const headers = {
    connection: 'Upgrade',
    upgrade: 'websocket',
    'sec-websocket-version': '13',
    'sec-websocket-key': 'dGhlIHNhbXBsZSBub25jZQ==',
    origin,
  };
  return new Promise((resolve) => {
    const outgoing = httpRequest({ host: '127.0.0.1', port, path, headers }, (response) => {
      let body = '';
      response.on('data', (chunk: Buffer) => (body += chunk.toString()));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
    });
    outgoing.on('upgrade', (_response, socket) => {
      socket.destroy();
      resolve('upgraded');
    });
    outgoing.on('error', () => resolve('closed'));
    outgoing.end();
  });
}

/** A stand-in for the built client: the static plugin needs only an index.html to serve. */
function fakeClientDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'discern-client-'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>Discern</title><script type="module" src="/assets/app.js"></script>');
  return dir;
}

let server: TestServer | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});

describe('security headers', () => {
  let clientDir: string;
  beforeAll(() => {
    clientDir = fakeClientDir();
  });
  afterAll(() => rmSync(clientDir, { recursive: true, force: true }));

  it('puts a strict CSP, no-referrer and the other helmet headers on HTML, API, error and 404 answers', async () => {
    server = await startServer({ clientDir });
    const { port } = new URL(server.httpUrl);
    const board = await server.createBoard();
    const answers = {
      html: await rawRequest(server, 'GET', '/'),
      boardPage: await rawRequest(server, 'GET', `/b/${board.id}`),
      api: await rawRequest(server, 'GET', '/api/time'),
      unauthorized: await rawRequest(server, 'GET', `/api/boards/${board.id}`),
      badBody: await rawRequest(server, 'POST', '/api/boards', { headers: { 'content-type': 'application/json' }, body: '{' }),
      missing: await rawRequest(server, 'GET', '/no/such/route'),
    };
    expect(Object.fromEntries(Object.entries(answers).map(([name, answer]) => [name, answer.status]))).toEqual({
      html: 200,
      boardPage: 200,
      api: 200,
      unauthorized: 401,
      badBody: 400,
      missing: 404,
    });
    for (const [name, answer] of Object.entries(answers)) {
      const csp = String(answer.headers['content-security-policy']);
      const directives = new Map(csp.split(';').map((d) => d.trim().split(/\s+/)).map(([key = '', ...values]) => [key, values]));
      expect({ name, scripts: directives.get('script-src') }).toEqual({ name, scripts: ["'self'"] });
      expect(directives.get('default-src')).toEqual(["'self'"]);
      expect(directives.get('style-src')).toEqual(["'self'"]);
      expect(directives.get('object-src')).toEqual(["'none'"]);
      expect(directives.get('img-src')).toEqual(["'self'", 'data:', 'blob:']);
      expect(directives.get('connect-src')).toEqual(["'self'", `ws://127.0.0.1:${port}`, `wss://127.0.0.1:${port}`]);
      expect(csp).not.toContain('unsafe-inline');
      expect(csp).not.toContain('unsafe-eval');
      // The app is often served over plain http on a LAN.
      expect(csp).not.toContain('upgrade-insecure-requests');
      expect(answer.headers['referrer-policy']).toBe('no-referrer');
      expect(answer.headers['x-content-type-options']).toBe('nosniff');
      expect(answer.headers['x-frame-options']).toBe('SAMEORIGIN');
      expect(answer.headers['cross-origin-opener-policy']).toBe('same-origin');
    }
  });

  it('does not echo a strange Host header into the CSP', async () => {
    server = await startServer();
    const answer = await rawRequest(server, 'GET', '/api/time', { headers: { host: 'evil.example/x"y' } });
    expect(answer.headers['content-security-policy']).toContain("connect-src 'self';");
  });
});

describe('Origin allow-list on /sync', () => {
  it('refuses a foreign page with 403 before the upgrade; allows its own origin, an allowed one and none', async () => {
    server = await startServer({ allowedOrigins: ['https://Board.Example.org'] });
    const board = await server.createBoard();
    const { port } = new URL(server.httpUrl);
    const attempt = (origin?: string): Promise<'open' | number> => handshake(server!, board.id, board.keys.edit, origin);
    expect({
      foreign: await attempt('https://evil.example'),
      sameHostOtherPort: await attempt(`http://127.0.0.1:${Number(port) + 1}`),
      nullOrigin: await attempt('null'),
      notAnOrigin: await attempt('javascript:alert(1)'),
      own: await attempt(`http://127.0.0.1:${port}`),
      ownOverTls: await attempt(`https://127.0.0.1:${port}`),
      allowed: await attempt('https://board.example.org'),
      allowedWithDefaultPort: await attempt('https://board.example.org:443'),
      none: await attempt(),
    }).toEqual({
      foreign: 403,
      sameHostOtherPort: 403,
      nullOrigin: 403,
      notAnOrigin: 403,
      own: 'open',
      ownOverTls: 'open',
      allowed: 'open',
      allowedWithDefaultPort: 'open',
      none: 'open',
    });
  });

  it('answers the 403 as JSON, closes the socket, refuses an encoded path too, and leaves REST alone', async () => {
    server = await startServer();
    const board = await server.createBoard();
    const refused = await upgradeRequest(server, `/sync/${board.id}?key=${board.keys.edit}`, 'https://evil.example');
    expect(refused).toEqual({ status: 403, body: '{"error":"origin not allowed"}' });
    // `/%73ync/` is not the sync route to the router; whatever answers it, it must not upgrade.
    const encoded = await upgradeRequest(server, `/%73ync/${board.id}?key=${board.keys.edit}`, 'https://evil.example');
    expect(encoded).not.toBe('upgraded');
    expect(encoded === 'closed' || (typeof encoded === 'object' && encoded.status >= 400)).toBe(true);

    // REST answers carry their own key check; a foreign Origin there is a CORS matter, not refused here.
    const rest = await rawRequest(server, 'GET', `/api/boards/${board.id}`, {
      headers: { origin: 'https://evil.example', authorization: `Bearer ${board.keys.view}` },
    });
    expect(rest.status).toBe(200);
    // No CORS header: a foreign page cannot read the answer.
    expect(rest.headers['access-control-allow-origin']).toBeUndefined();
  });
});

describe('boards created per address', () => {
  it('answers 429 with a JSON error past the hourly budget, and other routes carry on', async () => {
    server = await startServer({ limits: { boardsPerIpPerHour: 3 } });
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) statuses.push((await createBoardRequest(server)).status);
    const refused = await createBoardRequest(server);
    expect([...statuses, refused.status]).toEqual([201, 201, 201, 429]);
    expect(refused.headers.get('content-type')).toMatch(/^application\/json/);
    expect(((await refused.json()) as { error: string }).error).toMatch(/too many new boards/);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(60);
    expect((await fetch(`${server.httpUrl}/api/time`)).status).toBe(200);
  });

  it('counts each client behind a trusted proxy separately (TRUST_PROXY), and ignores X-Forwarded-For otherwise', async () => {
    server = await startServer({ trustProxy: true, limits: { boardsPerIpPerHour: 2 } });
    const from = async (address: string): Promise<number> => (await createBoardRequest(server!, { 'x-forwarded-for': address })).status;
    expect([await from('203.0.113.1'), await from('203.0.113.1'), await from('203.0.113.1')]).toEqual([201, 201, 429]);
    expect([await from('203.0.113.2'), await from('198.51.100.7, 203.0.113.9')]).toEqual([201, 201]);
    await server.close();

    server = await startServer({ limits: { boardsPerIpPerHour: 2 } });
    expect([await from('203.0.113.1'), await from('203.0.113.2'), await from('203.0.113.3')]).toEqual([201, 201, 429]);
  });

  it('trusts a hop count of proxies (TRUST_PROXY=1): the address the nearest proxy saw', async () => {
    server = await startServer({ trustProxy: 1, limits: { boardsPerIpPerHour: 1 } });
    const from = async (header: string): Promise<number> => (await createBoardRequest(server!, { 'x-forwarded-for': header })).status;
    // The client forged the first address; only the last one, added by our proxy, counts.
    expect([await from('1.1.1.1, 203.0.113.1'), await from('2.2.2.2, 203.0.113.1'), await from('1.1.1.1, 203.0.113.2')]).toEqual([
      201, 429, 201,
    ]);
  });
});

describe('CREATE_TOKEN', () => {
  it('requires the token as a bearer to create a board, and only there', async () => {
    server = await startServer({ createToken: 'correct-horse-battery-staple' });
    const statuses = {
      none: (await createBoardRequest(server)).status,
      wrong: (await createBoardRequest(server, { authorization: 'Bearer correct-horse-battery-stapl3' })).status,
      shorter: (await createBoardRequest(server, { authorization: 'Bearer correct' })).status,
      longer: (await createBoardRequest(server, { authorization: 'Bearer correct-horse-battery-staple-and-more' })).status,
      notBearer: (await createBoardRequest(server, { authorization: 'Basic correct-horse-battery-staple' })).status,
    };
    expect(statuses).toEqual({ none: 401, wrong: 401, shorter: 401, longer: 401, notBearer: 401 });
    const refused = await createBoardRequest(server);
    expect(await refused.json()).toEqual({ error: 'this server needs a create token to make boards' });

    const created = await createBoardRequest(server, { authorization: 'Bearer correct-horse-battery-staple' });
    expect(created.status).toBe(201);
    const board = (await created.json()) as CreatedBoard;
    // Board routes still take the board's own keys, not the token.
    const read = await fetch(`${server.httpUrl}/api/boards/${board.id}`, { headers: { authorization: `Bearer ${board.keys.view}` } });
    expect(read.status).toBe(200);
  });
});

describe('secrets are compared in constant time', () => {
  it.each([
    ['same', 'abcdefghijklmnopqrstu', 'abcdefghijklmnopqrstu', true],
    ['one character off', 'abcdefghijklmnopqrstv', 'abcdefghijklmnopqrstu', false],
    ['a prefix', 'abc', 'abcdefghijklmnopqrstu', false],
    ['longer', 'abcdefghijklmnopqrstuv', 'abcdefghijklmnopqrstu', false],
    ['empty', '', 'abcdefghijklmnopqrstu', false],
    ['non-ASCII', 'abcdefghijklmnopqrstü', 'abcdefghijklmnopqrstu', false],
  ])('%s', (_name, given, expected, equal) => {
    expect(secretsEqual(given, expected)).toBe(equal);
  });

  it('gives no role for a key of the wrong length, and the right role for each key', async () => {
    server = await startServer();
    const board = await server.createBoard();
    const stored = (await server.app.storage.boards.get(board.id))!;
    const storage = { roleForKey: (_id: string, key: string) => roleForKey(stored, key) };
    expect(storage.roleForKey(board.id, board.keys.lead)).toBe('lead');
    expect(storage.roleForKey(board.id, board.keys.edit)).toBe('edit');
    expect(storage.roleForKey(board.id, board.keys.view)).toBe('view');
    expect(storage.roleForKey(board.id, board.keys.view.slice(1))).toBeNull();
    expect(storage.roleForKey(board.id, `${board.keys.view}x`)).toBeNull();
    expect(storage.roleForKey(board.id, '')).toBeNull();
  });
});

describe('SQLITE_SYNCHRONOUS', () => {
  it.each([
    [undefined, 1],
    ['NORMAL' as const, 1],
    ['FULL' as const, 2],
  ])('%s gives SQLite synchronous=%i', async (synchronous, expected) => {
    server = await startServer(synchronous ? { sqliteSynchronous: synchronous } : {});
    const db = (server.app.storage as SqliteStorage).db;
    expect(db.pragma('synchronous', { simple: true })).toBe(expected);
  });
});

describe('storage faults answer 503, and the process carries on', () => {
  it('answers 503 on join-code and board routes when SQLite fails, stores nothing half-way, and serves the rest', async () => {
    server = await startServer();
    const board = await server.createBoard('Before the fault');
    const lead = { authorization: `Bearer ${board.keys.lead}` };

    // A second connection breaks the file under the server, as a damaged or tampered database would.
    const other = new Database(databaseFile({ dataDir: server.dataDir }));
    try {
      other.exec('DROP TABLE join_codes');
      const code = await fetch(`${server.httpUrl}/api/boards/${board.id}/join-code`, { method: 'POST', headers: lead });
      expect(code.status).toBe(503);
      expect(await code.json()).toEqual({ error: 'storage unavailable' });
      const lookup = await fetch(`${server.httpUrl}/api/join/ABCDEFGH`);
      expect(lookup.status).toBe(503);
      expect(await lookup.json()).toEqual({ error: 'storage unavailable' });

      // The records routes share the app's error handler.
      other.exec('DROP TABLE snapshots');
      const records = await fetch(`${server.httpUrl}/api/boards/${board.id}/snapshots`, { headers: lead });
      expect(records.status).toBe(503);
      expect(await records.json()).toEqual({ error: 'storage unavailable' });

      const boardsBefore = other.prepare('SELECT id, title FROM boards ORDER BY id').all();
      other.exec('DROP TABLE updates');
      const created = await createBoardRequest(server);
      expect(created.status).toBe(503);
      expect(await created.json()).toEqual({ error: 'storage unavailable' });
      // The board row and its first update go in one transaction: no board without its document.
      expect(other.prepare('SELECT id, title FROM boards ORDER BY id').all()).toEqual(boardsBefore);

      // Routes that do not need what broke still answer.
      expect((await fetch(`${server.httpUrl}/api/time`)).status).toBe(200);
      const read = await fetch(`${server.httpUrl}/api/boards/${board.id}`, { headers: lead });
      expect(read.status).toBe(200);
      expect(((await read.json()) as { title: string }).title).toBe('Before the fault');
    } finally {
      other.close();
    }
  });

  it('answers 503 when the database connection is gone', async () => {
    server = await startServer();
    const board = await server.createBoard();
    (server.app.storage as SqliteStorage).db.close();
    const read = await fetch(`${server.httpUrl}/api/boards/${board.id}`, { headers: { authorization: `Bearer ${board.keys.lead}` } });
    expect(read.status).toBe(503);
    expect(await read.json()).toEqual({ error: 'storage unavailable' });
    expect((await createBoardRequest(server)).status).toBe(503);
    expect((await fetch(`${server.httpUrl}/api/time`)).status).toBe(200);
  });
});

describe('hostile board ids', () => {
  const IDS: [string, string][] = [
    ['..', '..'],
    ['../..', '../..'],
    ['encoded slashes', '..%2F..%2Fetc%2Fpasswd'],
    ['%2e%2e', '%2e%2e'],
    ['%2E%2E%2F%2E%2E', '%2E%2E%2F%2E%2E'],
    ['NUL', '%00'],
    ['NUL inside', 'abc%00def'],
    ['10,000 characters', 'a'.repeat(10_000)],
    ['a broken escape', '%E0%A4%A'],
    ['not an escape', '%ZZ'],
    ['SQL', "'%20OR%201=1--"],
  ];

  // 414 (URI Too Long) is Fastify's answer to a path parameter over 100 characters.
  it.each(IDS)('%s: 400, 404 or 414 on every board route, with a JSON error, never 500', async (_name, id) => {
    server = await startServer();
    const board = await server.createBoard();
    const lead = { authorization: `Bearer ${board.keys.lead}` };
    const routes: [string, string][] = [
      ['GET', `/api/boards/${id}`],
      ['POST', `/api/boards/${id}/join-code`],
      ['GET', `/api/boards/${id}/snapshots`],
      ['POST', `/api/boards/${id}/snapshots`],
      ['GET', `/api/boards/${board.id}/snapshots/${id}`],
      ['GET', `/api/boards/${board.id}/snapshots/${id}/diff/live`],
      ['POST', `/api/boards/${board.id}/snapshots/${id}/restore`],
      ['DELETE', `/api/boards/${board.id}/snapshots/${id}`],
      ['GET', `/api/join/${id}`],
    ];
    for (const [method, path] of routes) {
      const answer = await rawRequest(server, method, path, { headers: lead });
      expect({ method, path: path.slice(0, 80), status: answer.status }).toEqual({
        method,
        path: path.slice(0, 80),
        status: expect.toSatisfy((status: number) => [400, 404, 414].includes(status)),
      });
      expect(typeof jsonOf(answer).error).toBe('string');
    }
    // The real board is untouched and still there.
    expect((await rawRequest(server, 'GET', `/api/boards/${board.id}`, { headers: lead })).status).toBe(200);
  });
});

describe('hostile bodies', () => {
  const json = { 'content-type': 'application/json' };
  it.each([
    ['malformed JSON', json, '{"title": "x"', 400],
    ['a truncated body', json, '{', 400],
    ['a string instead of an object', json, '"title"', 400],
    ['an array', json, '[{"title":"x"}]', 400],
    ['a number title', json, '{"title": 42}', 400],
    ['a boolean title', json, '{"title": true}', 400],
    ['an object title', json, '{"title": {"$gt": ""}}', 400],
    ['an unknown field', json, '{"title": "x", "keys": {"lead": "mine"}}', 400],
    ['a prototype key', json, '{"__proto__": {"admin": true}}', 400],
    ['a constructor key', json, '{"constructor": {"prototype": {"admin": true}}}', 400],
    ['an overlong title', json, JSON.stringify({ title: 'x'.repeat(10_000) }), 400],
    // Fastify reads text/plain as a string, which the schema then refuses.
    ['not JSON at all', { 'content-type': 'text/plain' }, 'title=x', 400],
    ['form encoding', { 'content-type': 'application/x-www-form-urlencoded' }, 'title=x', 415],
    ['over a mebibyte', json, JSON.stringify({ title: 'x'.repeat(1024 * 1024 + 10) }), 413],
  ])('%s answers %3$s… with a JSON error', async (_name, headers, body, status) => {
    server = await startServer();
    const answer = await rawRequest(server, 'POST', '/api/boards', { headers, body });
    expect(answer.status).toBe(status);
    const error = jsonOf(answer);
    expect(typeof error.error).toBe('string');
    expect(JSON.stringify(error)).not.toMatch(/at .*\.(ts|js):\d+/); // no stack trace
    // Nothing was created.
    const storage = server.app.storage as SqliteStorage;
    expect(storage.db.prepare('SELECT count(*) AS n FROM boards').get()).toEqual({ n: 0 });
  });

  it('refuses wrong-typed bodies on the other JSON routes too', async () => {
    server = await startServer();
    const board = await server.createBoard();
    const headers = { ...json, authorization: `Bearer ${board.keys.lead}` };
    const snapshot = await rawRequest(server, 'POST', `/api/boards/${board.id}/snapshots`, { headers, body: '{"label": ["x"]}' });
    expect(snapshot.status).toBe(400);
    const broken = await rawRequest(server, 'POST', `/api/boards/${board.id}/snapshots`, { headers, body: '{"label":' });
    expect(broken.status).toBe(400);
  });
});
