import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import websocket from '@fastify/websocket';
import rateLimit from '@fastify/rate-limit';
import { DEFAULT_CONFIG, type Limits, type ServerConfig } from './config';
import { storagePlugin } from './plugins/storagePlugin';
import { roomsPlugin } from './plugins/roomsPlugin';
import { boardsPlugin } from './plugins/boardsPlugin';
import { syncPlugin } from './plugins/syncPlugin';
import { recordsPlugin } from './plugins/recordsPlugin';
import { boardStatePlugin } from './plugins/boardStatePlugin';
import { staticPlugin } from './plugins/staticPlugin';
import { timePlugin } from './plugins/timePlugin';
import { joinCodesPlugin } from './plugins/joinCodesPlugin';
import { securityPlugin } from './plugins/securityPlugin';
import { syncOriginPlugin } from './plugins/syncOriginPlugin';
import { errorRepliesPlugin, replyToFrameworkError } from './plugins/errorRepliesPlugin';
import { boardCreationPlugin } from './plugins/boardCreationPlugin';
import { compressionPlugin, SYNC_PER_MESSAGE_DEFLATE } from './plugins/compressionPlugin';
import { healthPlugin } from './plugins/healthPlugin';
import { fanoutPlugin } from './plugins/fanoutPlugin';
import { sharedRateLimitOptions } from './fanout/sharedRateLimits';

/** Query parameters whose values are secrets: a board key, and the voter secret (shared/protocol/voter.ts). */
const SECRET_PARAMS: ReadonlySet<string> = new Set(['key', 'voter']);

/**
 * Undoes percent-encoding byte by byte, as often as it was applied (`%256Bey` → `%6Bey` → `key`).
 * Never throws on malformed input: what does not decode stays as it is. Only the ASCII names
 * compared below matter, so bytes of multi-byte characters need not become those characters.
 */
function percentDecoded(text: string): string {
  let current = text;
  for (let round = 0; round < 4; round++) {
    const next = current.replace(/%([0-9A-Fa-f]{2})/g, (_match, hex: string) => String.fromCharCode(parseInt(hex, 16)));
    if (next === current) break;
    current = next;
  }
  return current;
}

/** A join code (it stands for the edit link) in the path of `/j/<code>` or `/api/join/<code>`. */
function redactJoinCode(path: string): string {
  const segments = path.split('/');
  const names = segments.map(percentDecoded);
  const codeAt = names[1] === 'j' ? 2 : names[1] === 'api' && names[2] === 'join' ? 3 : -1;
  if (codeAt !== -1 && segments[codeAt]) segments[codeAt] = '[redacted]';
  return segments.join('/');
}

/**
 * Board keys (`?key=`) and voter secrets (`?voter=`) travel in the sync URL, and a join code in the
 * path; none of them may reach a log line. Parameter names are matched as the query parser reads
 * them, and more loosely: percent-encoded (`%6Bey=`, `k%65y=`), in any case (`KEY=`), `+` for space.
 */
export function redactKeys(url: string): string {
  const hashAt = url.indexOf('#');
  const beforeHash = hashAt === -1 ? url : url.slice(0, hashAt);
  const queryAt = beforeHash.indexOf('?');
  const path = redactJoinCode(queryAt === -1 ? beforeHash : beforeHash.slice(0, queryAt));
  // A fragment never reaches the server; should one appear in a URL anyway, it is not logged.
  const fragment = hashAt === -1 ? '' : '#[redacted]';
  if (queryAt === -1) return path + fragment;
  const query = beforeHash
    .slice(queryAt + 1)
    .split('&')
    .map((part) => {
      const equals = part.indexOf('=');
      if (equals === -1) return part;
      const name = part.slice(0, equals);
      return SECRET_PARAMS.has(percentDecoded(name.replace(/\+/g, ' ')).trim().toLowerCase()) ? `${name}=[redacted]` : part;
    })
    .join('&');
  return `${path}?${query}${fragment}`;
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

/**
 * TRUST_PROXY as Fastify takes it. A hop count trusts that many proxies in front of the server (the
 * socket's peer is hop 0); Fastify itself now treats a bare number as "trust none", because a client
 * that reaches the server directly could then pose as anyone, so a count is only for servers that
 * nobody can reach except through the proxy. Proxy addresses (`10.0.0.1,10.0.0.2`) are safer.
 */
function trustProxyOption(trustProxy: ServerConfig['trustProxy']): FastifyServerOptions['trustProxy'] {
  if (typeof trustProxy !== 'number') return trustProxy;
  const hops = trustProxy;
  return (_address: string, hop: number) => hop < hops;
}

/** What a caller may set: any field of the config, and any single limit (the rest keep their defaults). */
export type ServerOverrides = Partial<Omit<ServerConfig, 'limits'>> & { limits?: Partial<Limits> };

/**
 * The whole app: security headers, storage, rooms, REST, sync and (when built) the client. Start it
 * with `listen`. Plugins are registered in order; each concern lives in its own plugin.
 */
export async function buildServer(overrides: ServerOverrides = {}): Promise<FastifyInstance> {
  const config: ServerConfig = { ...DEFAULT_CONFIG, ...overrides, limits: { ...DEFAULT_CONFIG.limits, ...overrides.limits } };
  const app = Fastify({
    logger: loggerOptions(config.logger),
    bodyLimit: 1024 * 1024,
    // Behind a reverse proxy, request.ip is the client from X-Forwarded-For, so per-address limits see it.
    trustProxy: trustProxyOption(config.trustProxy),
    // Refuse what does not match a schema instead of quietly coercing or dropping it.
    ajv: { customOptions: { coerceTypes: false, removeAdditional: false } },
    frameworkErrors: replyToFrameworkError,
  });
  // First, so that every answer (errors and 404s too) carries the headers and error shapes.
  await app.register(securityPlugin);
  await app.register(errorRepliesPlugin);
  // Once for the app; routes opt in with `config.rateLimit` or app.createRateLimit.
  await app.register(rateLimit, { global: false, ...(config.redisUrl ? sharedRateLimitOptions(app, config.redisUrl) : {}) });
  // Before every route: it compresses the answers of routes added after it.
  await app.register(compressionPlugin);
  await app.register(healthPlugin);
  await app.register(fanoutPlugin, { redisUrl: config.redisUrl });
  await app.register(storagePlugin, {
    dataDir: config.dataDir,
    sqliteSynchronous: config.sqliteSynchronous,
    databaseUrl: config.databaseUrl,
    databasePoolMax: config.databasePoolMax,
    databaseConnectTimeoutMs: config.databaseConnectTimeoutMs,
  });
  await app.register(roomsPlugin, { compactEvery: config.compactEvery, limits: config.limits });
  await app.register(websocket, { options: { maxPayload: config.limits.maxFirstSyncBytes, perMessageDeflate: SYNC_PER_MESSAGE_DEFLATE } });
  // After the websocket plugin: its hooks must see the upgrade first, to close the socket of a refused one.
  await app.register(syncOriginPlugin, { allowedOrigins: config.allowedOrigins });
  await app.register(boardCreationPlugin, { boardsPerIpPerHour: config.limits.boardsPerIpPerHour, createToken: config.createToken });
  await app.register(boardsPlugin);
  await app.register(recordsPlugin, { maxRecordsPerBoard: config.limits.maxRecordsPerBoard, recordReadsPerMinute: config.limits.recordReadsPerMinute });
  await app.register(boardStatePlugin, { statesPerMinute: config.limits.recordReadsPerMinute });
  await app.register(syncPlugin, { heartbeatMs: config.heartbeatMs, limits: config.limits });
  await app.register(timePlugin);
  await app.register(joinCodesPlugin, { ttlMs: config.joinCodeTtlMs, lookupsPerMinute: config.joinLookupsPerMinute });
  if (config.clientDir) await app.register(staticPlugin, { root: config.clientDir });
  return app;
}
