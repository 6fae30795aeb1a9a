import { join } from 'node:path';
import type { FastifyServerOptions } from 'fastify';

/** Everything buildServer needs; main.ts fills it from the environment, tests from their fixtures. */
export interface ServerConfig {
  /** Folder holding the SQLite file `discern.sqlite`. Env: DATA_DIR, default ./data. */
  dataDir: string;
  /** Built client to serve (index.html and assets); null serves the API and sync only. */
  clientDir: string | null;
  /** Merge a board's stored updates into one row after this many. */
  compactEvery: number;
  /** Largest websocket message accepted, in bytes. */
  maxMessageBytes: number;
  /** How often sockets are pinged; one that has not answered the previous ping is dropped. */
  heartbeatMs: number;
  /** How long a shared screen's join code stays valid. */
  joinCodeTtlMs: number;
  /** Join-code look-ups allowed per client address per minute. */
  joinLookupsPerMinute: number;
  logger: FastifyServerOptions['logger'];
}

export const DEFAULT_CONFIG: ServerConfig = {
  dataDir: './data',
  clientDir: null,
  compactEvery: 500,
  maxMessageBytes: 16 * 1024 * 1024,
  heartbeatMs: 30_000,
  joinCodeTtlMs: 24 * 60 * 60 * 1000,
  joinLookupsPerMinute: 30,
  logger: false,
};

export function databaseFile(config: Pick<ServerConfig, 'dataDir'>): string {
  return join(config.dataDir, 'discern.sqlite');
}
