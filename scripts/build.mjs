// `npm run build`: the client (dist/client) and the compiled server (dist/server), always rebuilt.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { CLIENT_DIST, ensureClientBuilt, ensureServerBuilt, SERVER_DIST } from './builds.mjs';

rmSync(join(CLIENT_DIST, 'index.html'), { force: true });
rmSync(join(SERVER_DIST, 'main.js'), { force: true });
ensureClientBuilt();
ensureServerBuilt();
