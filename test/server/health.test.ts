import { afterEach, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from '../helpers/server';

let server: TestServer | null = null;
afterEach(async () => {
  await server?.close().catch(() => undefined);
  server = null;
});

describe('health probes', () => {
  it('GET /healthz says the process is alive, without a key', async () => {
    server = await startServer();
    const response = await fetch(`${server.httpUrl}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
  });

  it('GET /readyz is 200 while storage answers, and 503 naming the failed check when it does not', async () => {
    server = await startServer();
    const ready = await fetch(`${server.httpUrl}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready', checks: { storage: 'ok' } });

    server.app.readinessChecks.set('redis', async () => {
      throw new Error('connect ECONNREFUSED 127.0.0.1:6379');
    });
    const down = await fetch(`${server.httpUrl}/readyz`);
    expect(down.status).toBe(503);
    expect(await down.json()).toEqual({ status: 'unavailable', checks: { storage: 'ok', redis: 'connect ECONNREFUSED 127.0.0.1:6379' } });
  });

  it('a check that hangs makes /readyz answer 503 in bounded time rather than hang the balancer', async () => {
    server = await startServer();
    server.app.readinessChecks.set('stuck', () => new Promise<void>(() => undefined));
    const started = Date.now();
    const response = await fetch(`${server.httpUrl}/readyz`);
    expect(response.status).toBe(503);
    expect((await response.json()).checks.stuck).toMatch(/no answer within/);
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('answers 503 once storage is closed', async () => {
    server = await startServer();
    server.app.storage.close();
    const response = await fetch(`${server.httpUrl}/readyz`);
    expect(response.status).toBe(503);
    expect((await response.json()).checks.storage).toMatch(/not open/);
  });
});
