import { createServer, type IncomingMessage } from 'node:http';
import { createRequire } from 'node:module';
import { randomUUID } from 'node:crypto';
import { WebSocketServer, type WebSocket } from 'ws';
import type { SyncTarget, TargetBoard } from './target';

/** The part of y-websocket 1.5.4's `bin/utils.js` the bench uses (it ships no types for it). */
interface ReferenceUtils {
  setupWSConnection(conn: WebSocket, request: IncomingMessage, options?: { docName?: string; gc?: boolean }): void;
  /** Every document the reference holds, by name; without persistence it never removes one. */
  docs: Map<string, { destroy(): void; conns: Map<unknown, unknown> }>;
}

/** Loaded once: the module keeps its rooms in a module-level map. */
let utils: ReferenceUtils | null = null;

function loadReference(): ReferenceUtils {
  if (utils) return utils;
  const require = createRequire(import.meta.url);
  // The reference's CommonJS build of yjs is a second copy next to the app's ES module one, and yjs
  // warns about that on load. Harmless here: no Yjs object ever passes between the two servers.
  const warn = console.error;
  console.error = (...args: unknown[]) => {
    if (typeof args[0] === 'string' && args[0].startsWith('Yjs was already imported')) return;
    warn(...args);
  };
  try {
    utils = require('y-websocket-ref/bin/utils') as ReferenceUtils;
  } finally {
    console.error = warn;
  }
  return utils;
}

/**
 * The reference: y-websocket@1.5.4's `setupWSConnection` (installed as `y-websocket-ref`) on a plain
 * `ws` server, the same `ws` 8 that @fastify/websocket uses, so only the room logic differs. It
 * keeps each document in memory and stores nothing (no YPERSISTENCE), checks nothing, limits
 * nothing, and sends every update to every connection the moment it is applied.
 */
export async function startReferenceServer(): Promise<SyncTarget> {
  const reference = loadReference();
  const http = createServer((_request, response) => {
    response.writeHead(404).end();
  });
  const wss = new WebSocketServer({ server: http, perMessageDeflate: false });
  wss.on('connection', (conn, request) => reference.setupWSConnection(conn, request));
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const address = http.address();
  if (!address || typeof address === 'string') throw new Error('reference server has no port');
  const syncUrl = `ws://127.0.0.1:${address.port}/ref`;
  const ours = new Set<string>();
  return {
    name: 'reference',
    syncUrl,
    async newBoard(): Promise<TargetBoard> {
      const id = randomUUID();
      ours.add(`ref/${id}`);
      const url = `${syncUrl}/${id}?key=none`;
      return { id, editKey: 'none', editUrl: url, viewUrl: url };
    },
    // Only documents that still have a connection count as open rooms; the reference keeps the
    // others in memory for ever (see `heldDocuments`), which the many-rooms figures report apart.
    openRooms: () => [...reference.docs.values()].filter((doc) => doc.conns.size > 0).length,
    async close() {
      for (const client of wss.clients) client.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      await new Promise<void>((resolve) => http.close(() => resolve()));
      // Release this server's documents so the next reference server starts from nothing.
      for (const name of ours) {
        reference.docs.get(name)?.destroy();
        reference.docs.delete(name);
      }
    },
  };
}

/** Documents the reference holds in memory, connected or not. */
export function heldDocuments(): number {
  return loadReference().docs.size;
}
