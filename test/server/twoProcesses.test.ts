import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import { WebSocket } from 'ws';
import type { WebsocketProvider } from 'y-websocket';
import { BoardModel } from '../../shared/board';
import { Root } from '../../shared/board/meta';
import { CloseCode } from '../../shared/protocol/closeCodes';
import { startPostgres, type TestPostgres } from '../helpers/postgres';
import { startRedis, type RunningRedis } from '../helpers/redis';
import { closeOf, startServer, synced, type TestServer } from '../helpers/server';
import { onRefusal, stockProvider, type Refusal } from '../helpers/stockClient';
import { rootsJson } from '../helpers/docState';
import { waitFor } from '../helpers/waitFor';
import { awarenessMessage } from '../helpers/arena';

/**
 * Two Discern servers on one Postgres database and one Redis, as two processes behind a load
 * balancer would be (here two Fastify instances in one test process: each has its own rooms, its
 * own Redis connections and its own feed identity, so nothing is shared but Postgres and Redis).
 */
let postgres: TestPostgres;
let redis: RunningRedis;
beforeAll(async () => {
  [postgres, redis] = await Promise.all([startPostgres(), startRedis()]);
}, 60_000);
afterAll(async () => {
  await Promise.all([postgres?.destroy(), redis?.stop()]);
});

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function twoServers(): Promise<[TestServer, TestServer]> {
  const databaseUrl = await postgres.createDatabase();
  const servers = await Promise.all([0, 1].map(() => startServer({ databaseUrl, redisUrl: redis.url })));
  for (const server of servers) cleanups.push(() => server.close());
  return servers as [TestServer, TestServer];
}

function client(server: TestServer, boardId: string, key: string, params: Record<string, string> = {}): WebsocketProvider {
  const provider = stockProvider(server.wsUrl, boardId, key, new Y.Doc(), { params });
  cleanups.push(() => provider.destroy());
  return provider;
}

describe('two processes on Postgres and Redis behave as one server', () => {
  it('clients on either converge, and see each other’s presence stamped with their real role', async () => {
    const [a, b] = await twoServers();
    const board = await a.createBoard('Two processes');
    const onA = client(a, board.id, board.keys.edit);
    const onB = client(b, board.id, board.keys.edit);
    const viewerOnB = client(b, board.id, board.keys.view);
    await Promise.all([synced(onA), synced(onB), synced(viewerOnB)]);

    const fromA = new BoardModel(onA.doc).addNote({ zone: 'who', author: 'Ana', text: 'Cooks' });
    const fromB = new BoardModel(onB.doc).addNote({ zone: 'need', author: 'Ben', text: 'Meals for shut-ins' });
    for (const provider of [onA, onB, viewerOnB]) {
      const model = new BoardModel(provider.doc);
      await waitFor(() => {
        expect(model.getNote(fromA)?.text).toBe('Cooks');
        expect(model.getNote(fromB)?.text).toBe('Meals for shut-ins');
      });
    }

    // Presence crosses too, with the role the server gives the key, not the one the client claims.
    onA.awareness.setLocalStateField('user', { name: 'Ana', color: '#1565c0', role: 'lead' });
    await waitFor(() => {
      const seen = viewerOnB.awareness.getStates().get(onA.awareness.clientID) as { user?: { name?: string; role?: string } } | undefined;
      expect(seen?.user).toMatchObject({ name: 'Ana', role: 'edit' });
    });
    onA.disconnect();
    await waitFor(() => expect(viewerOnB.awareness.getStates().has(onA.awareness.clientID)).toBe(false), { timeout: 10_000 });
  });

  it('presence cannot be forged on one process for a client id that lives on the other', async () => {
    const [a, b] = await twoServers();
    const board = await a.createBoard('Forged presence');
    const onA = client(a, board.id, board.keys.edit);
    const viewerOnB = client(b, board.id, board.keys.view);
    await Promise.all([synced(onA), synced(viewerOnB)]);
    onA.awareness.setLocalStateField('user', { name: 'Ana', color: '#1565c0' });
    const anaOnB = () => viewerOnB.awareness.getStates().get(onA.awareness.clientID) as { user?: { name?: string } } | undefined;
    await waitFor(() => expect(anaOnB()?.user?.name).toBe('Ana'));

    // A raw socket on B claims Ana's id with a far newer clock: B must drop it, so nobody sees it.
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, 1);
    encoding.writeVarUint(encoder, onA.awareness.clientID);
    encoding.writeVarUint(encoder, 1_000_000);
    encoding.writeVarString(encoder, JSON.stringify({ user: { name: 'Mallory', color: '#000000' } }));
    const forger = new WebSocket(`${b.wsUrl}/sync/${board.id}?key=${board.keys.edit}`);
    cleanups.push(() => forger.terminate());
    await new Promise<void>((resolve, reject) => {
      forger.once('open', () => resolve());
      forger.once('error', reject);
    });
    forger.send(awarenessMessage(encoding.toUint8Array(encoder)));

    // Ana moves afterwards; her real state keeps arriving on B, and the forger's never does.
    onA.awareness.setLocalStateField('cursor', { x: 10, y: 20 });
    await waitFor(() => expect((anaOnB() as { cursor?: unknown } | undefined)?.cursor).toEqual({ x: 10, y: 20 }));
    expect(anaOnB()?.user?.name).toBe('Ana');
    const seenOnA = onA.awareness.getStates().get(onA.awareness.clientID) as { user?: { name?: string } } | undefined;
    expect(seenOnA?.user?.name).toBe('Ana');
    expect(forger.readyState).toBe(WebSocket.OPEN);
  });

  it('role and format rules hold where an update enters; the other process never sees a refused change', async () => {
    const [a, b] = await twoServers();
    const board = await a.createBoard('Rules');
    const leadOnA = client(a, board.id, board.keys.lead);
    const editorOnB = client(b, board.id, board.keys.edit);
    const refusals: Refusal[] = [];
    onRefusal(editorOnB, (refusal) => refusals.push(refusal));
    await Promise.all([synced(leadOnA), synced(editorOnB)]);

    // Only the lead may rename the board: the editor's attempt is refused on B and never reaches A.
    editorOnB.doc.getMap(Root.Meta).set('title', 'Taken over');
    await waitFor(() => expect(refusals.map((refusal) => refusal.code)).toContain(CloseCode.ForbiddenChange));
    editorOnB.disconnect();
    new BoardModel(leadOnA.doc).setTitle('Renamed by the lead');
    const fresh = client(b, board.id, board.keys.view);
    await synced(fresh);
    await waitFor(() => expect(fresh.doc.getMap(Root.Meta).get('title')).toBe('Renamed by the lead'));
    const summary = await fetch(`${b.httpUrl}/api/boards/${board.id}`, { headers: { authorization: `Bearer ${board.keys.view}` } });
    expect(await summary.json()).toMatchObject({ title: 'Renamed by the lead' });

    // Bytes that are not a message close only their own socket, on their own process.
    const closed = await closeOf(`${b.wsUrl}/sync/${board.id}?key=${board.keys.edit}`, [new Uint8Array([0, 2, 200, 200, 200])]);
    expect(closed.code).toBe(CloseCode.MalformedMessage);
    const id = new BoardModel(leadOnA.doc).addNote({ zone: 'there', author: 'L', text: 'Still live' });
    await waitFor(() => expect(new BoardModel(fresh.doc).getNote(id)?.text).toBe('Still live'));
  });

  it('keep converging while Redis restarts mid-session, catching up from Postgres', async () => {
    const [a, b] = await twoServers();
    const board = await a.createBoard('Redis restart');
    const onA = client(a, board.id, board.keys.edit);
    const onB = client(b, board.id, board.keys.edit);
    await Promise.all([synced(onA), synced(onB)]);
    const modelA = new BoardModel(onA.doc);
    const modelB = new BoardModel(onB.doc);
    const writing = (async () => {
      for (let i = 0; i < 40; i++) {
        modelA.addNote({ zone: 'who', author: 'A', text: `a${i}` });
        modelB.addNote({ zone: 'need', author: 'B', text: `b${i}` });
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
    })();
    await new Promise((resolve) => setTimeout(resolve, 200));
    await redis.restart();
    await writing;
    await waitFor(() => {
      expect(modelA.getSnapshot().notes.length).toBe(80);
      expect(rootsJson(onB.doc)).toBe(rootsJson(onA.doc));
    }, { timeout: 20_000 });
  }, 40_000);
});
