import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRedis, type RunningRedis } from '../helpers/redis';
import { startServer } from '../helpers/server';
import { waitFor } from '../helpers/waitFor';

let redis: RunningRedis;
beforeAll(async () => {
  redis = await startRedis();
});
afterAll(async () => {
  await redis.stop();
});

describe('two processes sharing Redis', () => {
  it('count rate limits together: boards created per address hold across both', async () => {
    const [a, b] = await Promise.all([
      startServer({ redisUrl: redis.url, limits: { boardsPerIpPerHour: 2 } }),
      startServer({ redisUrl: redis.url, limits: { boardsPerIpPerHour: 2 } }),
    ]);
    try {
      expect((await fetch(`${a.httpUrl}/api/boards`, { method: 'POST' })).status).toBe(201);
      expect((await fetch(`${b.httpUrl}/api/boards`, { method: 'POST' })).status).toBe(201);
      // Each process alone has seen only one: only the shared count refuses the third.
      expect((await fetch(`${a.httpUrl}/api/boards`, { method: 'POST' })).status).toBe(429);
      expect((await fetch(`${b.httpUrl}/api/boards`, { method: 'POST' })).status).toBe(429);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });

  it('/readyz reports Redis, and 503 while it is down', async () => {
    const server = await startServer({ redisUrl: redis.url });
    try {
      await waitFor(async () => expect(await (await fetch(`${server.httpUrl}/readyz`)).json()).toEqual({ status: 'ready', checks: { storage: 'ok', redis: 'ok' } }));
      await redis.kill();
      await waitFor(async () => {
        const response = await fetch(`${server.httpUrl}/readyz`);
        expect(response.status).toBe(503);
        expect((await response.json()).checks.redis).toMatch(/redis is/);
      });
      // Creating a board still works: the shared counters are skipped while Redis is away.
      expect((await fetch(`${server.httpUrl}/api/boards`, { method: 'POST' })).status).toBe(201);
      await redis.start();
      await waitFor(async () => expect((await fetch(`${server.httpUrl}/readyz`)).status).toBe(200), { timeout: 15_000 });
    } finally {
      await server.close();
    }
  }, 40_000);
});
