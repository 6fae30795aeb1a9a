import { rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { killHard, startChildServer, type ChildServer } from '../helpers/childServer';
import { tempDataDir } from '../helpers/server';

const dataDir = tempDataDir();
let server: ChildServer | null = null;
afterAll(async () => {
  if (server) await killHard(server.process);
  rmSync(dataDir, { recursive: true, force: true });
});

describe('npm start', () => {
  it('serves the app, its board and join pages, the API and sync from one port', async () => {
    server = await startChildServer(dataDir, {}, 'scripts/start.mjs');
    const home = await fetch(`${server.httpUrl}/`);
    expect(home.status).toBe(200);
    expect(home.headers.get('content-type')).toMatch(/text\/html/);
    const html = await home.text();
    expect(html).toContain('<title>Discern</title>');
    const script = /src="(\/assets\/[^"]+\.js)"/.exec(html)?.[1];
    expect(script).toBeTruthy();
    const asset = await fetch(`${server.httpUrl}${script}`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('cache-control')).toMatch(/immutable/);
    const join = await fetch(`${server.httpUrl}/j/ABCDEFGH`);
    expect(join.status).toBe(200);
    expect(await join.text()).toBe(html);
    // A board link gets the same app with the board page preloaded, so it is not fetched after the entry has run.
    const board = await fetch(`${server.httpUrl}/b/AAAAAAAAAAAAAAAAAAAAA`);
    expect(board.status).toBe(200);
    expect(board.headers.get('cache-control')).toBe('no-cache');
    const boardHtml = await board.text();
    expect(boardHtml).toContain(`src="${script}"`);
    expect(boardHtml).toMatch(/<link rel="modulepreload" crossorigin href="\/assets\/BoardPage-[^"]+\.js">/);
    const created = await fetch(`${server.httpUrl}/api/boards`, { method: 'POST' });
    expect(created.status).toBe(201);
    // The first start on a fresh clone builds the client, which takes a while on two cores.
  }, 120_000);
});
