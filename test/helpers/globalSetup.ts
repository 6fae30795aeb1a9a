import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { ensureClientBuilt } from '../../scripts/clientBuild';
import { ensureServerBuilt } from '../../scripts/builds.mjs';
import { CHROMIUM_PATH } from './browser';

/** Installs Debian's Chromium when it is missing; the end-to-end suites cannot run without it. */
function ensureChromium(): void {
  if (existsSync(CHROMIUM_PATH)) return;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isRoot) {
    throw new Error(
      `Chromium is not installed at ${CHROMIUM_PATH} and this is not root, so it cannot be installed here. ` +
        'Run "sudo apt-get install -y chromium" once, then npm test again.',
    );
  }
  console.log('[discern tests] Chromium is missing: installing Debian package "chromium" (once)…');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const update = spawnSync('apt-get', ['update'], { stdio: 'inherit', env });
  const install = spawnSync('apt-get', ['install', '-y', '--no-install-recommends', 'chromium'], { stdio: 'inherit', env });
  if (update.status !== 0 || install.status !== 0 || !existsSync(CHROMIUM_PATH)) {
    throw new Error(`Could not install Chromium with apt-get (exit ${install.status}); the end-to-end tests need ${CHROMIUM_PATH}.`);
  }
}

export default function setup(): void {
  // Once here, so that suites starting `npm start` in parallel never build dist/server at the same time.
  ensureServerBuilt();
  if (process.env.DISCERN_SKIP_BROWSER === '1') return;
  ensureChromium();
  // The browser suites load the test build (with window.__discern); the production build is built too,
  // for the suites that check what `npm start` serves (compression, no test handle in production).
  ensureClientBuilt({ test: true });
  ensureClientBuilt();
}
