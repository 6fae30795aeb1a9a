import { execFile, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';

const run = promisify(execFile);

/** Debian's Postgres (/usr/lib/postgresql/<newest version>/bin); DISCERN_PG_BIN points elsewhere. */
function postgresBin(): string {
  if (process.env.DISCERN_PG_BIN) return process.env.DISCERN_PG_BIN;
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root) ? readdirSync(root).filter((name) => /^\d+$/.test(name)).map(Number).sort((a, b) => b - a) : [];
  const found = versions.find((version) => existsSync(join(root, String(version), 'bin', 'initdb')));
  return join(root, String(found ?? 15), 'bin');
}
const PG_BIN = postgresBin();

/** A throwaway Postgres cluster on a loopback port, in a temp folder, stopped and deleted by `destroy`. */
export interface TestPostgres {
  readonly port: number;
  readonly dir: string;
  /** A fresh, empty database; resolves to its postgres:// URL. */
  createDatabase(): Promise<string>;
  /** Stops the server (fast shutdown: connections are cut), keeping its files. */
  stop(): Promise<void>;
  /** Starts it again on the same port. */
  start(): Promise<void>;
  /** Stops it and deletes its folder. */
  destroy(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Postgres refuses to run as root: as root, its tools run as the `postgres` OS user. */
function asPostgres(tool: string, args: string[]): [string, string[]] {
  const path = join(PG_BIN, tool);
  return process.getuid?.() === 0 ? ['runuser', ['-u', 'postgres', '--', path, ...args]] : [path, args];
}

async function postgresTool(tool: string, args: string[]): Promise<void> {
  const [command, argv] = asPostgres(tool, args);
  try {
    await run(command, argv, { timeout: 60_000 });
  } catch (error) {
    const output = error as { stdout?: string; stderr?: string };
    throw new Error(`${tool} failed: ${error instanceof Error ? error.message : String(error)}\n${output.stdout ?? ''}${output.stderr ?? ''}`);
  }
}

/**
 * Starts a real Postgres for a test. Fails (never skips) when the binaries are missing, with what to
 * install: CI installs them (.ci/run).
 */
export async function startPostgres(): Promise<TestPostgres> {
  if (!existsSync(join(PG_BIN, 'initdb')) || !existsSync(join(PG_BIN, 'pg_ctl'))) {
    throw new Error(
      `Postgres binaries not found in ${PG_BIN}: install Debian's postgresql package (apt-get install postgresql; .ci/run does) or set DISCERN_PG_BIN`,
    );
  }
  const dir = mkdtempSync(join(tmpdir(), 'discern-pg-'));
  if (process.getuid?.() === 0) execFileSync('chown', ['postgres:postgres', dir]);
  const data = join(dir, 'data');
  const port = await freePort();
  await postgresTool('initdb', ['-D', data, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--locale=C', '--no-sync']);
  const options = [
    `-p ${port}`,
    `-k ${dir}`,
    '-c listen_addresses=127.0.0.1',
    // A test database need not survive a power cut; this keeps commits cheap on a shared machine.
    '-c fsync=off',
    '-c synchronous_commit=off',
    '-c full_page_writes=off',
    '-c max_connections=200',
  ].join(' ');
  const start = (): Promise<void> => postgresTool('pg_ctl', ['-D', data, '-o', options, '-l', join(dir, 'log'), '-w', '-t', '60', 'start']);
  const stop = (): Promise<void> => postgresTool('pg_ctl', ['-D', data, '-m', 'fast', '-w', '-t', '60', 'stop']);
  await start();
  let running = true;
  let databases = 0;
  // Test workers can end without running exit handlers (the pool kills them), and a Postgres started
  // by pg_ctl outlives its parent: a small watchdog stops it and deletes its folder once this process
  // is gone. The paths are mkdtemp's, letters and digits only, so they need no quoting.
  const [stopCommand, stopArgs] = asPostgres('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
  const watchdog = spawn(
    'sh',
    ['-c', `while kill -0 ${process.pid} 2>/dev/null; do sleep 1; done; ${[stopCommand, ...stopArgs].join(' ')} >/dev/null 2>&1; rm -rf ${dir}`],
    { detached: true, stdio: 'ignore' },
  );
  watchdog.unref();
  return {
    port,
    dir,
    async createDatabase() {
      const name = `discern_test_${process.pid}_${++databases}`;
      const admin = new pg.Client({ host: '127.0.0.1', port, user: 'postgres', database: 'postgres' });
      await admin.connect();
      try {
        await admin.query(`CREATE DATABASE ${name}`);
      } finally {
        await admin.end();
      }
      return `postgres://postgres@127.0.0.1:${port}/${name}`;
    },
    async stop() {
      await stop();
      running = false;
    },
    async start() {
      await start();
      running = true;
    },
    async destroy() {
      watchdog.kill();
      if (running) await stop().catch(() => undefined);
      running = false;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

let shared: Promise<TestPostgres> | null = null;

/**
 * One Postgres per test worker, started on first use and stopped when the worker exits: for suites
 * that run on Postgres through DISCERN_TEST_STORAGE=postgres (test/helpers/server.ts).
 */
export function sharedPostgres(): Promise<TestPostgres> {
  shared ??= startPostgres();
  return shared;
}
