import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import websocket from '@fastify/websocket';
import { DEFAULT_CONFIG, databaseFile, type Limits, type ServerConfig } from './config';
import { storagePlugin } from './plugins/storagePlugin';
import { roomsPlugin } from './plugins/roomsPlugin';
import { boardsPlugin } from './plugins/boardsPlugin';
import { syncPlugin } from './plugins/syncPlugin';
import { snapshotsPlugin } from './plugins/snapshotsPlugin';
import { staticPlugin } from './plugins/staticPlugin';
import { timePlugin } from './plugins/timePlugin';
import { joinCodesPlugin } from './plugins/joinCodesPlugin';

/**
 * Board keys travel in `?key=` on the sync URL, and a join code (which stands for the edit link) in
 * the path of `/j/<code>` and `/api/join/<code>`; none of them may reach a log line.
 */
export function redactKeys(url: string): string {
  return url.replace(/([?&]key=)[^&#]*/g, '$1[redacted]').replace(/^(\/(?:api\/join|j)\/)[^/?#]+/, '$1[redacted]');
}

function loggerOptions(logger: ServerConfig['logger']): FastifyServerOptions['logger'] {
  if (!logger) return false;
  const base = typeof logger === 'object' ? logger : {};
  return {
    ...base,
    serializers: {
      req: (request: { method: string; url: string; ip?: string }) => ({
        method: request.method,
        url: redactKeys(request.url),
        remoteAddress: request.ip,
      }),
    },
  };
}

/** The whole app: storage, rooms, REST, sync and (when built) the client. Start it with `listen`. */
/** What a caller may set: any field of the config, and any single limit (the rest keep their defaults). */
export type ServerOverrides = Partial<Omit<ServerConfig, 'limits'>> & { limits?: Partial<Limits> };

export async function buildServer(overrides: ServerOverrides = {}): Promise<FastifyInstance> {
  const config: ServerConfig = { ...DEFAULT_CONFIG, ...overrides, limits: { ...DEFAULT_CONFIG.limits, ...overrides.limits } };
  const app = Fastify({
    logger: loggerOptions(config.logger),
    bodyLimit: 1024 * 1024,
    // Refuse what does not match a schema instead of quietly coercing or dropping it.
    ajv: { customOptions: { coerceTypes: false, removeAdditional: false } },
  });
  await app.register(storagePlugin, { file: databaseFile(config) });
  await app.register(roomsPlugin, { compactEvery: config.compactEvery });
  await app.register(websocket, { options: { maxPayload: config.limits.maxFirstSyncBytes } });
  await app.register(boardsPlugin);
  await app.register(snapshotsPlugin);
  await app.register(syncPlugin, { heartbeatMs: config.heartbeatMs });
  await app.register(timePlugin);
  await app.register(joinCodesPlugin, { ttlMs: config.joinCodeTtlMs, lookupsPerMinute: config.joinLookupsPerMinute });
  if (config.clientDir) await app.register(staticPlugin, { root: config.clientDir });
  return app;
}
