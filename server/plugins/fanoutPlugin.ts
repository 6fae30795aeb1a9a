import fp from 'fastify-plugin';
import type { BoardFeed } from '../fanout/boardFeed';
import { RedisBoardFeed } from '../fanout/redisBoardFeed';

declare module 'fastify' {
  interface FastifyInstance {
    /** How this process hears other processes' changes to the boards it has open; null when it runs alone. */
    boardFeed: BoardFeed | null;
  }
}

export interface FanoutPluginOptions {
  redisUrl: string | null;
}

/** Connects to Redis when REDIS_URL is set; /readyz then reports it as `redis`. */
export const fanoutPlugin = fp<FanoutPluginOptions>(
  async (app, options) => {
    if (!options.redisUrl) {
      app.decorate('boardFeed', null);
      return;
    }
    const feed = new RedisBoardFeed({
      url: options.redisUrl,
      onError: (error, context) => app.log.warn({ err: error }, `board feed: ${context}`),
    });
    app.decorate('boardFeed', feed);
    app.readinessChecks.set('redis', () => feed.ping());
    // After the rooms (closed in preClose) have published what they stored.
    app.addHook('onClose', async () => feed.close());
  },
  { name: 'discern-fanout', dependencies: ['discern-health'] },
);
