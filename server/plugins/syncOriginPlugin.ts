import fp from 'fastify-plugin';
import type { FastifyRequest } from 'fastify';

export interface SyncOriginPluginOptions {
  /** Origins allowed besides the server's own (`https://example.org`); see ServerConfig.allowedOrigins. */
  allowedOrigins: readonly string[];
}

/** `https://Example.org:443/` and `https://example.org` are the same origin; null if it is not an http(s) origin at all. */
export function normalizeOrigin(origin: string): string | null {
  try {
    const url = new URL(origin);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    return url.origin;
  } catch {
    return null;
  }
}

/** The origins this request's page would have if it came from this server (over http or https). */
function ownOrigins(request: FastifyRequest): string[] {
  // `request.host` follows X-Forwarded-Host only when TRUST_PROXY is set; the raw Host header is what
  // a browser talking to us directly sent.
  const hosts = new Set([request.headers.host, request.host].filter((host): host is string => Boolean(host)));
  return [...hosts].flatMap((host) => ['http:', 'https:'].map((scheme) => normalizeOrigin(`${scheme}//${host}`) ?? ''));
}

/** Whether a request to `/sync` may go on to the websocket upgrade. */
export function originAllowed(request: FastifyRequest, allowed: ReadonlySet<string>): boolean {
  const origin = request.headers.origin;
  // Browsers always send Origin on a websocket handshake; non-browser clients (y-websocket in Node,
  // scripts) send none and are governed by the board key alone, which a foreign page cannot read.
  if (origin === undefined) return true;
  const normalized = normalizeOrigin(origin);
  if (!normalized) return false;
  return allowed.has(normalized) || ownOrigins(request).includes(normalized);
}

/**
 * Refuses a browser's websocket handshake to `/sync/*` from a page of another origin with 403, before
 * the upgrade. Websockets are not covered by the same-origin policy, so without this any web page a
 * participant visits could open their board with a key it got some other way and act in their name.
 */
export const syncOriginPlugin = fp<SyncOriginPluginOptions>(
  async (app, options) => {
    const allowed = new Set<string>();
    for (const origin of options.allowedOrigins) {
      const normalized = normalizeOrigin(origin);
      if (!normalized) throw new Error(`ALLOWED_ORIGINS: "${origin}" is not an http(s) origin such as https://example.org`);
      allowed.add(normalized);
    }
    app.addHook('onRequest', async (request, reply) => {
      // The matched route, not the raw URL, so that an encoded path (`/%73ync/…`) cannot slip past.
      if (!request.routeOptions.url?.startsWith('/sync/')) return;
      if (originAllowed(request, allowed)) return;
      return reply.code(403).send({ error: 'origin not allowed' });
    });
  },
  // @fastify/websocket's own onRequest hook must run first: it marks the request as an upgrade, so
  // that the socket of a refused handshake is destroyed after the 403 instead of left open.
  { name: 'discern-sync-origin', dependencies: ['@fastify/websocket'] },
);
