import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildServer } from '../server/app';
import { SqliteStorage } from '../server/storage/sqliteStorage';

export interface BenchBoard {
  id: string;
  keys: { lead: string; edit: string; view: string };
}

/** The real app on 127.0.0.1, port 0, with a throwaway data folder. */
export interface BenchServer {
  app: FastifyInstance;
  /** Base of the sync endpoint, e.g. ws://127.0.0.1:PORT/sync */
  syncUrl: string;
  dataDir: string;
  createBoard(title?: string): Promise<BenchBoard>;
  /** The SQLite storage, for reading what was committed. */
  sqlite(): SqliteStorage;
  close(): Promise<void>;
}

export async function startBenchServer(): Promise<BenchServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'discern-bench-'));
  const app = await buildServer({ dataDir, logger: false, clientDir: null });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('server has no port');
  return {
    app,
    syncUrl: `ws://127.0.0.1:${address.port}/sync`,
    dataDir,
    async createBoard(title = 'Bench board') {
      const response = await app.inject({ method: 'POST', url: '/api/boards', payload: { title } });
      if (response.statusCode !== 201) throw new Error(`create board: ${response.statusCode}`);
      return response.json<BenchBoard>();
    },
    sqlite() {
      if (!(app.storage instanceof SqliteStorage)) throw new Error('storage is not SQLite');
      return app.storage;
    },
    async close() {
      try {
        await app.close();
      } finally {
        rmSync(dataDir, { recursive: true, force: true });
      }
    },
  };
}

/** A sync URL a raw client or provider can open directly (raw clients append the board id themselves). */
export function boardUrl(syncUrl: string, board: BenchBoard, key = board.keys.edit): string {
  return `${syncUrl}/${board.id}?key=${encodeURIComponent(key)}`;
}
