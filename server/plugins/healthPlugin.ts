import fp from 'fastify-plugin';
import { Type } from '@sinclair/typebox';

/** A dependency the server needs to serve boards; it throws (or rejects) when unreachable. */
export type ReadinessCheck = () => void | Promise<void>;

declare module 'fastify' {
  interface FastifyInstance {
    /** Checks run by GET /readyz, by name. Plugins that own a dependency add theirs. */
    readinessChecks: Map<string, ReadinessCheck>;
  }
}

/** A hung dependency must not hang the load balancer's probe too. */
const CHECK_TIMEOUT_MS = 2_000;

const CheckResults = Type.Record(Type.String(), Type.String());
const HealthReply = Type.Object({ status: Type.Literal('ok') });
const ReadyReply = Type.Object({ status: Type.Union([Type.Literal('ready'), Type.Literal('unavailable')]), checks: CheckResults });

async function runCheck(check: ReadinessCheck): Promise<string> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${CHECK_TIMEOUT_MS} ms`)), CHECK_TIMEOUT_MS);
  });
  try {
    await Promise.race([Promise.resolve().then(check), timeout]);
    return 'ok';
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Probes for load balancers and orchestrators. `/healthz` says the process is alive (restart it if
 * not); `/readyz` says it can serve boards now (send it traffic only if so): every dependency
 * answers, and the server is not draining. Neither touches a board or needs a key.
 */
export const healthPlugin = fp(
  async (app) => {
    const checks = new Map<string, ReadinessCheck>();
    app.decorate('readinessChecks', checks);
    let draining = false;
    app.addHook('preClose', async () => {
      draining = true;
    });

    // Probes arrive every few seconds from every balancer: logging each would drown the real requests.
    app.get('/healthz', { logLevel: 'warn', schema: { response: { 200: HealthReply } } }, async () => ({ status: 'ok' as const }));

    app.get('/readyz', { logLevel: 'warn', schema: { response: { 200: ReadyReply, 503: ReadyReply } } }, async (_request, reply) => {
      const results: Record<string, string> = {};
      await Promise.all([...checks].map(async ([name, check]) => (results[name] = await runCheck(check))));
      if (draining) results.server = 'shutting down';
      const ready = !draining && Object.values(results).every((result) => result === 'ok');
      return reply.code(ready ? 200 : 503).send({ status: ready ? 'ready' : 'unavailable', checks: results });
    });
  },
  { name: 'discern-health' },
);
