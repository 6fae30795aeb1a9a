import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './freePort';
import { waitFor } from './waitFor';

const REDIS_SERVER = '/usr/bin/redis-server';

export interface RunningRedis {
  readonly url: string;
  readonly port: number;
  /** Stops it (SIGKILL: nothing is saved, like a crash) and starts it again, empty, on the same port. */
  restart(): Promise<void>;
  /** SIGKILL, leaving it down until `start`. */
  kill(): Promise<void>;
  start(): Promise<void>;
  /** Kills it and deletes its folder. */
  stop(): Promise<void>;
}

/** Debian's redis-server on a free loopback port, in a temp folder, persisting nothing. */
export async function startRedis(): Promise<RunningRedis> {
  if (!existsSync(REDIS_SERVER)) throw new Error(`redis-server is not installed at ${REDIS_SERVER}: run "apt-get install -y redis-server" (.ci/run does)`);
  const dir = mkdtempSync(join(tmpdir(), 'discern-redis-'));
  const port = await freePort();
  let child: ChildProcess | null = null;
  let log = '';

  async function launch(): Promise<void> {
    const started = spawn(REDIS_SERVER, ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--appendonly', 'no'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child = started;
    started.stdout?.on('data', (chunk: Buffer) => (log += chunk.toString()));
    started.stderr?.on('data', (chunk: Buffer) => (log += chunk.toString()));
    await waitFor(() => {
      if (started.exitCode !== null) throw new Error(`redis-server exited:\n${log}`);
      if (!log.includes('Ready to accept connections')) throw new Error('not ready yet');
    }, { timeout: 10_000, interval: 25 });
  }

  async function kill(): Promise<void> {
    const running = child;
    if (!running || running.exitCode !== null || running.signalCode !== null) return;
    const exited = new Promise((resolve) => running.once('exit', resolve));
    running.kill('SIGKILL');
    await exited;
  }

  await launch();
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    async restart() {
      await kill();
      log = '';
      await launch();
    },
    kill,
    async start() {
      log = '';
      await launch();
    },
    async stop() {
      await kill();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
