import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));
export const CLIENT_DIST = join(repoRoot, 'dist/client');
/** The build's own plugins (vite.config.ts): a change to them changes the build too. */
const BUILD_PLUGINS = ['scripts/boardPagePlugin.ts', 'scripts/precompressPlugin.ts'];

function newestMtime(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path).reduce((max, name) => Math.max(max, newestMtime(join(path, name))), stat.mtimeMs);
}

/** Builds the client with Vite unless the build is newer than every source it comes from. */
export function ensureClientBuilt(): void {
  const built = join(CLIENT_DIST, 'index.html');
  const sources = ['client', 'shared', 'vite.config.ts', ...BUILD_PLUGINS].map((name) => join(repoRoot, name)).filter(existsSync);
  if (existsSync(built) && statSync(built).mtimeMs >= Math.max(...sources.map(newestMtime))) return;
  console.log('Building the client…');
  execFileSync(process.execPath, [join(repoRoot, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'], {
    cwd: repoRoot,
    stdio: 'inherit',
    // Vitest sets NODE_ENV=test, which would make a development build (no service worker).
    env: { ...process.env, NODE_ENV: 'production' },
  });
}
