import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { WebsocketProvider } from 'y-websocket';
import { BoardModel } from '../../shared/board';
import { killHard, startChildServer, type ChildServer } from '../helpers/childServer';
import { freePort } from '../helpers/freePort';
import { startNginx, type RunningNginx } from '../helpers/nginx';
import { startPostgres, type TestPostgres } from '../helpers/postgres';
import { startRedis, type RunningRedis } from '../helpers/redis';
import { synced, tempDataDir, type CreatedBoard } from '../helpers/server';
import { stockProvider } from '../helpers/stockClient';
import { waitFor } from '../helpers/waitFor';

/**
 * Two real server processes on one Postgres and one Redis behind nginx (deploy/nginx-discern.conf).
 * One is killed with SIGKILL mid-session: its clients reconnect through nginx to the other, and no
 * edit that anyone saw acknowledged is lost.
 */
let postgres: TestPostgres;
let redis: RunningRedis;
let nginx: RunningNginx;
const servers: ChildServer[] = [];
const dataDir = tempDataDir();
const providers: WebsocketProvider[] = [];
let databaseUrl = '';

beforeAll(async () => {
  [postgres, redis] = await Promise.all([startPostgres(), startRedis()]);
  databaseUrl = await postgres.createDatabase();
  const ports = [await freePort(), await freePort()];
  for (const port of ports) {
    servers.push(await startChildServer(dataDir, { PORT: String(port), DATABASE_URL: databaseUrl, REDIS_URL: redis.url, TRUST_PROXY: '127.0.0.1' }));
  }
  nginx = await startNginx(await freePort(), ports);
}, 90_000);

afterAll(async () => {
  for (const provider of providers) provider.destroy();
  for (const server of servers) await killHard(server.process);
  await Promise.all([nginx?.stop(), postgres?.destroy(), redis?.stop()]);
  rmSync(dataDir, { recursive: true, force: true });
});

function viaNginx(boardId: string, key: string): WebsocketProvider {
  const provider = stockProvider(nginx.url.replace('http:', 'ws:'), boardId, key, new Y.Doc());
  providers.push(provider);
  return provider;
}

describe('kill -9 of one of two processes behind nginx', () => {
  it('moves its clients to the other process and loses no acknowledged edit', async () => {
    const [first, second] = servers as [ChildServer, ChildServer];
    const board = (await (await fetch(`${first.httpUrl}/api/boards`, { method: 'POST' })).json()) as CreatedBoard;
    // Round robin: two writers through nginx land on different processes, so one of them is on the victim.
    const writers = [viaNginx(board.id, board.keys.edit), viaNginx(board.id, board.keys.edit)];
    await Promise.all(writers.map(synced));
    // The witness is on the survivor: what it has seen was committed and fanned out.
    const witness = stockProvider(second.wsUrl, board.id, board.keys.view);
    providers.push(witness);
    await synced(witness);
    const witnessModel = new BoardModel(witness.doc);

    const written: string[][] = [[], []];
    let killed = false;
    const writing = writers.map(async (writer, index) => {
      const model = new BoardModel(writer.doc);
      for (let i = 0; i < 60; i++) {
        written[index]!.push(model.addNote({ zone: index === 0 ? 'who' : 'need', author: `W${index}`, text: `w${index}-${i}` }));
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    });
    await waitFor(() => expect(witnessModel.getSnapshot().notes.length).toBeGreaterThan(20));
    const acknowledgedBeforeKill = witnessModel.getSnapshot().notes.map((note) => note.id);
    await killHard(first.process);
    killed = true;
    await Promise.all(writing);

    // Every note either writer made reaches the survivor: the victim's clients reconnected through nginx.
    await waitFor(() => {
      const ids = new Set(witnessModel.getSnapshot().notes.map((note) => note.id));
      for (const id of written.flat()) expect(ids.has(id)).toBe(true);
    }, { timeout: 20_000 });
    expect(killed).toBe(true);
    // And Postgres has it all: a process started afterwards, with no room in memory, loads it from storage.
    const third = await startChildServer(dataDir, { DATABASE_URL: databaseUrl, REDIS_URL: redis.url });
    servers.push(third);
    const late = stockProvider(third.wsUrl, board.id, board.keys.view);
    providers.push(late);
    await synced(late);
    const stored = new Set(new BoardModel(late.doc).getSnapshot().notes.map((note) => note.id));
    for (const id of acknowledgedBeforeKill) expect(stored.has(id)).toBe(true);
    expect(stored.size).toBe(120);
  }, 90_000);
});
