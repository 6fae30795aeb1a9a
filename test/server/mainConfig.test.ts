import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { killHard, startChildServer, type ChildServer } from '../helpers/childServer';
import { tempDataDir } from '../helpers/server';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const dataDir = tempDataDir();
let server: ChildServer | null = null;
afterAll(async () => {
  if (server) await killHard(server.process);
  rmSync(dataDir, { recursive: true, force: true });
});

/** Runs server/main.ts with this environment until it exits; what it printed and its exit code. */
function runMain(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
      cwd: repoRoot,
      env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, DISCERN_NO_CLIENT: '1', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    // A server that starts despite a bad value would never exit on its own.
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

describe('server/main.ts reads its configuration from the environment', () => {
  it.each([
    [{ MAX_MESSAGE_BYTES: 'lots' }, /MAX_MESSAGE_BYTES must be a positive integer, got lots/],
    [{ BOARDS_PER_IP_PER_HOUR: '0' }, /BOARDS_PER_IP_PER_HOUR must be a positive integer/],
    [{ SQLITE_SYNCHRONOUS: 'OFF' }, /SQLITE_SYNCHRONOUS must be NORMAL or FULL, got OFF/],
    [{ ALLOWED_ORIGINS: 'board.example.org' }, /ALLOWED_ORIGINS: "board.example.org" is not an http\(s\) origin/],
    [{ LOG_LEVEL: 'chatty' }, /LOG_LEVEL must be one of/],
    [{ PORT: 'eighty' }, /PORT must be a port number, got eighty/],
  ])('%o stops it with exit code 1 and a clear message', async (env, message) => {
    const { code, output } = await runMain(env);
    expect(code).toBe(1);
    expect(output).toMatch(message);
    expect(output).toMatch(/^Discern cannot start: /m);
    // One line, not a stack trace.
    expect(output).not.toMatch(/\n\s+at /);
  }, 40_000);

  it('applies CREATE_TOKEN and BOARDS_PER_IP_PER_HOUR', async () => {
    server = await startChildServer(dataDir, { CREATE_TOKEN: 'from-the-environment', BOARDS_PER_IP_PER_HOUR: '2' });
    const create = (token?: string): Promise<number> =>
      fetch(`${server!.httpUrl}/api/boards`, { method: 'POST', headers: token ? { authorization: `Bearer ${token}` } : {} }).then((r) => r.status);
    expect([await create(), await create('from-the-environment'), await create('from-the-environment')]).toEqual([401, 201, 429]);
  }, 60_000);
});
