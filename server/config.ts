import { join } from 'node:path';
import type { FastifyServerOptions } from 'fastify';

/**
 * Limits that keep one socket, address or board from harming the rest. Every one is documented in
 * docs/security.md and the README, and set from the environment by `limitsFromEnv`.
 */
export interface Limits {
  /** Largest websocket message after the first sync, in bytes. Env MAX_MESSAGE_BYTES. */
  maxMessageBytes: number;
  /** Larger allowance for the messages of a socket's first sync (an offline client's backlog). Env MAX_FIRST_SYNC_BYTES. */
  maxFirstSyncBytes: number;
  /** Stored size of one board (its update log) in bytes. Env MAX_BOARD_BYTES. */
  maxBoardBytes: number;
  /** Notes per board. Env MAX_NOTES_PER_BOARD. */
  maxNotesPerBoard: number;
  /** Links per board. Env MAX_LINKS_PER_BOARD. */
  maxLinksPerBoard: number;
  /** Messages per second per socket (sustained; twice that as a burst). Env MAX_MESSAGES_PER_SECOND. */
  messagesPerSecond: number;
  /**
   * Bytes per second per socket (sustained; a first sync's allowance as a burst). Decoding costs in
   * proportion to bytes, so this bounds the work one socket can ask for. Env MAX_BYTES_PER_SECOND.
   */
  bytesPerSecond: number;
  /** Size of one client's presence (awareness) state in bytes. Env MAX_AWARENESS_BYTES. */
  maxAwarenessBytes: number;
  /** Open sockets per board. Env MAX_CONNECTIONS_PER_BOARD. */
  maxConnectionsPerBoard: number;
  /** Open sockets per client address. Env MAX_CONNECTIONS_PER_IP. */
  maxConnectionsPerIp: number;
  /** Bytes queued for a socket that is not reading before it is closed. Env MAX_BUFFERED_BYTES. */
  maxBufferedBytes: number;
  /** Boards created per client address per hour. Env BOARDS_PER_IP_PER_HOUR. */
  boardsPerIpPerHour: number;
  /** Records (snapshots) kept per board. Env MAX_RECORDS_PER_BOARD. */
  maxRecordsPerBoard: number;
  /**
   * Record diff and export requests per client address per minute, each route its own budget; the
   * board-state route (boardStatePlugin) has the same allowance. Env RECORD_READS_PER_MINUTE.
   */
  recordReadsPerMinute: number;
}

/** Everything buildServer needs; main.ts fills it from the environment, tests from their fixtures. */
export interface ServerConfig {
  /** Folder holding the SQLite file `discern.sqlite`. Env: DATA_DIR, default ./data. */
  dataDir: string;
  /** Built client to serve (index.html and assets); null serves the API and sync only. */
  clientDir: string | null;
  /** Merge a board's stored updates into one row after this many. */
  compactEvery: number;
  /** How often sockets are pinged; one that has not answered the previous ping is dropped. */
  heartbeatMs: number;
  /** How long a shared screen's join code stays valid. */
  joinCodeTtlMs: number;
  /** Join-code look-ups allowed per client address per minute. */
  joinLookupsPerMinute: number;
  limits: Limits;
  /** When set, `POST /api/boards` requires `Authorization: Bearer <token>`. Env CREATE_TOKEN. */
  createToken: string | null;
  /**
   * Behind a reverse proxy, trust its `X-Forwarded-For` so per-address limits see the real client.
   * Env TRUST_PROXY: `true`, a hop count, or a comma-separated list of proxy addresses.
   */
  trustProxy: boolean | number | string;
  /**
   * Origins allowed to open `/sync` from a browser. Empty: only the server's own origin (the Host the
   * request came to). Clients that send no Origin (non-browser) are allowed. Env ALLOWED_ORIGINS.
   */
  allowedOrigins: readonly string[];
  /** SQLite `synchronous`: NORMAL survives a process crash, FULL a power cut too. Env SQLITE_SYNCHRONOUS. */
  sqliteSynchronous: 'NORMAL' | 'FULL';
  /**
   * `postgres://…`: store boards in Postgres instead of the SQLite file (several processes may share
   * it). Null: SQLite in `dataDir`. Env DATABASE_URL.
   */
  databaseUrl: string | null;
  /** Postgres connections per process. Env DATABASE_POOL_MAX. */
  databasePoolMax: number;
  /** How long a Postgres call waits for a connection before it fails (and the room or request with it). Env DATABASE_CONNECT_TIMEOUT_MS. */
  databaseConnectTimeoutMs: number;
  /**
   * Redis for running several processes as one server: board changes and presence cross between
   * processes, and rate limits are counted across them. Null: one process, nothing shared. Env REDIS_URL.
   */
  redisUrl: string | null;
  logger: FastifyServerOptions['logger'];
}

export const DEFAULT_LIMITS: Limits = {
  maxMessageBytes: 512 * 1024,
  maxFirstSyncBytes: 16 * 1024 * 1024,
  maxBoardBytes: 32 * 1024 * 1024,
  maxNotesPerBoard: 10_000,
  maxLinksPerBoard: 10_000,
  messagesPerSecond: 120,
  bytesPerSecond: 1024 * 1024,
  maxAwarenessBytes: 8 * 1024,
  maxConnectionsPerBoard: 250,
  maxConnectionsPerIp: 500,
  maxBufferedBytes: 8 * 1024 * 1024,
  boardsPerIpPerHour: 60,
  maxRecordsPerBoard: 500,
  recordReadsPerMinute: 120,
};

export const DEFAULT_CONFIG: ServerConfig = {
  dataDir: './data',
  clientDir: null,
  compactEvery: 500,
  heartbeatMs: 30_000,
  joinCodeTtlMs: 24 * 60 * 60 * 1000,
  joinLookupsPerMinute: 30,
  limits: DEFAULT_LIMITS,
  createToken: null,
  trustProxy: false,
  allowedOrigins: [],
  sqliteSynchronous: 'NORMAL',
  databaseUrl: null,
  databasePoolMax: 10,
  databaseConnectTimeoutMs: 5_000,
  redisUrl: null,
  logger: false,
};

export function databaseFile(config: Pick<ServerConfig, 'dataDir'>): string {
  return join(config.dataDir, 'discern.sqlite');
}

/** The environment variable of each limit, as documented. */
export const LIMIT_ENV: Readonly<Record<keyof Limits, string>> = {
  maxMessageBytes: 'MAX_MESSAGE_BYTES',
  maxFirstSyncBytes: 'MAX_FIRST_SYNC_BYTES',
  maxBoardBytes: 'MAX_BOARD_BYTES',
  maxNotesPerBoard: 'MAX_NOTES_PER_BOARD',
  maxLinksPerBoard: 'MAX_LINKS_PER_BOARD',
  messagesPerSecond: 'MAX_MESSAGES_PER_SECOND',
  bytesPerSecond: 'MAX_BYTES_PER_SECOND',
  maxAwarenessBytes: 'MAX_AWARENESS_BYTES',
  maxConnectionsPerBoard: 'MAX_CONNECTIONS_PER_BOARD',
  maxConnectionsPerIp: 'MAX_CONNECTIONS_PER_IP',
  maxBufferedBytes: 'MAX_BUFFERED_BYTES',
  boardsPerIpPerHour: 'BOARDS_PER_IP_PER_HOUR',
  maxRecordsPerBoard: 'MAX_RECORDS_PER_BOARD',
  recordReadsPerMinute: 'RECORD_READS_PER_MINUTE',
};

/** Reads the limits from the environment; a value that is not a positive integer is an error, not a silent default. */
export function limitsFromEnv(env: NodeJS.ProcessEnv): Limits {
  const limits: Limits = { ...DEFAULT_LIMITS };
  for (const [field, name] of Object.entries(LIMIT_ENV) as [keyof Limits, string][]) {
    const raw = env[name];
    if (raw === undefined || raw === '') continue;
    const value = Number(raw);
    if (!Number.isSafeInteger(value) || value <= 0) throw new Error(`${name} must be a positive integer, got ${raw}`);
    limits[field] = value;
  }
  return limits;
}

/** TRUST_PROXY as Fastify's `trustProxy` takes it. */
export function trustProxyFromEnv(raw: string | undefined): ServerConfig['trustProxy'] {
  if (raw === undefined || raw === '' || raw === 'false') return false;
  if (raw === 'true') return true;
  if (/^\d+$/.test(raw)) return Number(raw);
  return raw;
}

/** DATABASE_URL: empty or unset means SQLite; anything else must be a postgres:// URL. */
export function databaseUrlFromEnv(raw: string | undefined): string | null {
  if (raw === undefined || raw.trim() === '') return null;
  if (!/^postgres(ql)?:\/\//.test(raw.trim())) throw new Error('DATABASE_URL must start with postgres:// or postgresql://');
  return raw.trim();
}

function positiveIntegerFromEnv(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value <= 0) throw new Error(`${name} must be a positive integer, got ${raw}`);
  return value;
}

/** REDIS_URL: unset means one process with nothing shared; anything else must be a redis:// URL. */
function redisUrlFromEnv(value: string | undefined): string | null {
  if (!value) return null;
  if (!/^rediss?:\/\/[^\s]+$/.test(value)) throw new Error(`REDIS_URL must be a redis:// or rediss:// URL, got ${value}`);
  return value;
}

/** The server's whole configuration from the environment (main.ts). */
export function configFromEnv(env: NodeJS.ProcessEnv): Omit<ServerConfig, 'clientDir' | 'logger'> {
  const synchronous = (env.SQLITE_SYNCHRONOUS ?? 'NORMAL').toUpperCase();
  if (synchronous !== 'NORMAL' && synchronous !== 'FULL') throw new Error(`SQLITE_SYNCHRONOUS must be NORMAL or FULL, got ${env.SQLITE_SYNCHRONOUS}`);
  return {
    ...DEFAULT_CONFIG,
    dataDir: env.DATA_DIR ?? DEFAULT_CONFIG.dataDir,
    limits: limitsFromEnv(env),
    createToken: env.CREATE_TOKEN ? env.CREATE_TOKEN : null,
    trustProxy: trustProxyFromEnv(env.TRUST_PROXY),
    allowedOrigins: (env.ALLOWED_ORIGINS ?? '').split(',').map((origin) => origin.trim()).filter(Boolean),
    sqliteSynchronous: synchronous,
    databaseUrl: databaseUrlFromEnv(env.DATABASE_URL),
    databasePoolMax: positiveIntegerFromEnv(env, 'DATABASE_POOL_MAX', DEFAULT_CONFIG.databasePoolMax),
    databaseConnectTimeoutMs: positiveIntegerFromEnv(env, 'DATABASE_CONNECT_TIMEOUT_MS', DEFAULT_CONFIG.databaseConnectTimeoutMs),
    redisUrl: redisUrlFromEnv(env.REDIS_URL),
  };
}
