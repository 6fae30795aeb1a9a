import { existsSync } from 'node:fs';
import { join, sep } from 'node:path';
import type { FastifyPluginAsync } from 'fastify';
import fastifyStatic from '@fastify/static';

export interface StaticPluginOptions {
  /** The built client (vite's outDir). */
  root: string;
}

/** The app shell for board links, with the board page preloaded (scripts/boardPagePlugin.ts). */
const BOARD_SHELL = 'board.html';

/**
 * Helmet's headers that only mean something on a document (or a worker script): a browser ignores a
 * CSP, frame or referrer policy on a script, stylesheet or font it loads. On a slow link the ~0.7 kB
 * they add to each of a board page's dozen hashed assets costs as much as a small chunk, so hashed
 * assets go out with `nosniff` and `Cross-Origin-Resource-Policy` only. HTML, sw.js, the API and
 * errors keep them all (securityPlugin.ts).
 */
const DOCUMENT_ONLY_HEADERS = [
  'content-security-policy',
  'cross-origin-opener-policy',
  'origin-agent-cluster',
  'referrer-policy',
  'strict-transport-security',
  'x-dns-prefetch-control',
  'x-download-options',
  'x-frame-options',
  'x-permitted-cross-domain-policies',
  'x-xss-protection',
] as const;

/**
 * Serves the built client. Hashed assets are cached for good; index.html, board.html and sw.js never
 * are, so a new deploy is picked up on the next load. The build writes brotli and gzip copies of
 * every text file (scripts/precompressPlugin.ts), and the copy the browser accepts is sent as it is:
 * nothing is compressed per request. Board pages (`/b/:id`) are the client's own routes.
 */
export const staticPlugin: FastifyPluginAsync<StaticPluginOptions> = async (app, options) => {
  if (!existsSync(join(options.root, 'index.html'))) {
    throw new Error(`no built client in ${options.root}: run "npm run build" first`);
  }
  const assets = join(options.root, 'assets') + sep;
  // A build from before board.html existed still works: board links then get the plain shell.
  const boardShell = existsSync(join(options.root, BOARD_SHELL)) ? BOARD_SHELL : 'index.html';
  await app.register(fastifyStatic, {
    root: options.root,
    wildcard: false,
    index: ['index.html'],
    preCompressed: true,
    setHeaders: (reply, path) => {
      // `path` is the file sent, which may be the .br or .gz copy of the asset.
      const immutable = path.startsWith(assets);
      reply.header('cache-control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
      // Helmet writes its headers straight onto the Node response (request.raw, reply.raw).
      if (immutable) for (const name of DOCUMENT_ONLY_HEADERS) reply.raw.removeHeader(name);
    },
  });
  // The client's own routes load the app shell; a board link the one that preloads the board.
  app.get('/b/:boardId', (_request, reply) => reply.header('cache-control', 'no-cache').sendFile(boardShell));
  app.get('/j/:code', (_request, reply) => reply.header('cache-control', 'no-cache').sendFile('index.html'));
};
