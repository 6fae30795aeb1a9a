import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { buildServer, type ServerOverrides } from '../../server/app';

export interface CreatedBoard {
  id: string;
  title: string;
  keys: { lead: string; edit: string; view: string };
  links: { lead: string; edit: string; view: string };
}

export function tempDataDir(): string {
  return mkdtempSync(join(tmpdir(), 'discern-test-'));
}

export interface TestServer {
  app: FastifyInstance;
  httpUrl: string;
  wsUrl: string;
  dataDir: string;
  createBoard(title?: string): Promise<CreatedBoard>;
  /**
   * A stock y-websocket client, as any outside Yjs app would connect. `params` go on the sync URL
   * next to the key (for example `{ voter: secret }`, see shared/protocol/voter.ts).
   */
  connect(boardId: string, key: string, doc?: Y.Doc, params?: Record<string, string>): WebsocketProvider;
  close(): Promise<void>;
}

/**
 * The storage backend server suites run on: SQLite by default, or a fresh database in a real
 * Postgres (one per test worker) with DISCERN_TEST_STORAGE=postgres.
 */
async function testDatabaseUrl(config: ServerOverrides): Promise<string | null> {
  if (config.databaseUrl !== undefined) return config.databaseUrl;
  if (process.env.DISCERN_TEST_STORAGE !== 'postgres') return null;
  // Imported only here, so that nothing else (the bench) loads the Postgres helper.
  const { sharedPostgres } = await import('./postgres');
  return (await sharedPostgres()).createDatabase();
}

/** A real server on port 0 with its own data folder; close() stops it and every client it handed out. */
export async function startServer(config: ServerOverrides = {}, options: { keepData?: boolean } = {}): Promise<TestServer> {
  const dataDir = config.dataDir ?? tempDataDir();
  const app = await buildServer({ ...config, dataDir, databaseUrl: await testDatabaseUrl(config) });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('server has no port');
  const httpUrl = `http://127.0.0.1:${address.port}`;
  const wsUrl = `ws://127.0.0.1:${address.port}`;
  const providers: WebsocketProvider[] = [];
  return {
    app,
    httpUrl,
    wsUrl,
    dataDir,
    async createBoard(title = 'Test board') {
      const response = await fetch(`${httpUrl}/api/boards`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ title }),
      });
      if (response.status !== 201) throw new Error(`create board: ${response.status}`);
      return (await response.json()) as CreatedBoard;
    },
    connect(boardId, key, doc = new Y.Doc(), params = {}) {
      const provider = new WebsocketProvider(`${wsUrl}/sync`, boardId, doc, {
        params: { ...params, key },
        // ws stands in for the browser's WebSocket; the types differ only in DOM-only members.
        WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
        disableBc: true,
      });
      providers.push(provider);
      return provider;
    },
    async close() {
      for (const provider of providers) provider.destroy();
      await app.close();
      if (!options.keepData && !config.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Resolves when the provider has completed its first sync with the server. */
export function synced(provider: WebsocketProvider): Promise<void> {
  if (provider.synced) return Promise.resolve();
  return new Promise((resolve) => {
    const onSync = (state: boolean): void => {
      if (state) {
        provider.off('sync', onSync);
        resolve();
      }
    };
    provider.on('sync', onSync);
  });
}

/** Opens a raw websocket and resolves with the code and reason it is closed with. */
export function closeOf(url: string, send?: Uint8Array[]): Promise<{ code: number; reason: string }> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url);
    socket.on('open', () => send?.forEach((message) => socket.send(message)));
    socket.on('close', (code, reason) => resolve({ code, reason: reason.toString() }));
    socket.on('error', reject);
  });
}
