import { constants } from 'node:zlib';
import fp from 'fastify-plugin';
import compress from '@fastify/compress';
import type { PerMessageDeflateOptions } from 'ws';

/**
 * permessage-deflate for the sync socket, for its large messages only. A board's first sync is its
 * whole document (about 50 kB for 200 notes, 530 kB for 2,000), and Yjs updates repeat their field
 * names in every note, so deflate makes it about four times smaller: on a 400 kbit/s link, a second
 * saved per 200 notes. Edits, awareness and acknowledgements are far below the threshold and go out
 * as they are, so the hot path of a busy room pays nothing.
 *
 * - Memory: each socket that has been sent a large message keeps a small deflater (a 2 kB window at
 *   memLevel 5 is about 30 kB), and no context is carried between messages.
 * - CPU: compression runs on libuv's thread pool, not on the event loop.
 * - Safety: `maxPayload` limits a message after it is inflated, so a small compressed frame cannot
 *   expand past the limits; clients that do not offer the extension are served uncompressed.
 */
export const SYNC_PER_MESSAGE_DEFLATE: PerMessageDeflateOptions = {
  threshold: 1024,
  serverNoContextTakeover: true,
  clientNoContextTakeover: true,
  serverMaxWindowBits: 11,
  zlibDeflateOptions: { level: 6, memLevel: 5 },
};

export interface CompressionPluginOptions {
  /** Answers smaller than this many bytes go out as they are: compressing them saves less than it costs. */
  threshold?: number;
}

/**
 * Compresses API answers (board info, records lists, Markdown and Yjs exports) with brotli or gzip,
 * whichever the client accepts. Must be registered before the routes it applies to: it hooks each
 * route as it is added.
 *
 * - The built client is precompressed at build time (see staticPlugin); a file the build already
 *   compressed carries its content-encoding and is passed through untouched.
 * - Websocket upgrades are hijacked by @fastify/websocket before any reply is sent, so sync frames
 *   never pass through here (the y-websocket protocol is binary and framed on its own).
 * - Request bodies are never decompressed: no client of ours sends them compressed, and a body
 *   that inflates a thousandfold is not something to accept on trust.
 */
export const compressionPlugin = fp<CompressionPluginOptions>(
  async (app, options) => {
    await app.register(compress, {
      global: true,
      globalDecompression: false,
      threshold: options.threshold ?? 1024,
      // Browsers all accept these two; deflate adds nothing, and zstd is not in every Node.
      encodings: ['br', 'gzip'],
      // Quality 4 compresses about as well as gzip -9 in a fraction of the time (11, zlib's default, is for build time).
      brotliOptions: { params: { [constants.BROTLI_PARAM_QUALITY]: 4 } },
      zlibOptions: { level: 6 },
    });
  },
  { name: 'discern-compression' },
);
