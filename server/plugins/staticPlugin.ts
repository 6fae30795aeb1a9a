import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyPluginAsync } from 'fastify';
import fastifyStatic from '@fastify/static';

export interface StaticPluginOptions {
  /** The built client (vite's outDir). */
  root: string;
}

/**
 * Serves the built client. Hashed assets are cached for good; index.html never is, so a new
 * deploy is picked up on the next load. Board pages (`/b/:id`) are the client's own routes.
 */
export const staticPlugin: FastifyPluginAsync<StaticPluginOptions> = async (app, options) => {
  if (!existsSync(join(options.root, 'index.html'))) {
    throw new Error(`no built client in ${options.root}: run "npm run build" first`);
  }
  await app.register(fastifyStatic, {
    root: options.root,
    wildcard: false,
    index: ['index.html'],
    setHeaders: (response, path) => {
      const immutable = path.includes(`${join(options.root, 'assets')}`);
      response.header('cache-control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
  // The client's own routes: board pages and join codes all load the app shell.
  for (const route of ['/b/:boardId', '/j/:code']) {
    app.get(route, (_request, reply) => reply.header('cache-control', 'no-cache').sendFile('index.html'));
  }
};
