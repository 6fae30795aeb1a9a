import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildServer, type ServerOverrides } from '../server/app';
import type { Limits } from '../server/config';
import { SqliteStorage } from '../server/storage/sqliteStorage';
import type { SyncTarget, TargetBoard } from './target';

export interface BenchBoard {
  id: string;
  keys: { lead: string; edit: string; view: string };
}

/**
 * The limits the bench raises, and only these. Its synthetic writers send far more messages a
 * second than a person can (20 writers as fast as a 32-edit window allows; one writer every 5 ms),
 * and it creates hundreds of boards from one address. Every check still runs on every message: a
 * raised ceiling is not a switched-off limit, so the validation and rate-limit work is measured.
 */
export const BENCH_LIMITS: Partial<Limits> = {
  messagesPerSecond: 1_000_000,
  bytesPerSecond: 1024 * 1024 * 1024,
  boardsPerIpPerHour: 1_000_000,
};

/** One line for the printed output and bench/README.md: what differs from a production server. */
export const BENCH_LIMITS_NOTE =
  'limits raised for synthetic load: MAX_MESSAGES_PER_SECOND=1000000, MAX_BYTES_PER_SECOND=1 GiB, BOARDS_PER_IP_PER_HOUR=1000000 (every check still runs on every message)';

/** The real app on 127.0.0.1, port 0, with a throwaway data folder. */
export interface BenchServer extends SyncTarget {
  app: FastifyInstance;
  dataDir: string;
  createBoard(title?: string): Promise<BenchBoard>;
  /** The SQLite storage, for reading what was committed. */
  sqlite(): SqliteStorage;
}

/** `overrides`: another storage or Redis (the scale-out scenario); the raised limits stay. */
export async function startBenchServer(overrides: ServerOverrides = {}): Promise<BenchServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'discern-bench-'));
  const app = await buildServer({ dataDir, logger: false, clientDir: null, ...overrides, limits: BENCH_LIMITS });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('server has no port');
  const syncUrl = `ws://127.0.0.1:${address.port}/sync`;
  const createBoard = async (title = 'Bench board'): Promise<BenchBoard> => {
    const response = await app.inject({ method: 'POST', url: '/api/boards', payload: { title } });
    if (response.statusCode !== 201) throw new Error(`create board: ${response.statusCode} ${response.body}`);
    return response.json<BenchBoard>();
  };
  return {
    name: 'Discern',
    app,
    syncUrl,
    dataDir,
    createBoard,
    async newBoard(title: string): Promise<TargetBoard> {
      const board = await createBoard(title);
      return {
        id: board.id,
        editKey: board.keys.edit,
        editUrl: boardUrl(syncUrl, board, board.keys.edit),
        viewUrl: boardUrl(syncUrl, board, board.keys.view),
      };
    },
    openRooms: () => app.rooms.size,
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
