// `npm run dev`: Vite's dev server with hot reload (the page), and the API and sync server restarted
// on every change to server/ or shared/ (tsx watch). Vite proxies /api and /sync to the server
// (vite.config.ts), so open the address Vite prints. Ctrl+C stops both. Arguments go to Vite
// (`npm run dev -- --port 3000 --host`).
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { REPO_ROOT } from './builds.mjs';

const API_PORT = process.env.PORT ?? '8080';
const bin = (name) => join(REPO_ROOT, 'node_modules', '.bin', name);

const children = [
  spawn(bin('tsx'), ['watch', '--clear-screen=false', 'server/main.ts'], {
    cwd: REPO_ROOT,
    stdio: 'inherit',
    // The page comes from Vite, so the server serves only the API and sync.
    env: { ...process.env, PORT: API_PORT, DISCERN_NO_CLIENT: '1' },
  }),
  spawn(bin('vite'), process.argv.slice(2), { cwd: REPO_ROOT, stdio: 'inherit', env: { ...process.env, PORT: API_PORT } }),
];

let stopping = false;
function stopAll(code) {
  if (stopping) return;
  stopping = true;
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
  process.exitCode = code;
}
for (const child of children) child.on('exit', (code) => stopAll(code ?? 0));
process.on('SIGINT', () => stopAll(0));
process.on('SIGTERM', () => stopAll(0));
