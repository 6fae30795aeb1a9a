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
    server = await startChildServer(dataDir, {}, 'scripts/start.ts');
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
    for (const path of ['/b/AAAAAAAAAAAAAAAAAAAAA', '/j/ABCDEFGH']) {
      const page = await fetch(`${server.httpUrl}${path}`);
      expect(page.status).toBe(200);
      expect(await page.text()).toBe(html);
    }
    const created = await fetch(`${server.httpUrl}/api/boards`, { method: 'POST' });
    expect(created.status).toBe(201);
    // The first start on a fresh clone builds the client, which takes a while on two cores.
  }, 120_000);
});
