import { readFileSync, readdirSync, rmSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { WebsocketProvider } from 'y-websocket';
import { BoardModel } from '../../shared/board';
import { isStale, SERVER_ENTRY } from '../../scripts/builds.mjs';
import { killHard, startChildServer, type ChildServer } from '../helpers/childServer';
import { synced, tempDataDir, type CreatedBoard } from '../helpers/server';
import { stockProvider } from '../helpers/stockClient';
import { waitFor } from '../helpers/waitFor';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function startProduction(dataDir: string): Promise<ChildServer> {
  const server = await startChildServer(dataDir, {}, 'scripts/start.mjs');
  cleanups.push(() => killHard(server.process));
  return server;
}

function provider(server: ChildServer, boardId: string, key: string): WebsocketProvider {
  const client = stockProvider(server.wsUrl, boardId, key);
  cleanups.push(() => client.destroy());
  return client;
}

/** The process's command line as the kernel has it, and the pids of its children. */
function processOf(pid: number): { argv: string[]; children: number[] } {
  const argv = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
  const children = readdirSync(`/proc/${pid}/task`).flatMap((task) =>
    readFileSync(`/proc/${pid}/task/${task}/children`, 'utf8').split(' ').filter(Boolean).map(Number),
  );
  return { argv, children };
}

describe('the production server (npm start)', () => {
  it('runs the compiled server in one plain Node process, built from the current sources', async () => {
    const dataDir = tempDataDir();
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
    const server = await startProduction(dataDir);
    expect(isStale(SERVER_ENTRY, ['server', 'shared'])).toBe(false);
    const { argv, children } = processOf(server.process.pid!);
    expect(argv.slice(1)).toEqual(['scripts/start.mjs']);
    expect(argv.join(' ')).not.toMatch(/tsx/);
    expect(children).toEqual([]);
    const health = await fetch(`${server.httpUrl}/healthz`);
    expect(await health.json()).toEqual({ status: 'ok' });
    const ready = await fetch(`${server.httpUrl}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready', checks: { storage: 'ok' } });
  }, 120_000);

  it('on SIGTERM stores every board, closes sockets with 1001 so clients go elsewhere, and exits 0', async () => {
    const dataDir = tempDataDir();
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
    let server = await startProduction(dataDir);
    const board = (await (await fetch(`${server.httpUrl}/api/boards`, { method: 'POST' })).json()) as CreatedBoard;
    const writer = provider(server, board.id, board.keys.edit);
    await synced(writer);
    const closeCodes: number[] = [];
    writer.on('connection-close', (event) => {
      if (event) closeCodes.push(event.code);
    });
    const model = new BoardModel(writer.doc);
    const id = model.addNote({ zone: 'need', author: 'W', text: 'Rides to the clinic' });
    // Edits made right before the signal, still in the server's inbox or batch, must be stored too.
    for (let i = 0; i < 20; i++) model.setNoteText(id, `Rides to the clinic ${i}`);

    const exited = new Promise<number | null>((resolve) => server.process.once('exit', (code) => resolve(code)));
    await waitFor(() => expect(writer.wsconnected).toBe(true));
    await new Promise((resolve) => setTimeout(resolve, 50));
    server.process.kill('SIGTERM');
    expect(await exited).toBe(0);
    await waitFor(() => expect(closeCodes[0]).toBe(1001));
    writer.disconnect();

    server = await startProduction(dataDir);
    const reader = provider(server, board.id, board.keys.view);
    await synced(reader);
    expect(new BoardModel(reader.doc).getNote(id)?.text).toBe('Rides to the clinic 19');
  }, 120_000);
});
