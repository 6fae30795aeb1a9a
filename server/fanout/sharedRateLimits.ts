import type { FastifyInstance } from 'fastify';
import type { RateLimitPluginOptions } from '@fastify/rate-limit';
import { Redis } from 'ioredis';

/**
 * @fastify/rate-limit options that count in Redis, so that every limit (boards created per address,
 * join-code and record look-ups) holds across all processes rather than per process. While Redis is
 * unreachable requests are let through: an outage of the shared counter must not become an outage
 * of the meeting.
 */
export function sharedRateLimitOptions(app: FastifyInstance, redisUrl: string): Pick<RateLimitPluginOptions, 'redis' | 'nameSpace' | 'skipOnError'> {
  // Fail fast instead of queueing, as @fastify/rate-limit's documentation advises.
  const redis = new Redis(redisUrl, { connectTimeout: 500, maxRetriesPerRequest: 1, connectionName: 'discern-rate-limits' });
  redis.on('error', (error: unknown) => app.log.warn({ err: error }, 'rate-limit redis connection'));
  app.addHook('onClose', async () => {
    await redis.quit().catch(() => redis.disconnect());
  });
  return { redis, nameSpace: 'discern:rate-limit:', skipOnError: true };
}
