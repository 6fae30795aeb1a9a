// What `npm start`, `npm run build` and the test setup build, and when a build is stale.
// Plain JavaScript on purpose: `npm start` runs it with node alone, before anything is compiled.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));
/** The production build: what `npm start` serves. */
export const CLIENT_DIST = join(REPO_ROOT, 'dist/client');
/**
 * The test build: the same client built in Vite's `test` mode, which also exposes `window.__discern`
 * (client/debugHandle.ts) for the end-to-end tests and the benchmark. Never built or served by `npm start`.
 */
export const CLIENT_TEST_DIST = join(REPO_ROOT, 'dist/client-test');
export const SERVER_DIST = join(REPO_ROOT, 'dist/server');
export const SERVER_ENTRY = join(SERVER_DIST, 'main.js');

/** The client build's own plugins (vite.config.ts): a change to them changes the build too. */
const CLIENT_SOURCES = ['client', 'shared', 'vite.config.ts', 'scripts/boardPagePlugin.ts', 'scripts/precompressPlugin.ts'];
const SERVER_SOURCES = ['server', 'shared', 'vite.server.config.ts', 'package.json'];

/** @param {string} path @returns {number} */
function newestMtime(path) {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path).reduce((max, name) => Math.max(max, newestMtime(join(path, name))), stat.mtimeMs);
}

/** True unless `output` exists and is newer than every one of `sources` (paths from the repository root). */
/** @param {string} output @param {readonly string[]} sources @returns {boolean} */
export function isStale(output, sources) {
  if (!existsSync(output)) return true;
  const inputs = sources.map((name) => join(REPO_ROOT, name)).filter(existsSync);
  return statSync(output).mtimeMs < Math.max(...inputs.map(newestMtime));
}

/** @param {string[]} args */
function vite(args) {
  execFileSync(process.execPath, [join(REPO_ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn', ...args], {
    cwd: REPO_ROOT,
    stdio: 'inherit',
    // Vitest sets NODE_ENV=test, which would make a development build (no service worker, no minifying).
    env: { ...process.env, NODE_ENV: 'production' },
  });
}

/**
 * Builds the client with Vite unless the build is newer than every source it comes from.
 * `{ test: true }` builds the test build (dist/client-test, with the test handle) instead of the production one.
 * Returns the folder the build is in, for the server's `clientDir`.
 * @param {{ test?: boolean }} [options] @returns {string}
 */
export function ensureClientBuilt(options = {}) {
  const outDir = options.test ? CLIENT_TEST_DIST : CLIENT_DIST;
  if (!isStale(join(outDir, 'index.html'), CLIENT_SOURCES)) return outDir;
  console.log(options.test ? 'Building the client (test build)…' : 'Building the client…');
  // `--mode test` only changes import.meta.env.MODE (and the output folder, see vite.config.ts):
  // the build is otherwise the production one, minified, with its service worker.
  vite(options.test ? ['--mode', 'test'] : []);
  return outDir;
}

/** Compiles the server to plain JavaScript (dist/server) unless that is newer than its sources. */
export function ensureServerBuilt() {
  if (!isStale(SERVER_ENTRY, SERVER_SOURCES)) return;
  console.log('Building the server…');
  vite(['--config', 'vite.server.config.ts']);
}
