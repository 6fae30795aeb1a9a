import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));
/** The production build: what `npm start` serves. */
export const CLIENT_DIST = join(repoRoot, 'dist/client');
/**
 * The test build: the same client built in Vite's `test` mode, which also exposes `window.__discern`
 * (client/debugHandle.ts) for the end-to-end tests and the benchmark. Never served by `npm start`.
 */
export const CLIENT_TEST_DIST = join(repoRoot, 'dist/client-test');
/** The build's own plugins (vite.config.ts): a change to them changes the build too. */
const BUILD_PLUGINS = ['scripts/boardPagePlugin.ts', 'scripts/precompressPlugin.ts'];

function newestMtime(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path).reduce((max, name) => Math.max(max, newestMtime(join(path, name))), stat.mtimeMs);
}

export interface ClientBuildOptions {
  /** Build the test build (dist/client-test, with the test handle) instead of the production one. */
  test?: boolean;
}

/**
 * Builds the client with Vite unless the build is newer than every source it comes from.
 * Returns the folder the build is in, for the server's `clientDir`.
 */
export function ensureClientBuilt(options: ClientBuildOptions = {}): string {
  const outDir = options.test ? CLIENT_TEST_DIST : CLIENT_DIST;
  const built = join(outDir, 'index.html');
  const sources = ['client', 'shared', 'vite.config.ts', 'scripts/clientBuild.ts', ...BUILD_PLUGINS].map((name) => join(repoRoot, name)).filter(existsSync);
  if (existsSync(built) && statSync(built).mtimeMs >= Math.max(...sources.map(newestMtime))) return outDir;
  console.log(options.test ? 'Building the client (test build)…' : 'Building the client…');
  // `--mode test` only changes import.meta.env.MODE (and the output folder, see vite.config.ts):
  // the build is otherwise the production one, minified, with its service worker.
  const modeArgs = options.test ? ['--mode', 'test'] : [];
  execFileSync(process.execPath, [join(repoRoot, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn', ...modeArgs], {
    cwd: repoRoot,
    stdio: 'inherit',
    // Vitest sets NODE_ENV=test, which would make a development build (no service worker).
    env: { ...process.env, NODE_ENV: 'production' },
  });
  return outDir;
}
