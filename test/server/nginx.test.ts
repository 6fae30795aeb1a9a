import { rmSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { BoardModel } from '../../shared/board';
import { killHard, startChildServer } from '../helpers/childServer';
import { freePort } from '../helpers/freePort';
import { startNginx } from '../helpers/nginx';
import { synced, tempDataDir, type CreatedBoard } from '../helpers/server';
import { stockProvider } from '../helpers/stockClient';
import { waitFor } from '../helpers/waitFor';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe('behind nginx with deploy/nginx-discern.conf', () => {
  it('proxies the API, the probes and live sync, and the server sees the client address it forwarded', async () => {
    const dataDir = tempDataDir();
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
    const port = await freePort();
    const server = await startChildServer(dataDir, { PORT: String(port), TRUST_PROXY: '127.0.0.1', BOARDS_PER_IP_PER_HOUR: '1' });
    cleanups.push(() => killHard(server.process));
    const nginx = await startNginx(await freePort(), [port]);
    cleanups.push(() => nginx.stop());

    expect(await (await fetch(`${nginx.url}/readyz`)).json()).toMatchObject({ status: 'ready' });
    const created = await fetch(`${nginx.url}/api/boards`, { method: 'POST', headers: { 'x-forwarded-for': '203.0.113.7' } });
    expect(created.status).toBe(201);
    const board = (await created.json()) as CreatedBoard;
    // One board per address per hour: a second from the same forwarded address is refused, one from another is not.
    const again = await fetch(`${nginx.url}/api/boards`, { method: 'POST', headers: { 'x-forwarded-for': '203.0.113.7' } });
    expect(again.status).toBe(429);
    const other = await fetch(`${nginx.url}/api/boards`, { method: 'POST', headers: { 'x-forwarded-for': '203.0.113.8' } });
    expect(other.status).toBe(201);

    const wsUrl = nginx.url.replace('http:', 'ws:');
    const writer = stockProvider(wsUrl, board.id, board.keys.edit);
    const reader = stockProvider(wsUrl, board.id, board.keys.view);
    cleanups.push(() => writer.destroy(), () => reader.destroy());
    await Promise.all([synced(writer), synced(reader)]);
    const id = new BoardModel(writer.doc).addNote({ zone: 'there', author: 'N', text: 'Through nginx' });
    await waitFor(() => expect(new BoardModel(reader.doc).getNote(id)?.text).toBe('Through nginx'));
  }, 60_000);
});
