import type { IncomingMessage } from 'node:http';
import fp from 'fastify-plugin';
import helmet from '@fastify/helmet';

/** A Host header as browsers send it: a name or address, and maybe a port. Anything else is not echoed. */
const HOST_HEADER = /^(?:[A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/;

/**
 * The websocket URLs of the host the page came from. CSP Level 3 lets `'self'` match `ws:`/`wss:` on
 * the same host, but older Safari and Firefox do not, and the client's sync socket must not depend on it.
 */
function ownWebsocketSources(request: IncomingMessage): string {
  const host = request.headers.host;
  if (!host || !HOST_HEADER.test(host)) return "'self'";
  return `'self' ws://${host} wss://${host}`;
}

/**
 * The Content-Security-Policy of every answer. The built client is script files only (no inline
 * script, checked by test/e2e/csp.test.ts), and React's `style` props are set through the CSSOM,
 * which CSP does not govern, so neither scripts nor styles need `'unsafe-inline'`.
 */
export const CSP_DIRECTIVES = {
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  'script-src-attr': ["'none'"],
  'style-src': ["'self'"],
  // PNG/PDF export and the QR code draw through data: and blob: URLs.
  'img-src': ["'self'", 'data:', 'blob:'],
  'font-src': ["'self'"],
  'connect-src': [ownWebsocketSources],
  // The offline service worker (/sw.js).
  'worker-src': ["'self'"],
  'manifest-src': ["'self'"],
  'object-src': ["'none'"],
  'base-uri': ["'none'"],
  'form-action': ["'self'"],
  'frame-ancestors': ["'self'"],
} as const;

/**
 * Security headers on every answer (HTML, assets, API and errors alike), through @fastify/helmet.
 * Referrer-Policy is `no-referrer`: board links carry their key in the fragment, which browsers never
 * send, but the board id in the path is still nobody else's business.
 */
export const securityPlugin = fp(
  async (app) => {
    await app.register(helmet, {
      global: true,
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          ...CSP_DIRECTIVES,
          // Not helmet's default `upgrade-insecure-requests`: Discern is often served over plain
          // http on a meeting-room LAN, where it would send the app's own requests to an https that is not there.
        },
      },
      referrerPolicy: { policy: 'no-referrer' },
      // Browsers ignore HSTS over plain http; behind an https proxy it holds, for this host only.
      strictTransportSecurity: { maxAge: 31_536_000, includeSubDomains: false },
    });
  },
  { name: 'discern-security' },
);
