import { afterEach, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from '../helpers/server';

let server: TestServer | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});

async function requestCode(s: TestServer, boardId: string, key: string | null): Promise<Response> {
  return fetch(`${s.httpUrl}/api/boards/${boardId}/join-code`, {
    method: 'POST',
    headers: key ? { authorization: `Bearer ${key}` } : {},
  });
}

describe('join codes for the shared screen', () => {
  it('gives the leader a short code that resolves to the edit link, the same code each time', async () => {
    server = await startServer();
    const board = await server.createBoard('Shared screen');
    const first = await requestCode(server, board.id, board.keys.lead);
    expect(first.status).toBe(200);
    const { code, path, expiresAt } = (await first.json()) as { code: string; path: string; expiresAt: number };
    expect(code).toMatch(/^[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{8}$/);
    expect(path).toBe(`/j/${code}`);
    expect(expiresAt).toBeGreaterThan(Date.now() + 60 * 60 * 1000);
    const again = (await (await requestCode(server, board.id, board.keys.lead)).json()) as { code: string };
    expect(again.code).toBe(code);

    // Typed on a phone: lower case, with a dash and a space.
    const typed = `${code.slice(0, 4).toLowerCase()}- ${code.slice(4)}`;
    const joined = await fetch(`${server.httpUrl}/api/join/${encodeURIComponent(typed)}`);
    expect(joined.status).toBe(200);
    expect(await joined.json()).toEqual({ boardId: board.id, title: 'Shared screen', link: board.links.edit });
  });

  it('is for the leader only', async () => {
    server = await startServer();
    const board = await server.createBoard();
    expect((await requestCode(server, board.id, board.keys.edit)).status).toBe(403);
    expect((await requestCode(server, board.id, board.keys.view)).status).toBe(403);
    expect((await requestCode(server, board.id, null)).status).toBe(401);
  });

  it('does not resolve unknown or expired codes', async () => {
    server = await startServer({ joinCodeTtlMs: 300 });
    const board = await server.createBoard();
    const { code } = (await (await requestCode(server, board.id, board.keys.lead)).json()) as { code: string };
    expect((await fetch(`${server.httpUrl}/api/join/ZZZZZZZZ`)).status).toBe(404);
    expect((await fetch(`${server.httpUrl}/api/join/not-a-code`)).status).toBe(404);
    await new Promise((resolve) => setTimeout(resolve, 350));
    expect((await fetch(`${server.httpUrl}/api/join/${code}`)).status).toBe(404);
    const fresh = (await (await requestCode(server, board.id, board.keys.lead)).json()) as { code: string };
    expect(fresh.code).not.toBe(code);
  });

  it('rate limits look-ups so codes cannot be guessed quickly', async () => {
    server = await startServer({ joinLookupsPerMinute: 5 });
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) statuses.push((await fetch(`${server.httpUrl}/api/join/ABCDEFGH`)).status);
    expect(statuses.slice(0, 5)).toEqual([404, 404, 404, 404, 404]);
    expect(statuses.slice(5)).toEqual([429, 429]);
  });
});
