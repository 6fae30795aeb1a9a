import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from '../helpers/server';

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => server.close());

const ID = /^[A-Za-z0-9_-]{21,}$/;

describe('POST /api/boards', () => {
  it('creates a board with three distinct nanoid keys and fragment links', async () => {
    const board = await server.createBoard('Riverside');
    expect(board.id).toMatch(ID);
    expect(board.title).toBe('Riverside');
    const keys = [board.keys.lead, board.keys.edit, board.keys.view];
    for (const key of keys) expect(key).toMatch(ID);
    expect(new Set(keys).size).toBe(3);
    expect(board.links.edit).toBe(`/b/${board.id}#k=${board.keys.edit}`);
    expect(board.links.lead).toBe(`/b/${board.id}#k=${board.keys.lead}`);
    expect(board.links.view).toBe(`/b/${board.id}#k=${board.keys.view}`);
  });

  it('defaults the title when none is given', async () => {
    const response = await server.app.inject({ method: 'POST', url: '/api/boards' });
    expect(response.statusCode).toBe(201);
    expect(response.json().title).toBe('Untitled board');
  });

  it.each([
    ['a non-string title', { title: 42 }],
    ['an unknown field', { title: 'x', owner: 'me' }],
    ['an overlong title', { title: 'x'.repeat(500) }],
  ])('refuses %s with 400', async (_name, payload) => {
    const response = await server.app.inject({ method: 'POST', url: '/api/boards', payload });
    expect(response.statusCode).toBe(400);
    expect(response.json().message).toBeTruthy();
  });
});

describe('GET /api/boards/:id', () => {
  it('answers any key of the board with its summary and role', async () => {
    const board = await server.createBoard('Summary');
    for (const role of ['lead', 'edit', 'view'] as const) {
      const response = await server.app.inject({
        url: `/api/boards/${board.id}`,
        headers: { authorization: `Bearer ${board.keys[role]}` },
      });
      expect(response.statusCode).toBe(200);
      const body = response.json();
      expect(body).toMatchObject({ id: board.id, title: 'Summary', role });
      expect(typeof body.createdAt).toBe('number');
      // Only the lead key gets the other keys back.
      expect(body.keys === undefined).toBe(role !== 'lead');
    }
  });

  it('is 401 without a key or with another board’s key, 404 for an unknown board', async () => {
    const board = await server.createBoard();
    const other = await server.createBoard();
    const noKey = await server.app.inject({ url: `/api/boards/${board.id}` });
    expect(noKey.statusCode).toBe(401);
    const wrongKey = await server.app.inject({
      url: `/api/boards/${board.id}`,
      headers: { authorization: `Bearer ${other.keys.lead}` },
    });
    expect(wrongKey.statusCode).toBe(401);
    const unknown = await server.app.inject({
      url: '/api/boards/AAAAAAAAAAAAAAAAAAAAAAAAA',
      headers: { authorization: `Bearer ${board.keys.lead}` },
    });
    expect(unknown.statusCode).toBe(404);
  });
});

describe('GET /api/time', () => {
  it('answers the server clock, uncached, for clients to measure their offset', async () => {
    const before = Date.now();
    const response = await server.app.inject({ url: '/api/time' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['cache-control']).toBe('no-store');
    const { now } = response.json() as { now: number };
    expect(now).toBeGreaterThanOrEqual(before);
    expect(now).toBeLessThanOrEqual(Date.now());
  });
});
