import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { BoardModel } from '../../shared/board';
import { rmSync } from 'node:fs';
import { synced, tempDataDir, type CreatedBoard } from '../helpers/server';
import { stockProvider } from '../helpers/stockClient';
import { waitFor } from '../helpers/waitFor';
import { freePort } from '../helpers/freePort';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

const dataDir = tempDataDir();
let dev: ChildProcess | null = null;
afterAll(async () => {
  if (dev && dev.exitCode === null) {
    const exited = new Promise((resolve) => dev!.once('exit', resolve));
    dev.kill('SIGINT');
    await exited;
  }
  rmSync(dataDir, { recursive: true, force: true });
});

describe('npm run dev', () => {
  it('serves the page from Vite with hot reload and proxies the API and sync to the watched server', async () => {
    const [apiPort, pagePort] = [await freePort(), await freePort()];
    dev = spawn(process.execPath, ['scripts/dev.mjs', '--port', String(pagePort), '--strictPort', '--host', '127.0.0.1'], {
      cwd: repoRoot,
      env: { ...process.env, PORT: String(apiPort), HOST: '127.0.0.1', LOG_LEVEL: 'warn', DATA_DIR: dataDir, NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    // Without colour codes, which Vite writes around the port when it thinks a terminal (or CI) reads it.
    const plain = (chunk: Buffer): string => chunk.toString().replace(/\u001b\[[0-9;]*m/g, '');
    dev.stdout?.on('data', (chunk: Buffer) => (output += plain(chunk)));
    dev.stderr?.on('data', (chunk: Buffer) => (output += plain(chunk)));
    await waitFor(() => {
      expect(output).toContain('Discern is running at');
      expect(output).toContain(`:${pagePort}/`);
    }, { timeout: 60_000 });

    const page = `http://127.0.0.1:${pagePort}`;
    const html = await (await fetch(`${page}/b/AAAAAAAAAAAAAAAAAAAAA`)).text();
    expect(html).toContain('/@vite/client');
    expect(html).toContain('/@react-refresh');

    const created = await fetch(`${page}/api/boards`, { method: 'POST' });
    expect(created.status).toBe(201);
    const board = (await created.json()) as CreatedBoard;
    const writer = stockProvider(`ws://127.0.0.1:${pagePort}`, board.id, board.keys.edit);
    const reader = stockProvider(`ws://127.0.0.1:${pagePort}`, board.id, board.keys.view);
    try {
      await Promise.all([synced(writer), synced(reader)]);
      const id = new BoardModel(writer.doc).addNote({ zone: 'who', author: 'D', text: 'Through the dev proxy' });
      await waitFor(() => expect(new BoardModel(reader.doc).getNote(id)?.text).toBe('Through the dev proxy'));
    } finally {
      writer.destroy();
      reader.destroy();
    }
  }, 90_000);
});
