import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import rateLimit, { normalizeIP } from '@fastify/rate-limit';
import fp from 'fastify-plugin';
import { DEFAULT_LIMITS } from '../config';
import { readBoardState } from '../rooms/boardState';
import { preferredEncoding } from './acceptEncoding';
import { authorizeBoard } from './boardAccess';
import { boardIdParam, errorSchema, rateLimitedSchema } from './schemas';

/**
 * `statesPerMinute`: fetches of a board's state per client address per minute, past it 429. The same
 * allowance as record reads (RECORD_READS_PER_MINUTE, 120 by default): ample for a room of fifty
 * people behind one NAT who open the board at once, and for their reloads.
 */
export interface BoardStatePluginOptions {
  statesPerMinute?: number;
}

/**
 * `GET /api/boards/:id/state`: the board's whole state as a Yjs update, over plain HTTP. A page
 * fetches it from its first script, in parallel with its JavaScript, applies it, and only then opens
 * the websocket, whose step 1 then carries a full state vector, so that step 2 is small: a large
 * compressed websocket message is delivered late while a browser is busy loading the page, a fetch is
 * not. The websocket protocol itself is unchanged. Any key of the board reads it.
 */
const boardStateRoutes: FastifyPluginAsync<BoardStatePluginOptions> = async (app, options) => {
  const perMinute = options.statesPerMinute ?? DEFAULT_LIMITS.recordReadsPerMinute;
  // As in recordsPlugin: a server built without the app's rate limiter gets one for this route.
  if (!app.hasDecorator('rateLimit')) await app.register(rateLimit, { global: false });
  const stateLimit = app.rateLimit({
    max: perMinute,
    timeWindow: 60_000,
    // The key names the kind of request, as limiters that count in Redis share one key space.
    keyGenerator: (request: FastifyRequest) => `${normalizeIP(request.ip)}:board-state`,
    errorResponseBuilder: (_request, context) =>
      Object.assign(new Error(`too many board state reads: at most ${perMinute} a minute from one address; retry in ${context.after}`), {
        statusCode: context.statusCode,
      }),
  });

  app.get<{ Params: { id: string } }>(
    '/api/boards/:id/state',
    {
      onRequest: stateLimit,
      // The body is compressed here, once per version of the board for everyone (encodedState.ts);
      // @fastify/compress would compress it again, per request and on the event loop.
      compress: false,
      schema: {
        params: { type: 'object', required: ['id'], properties: { id: boardIdParam } },
        // The 200 body is bytes; the schemas are for the JSON refusals.
        response: { 400: errorSchema, 401: errorSchema, 404: errorSchema, 429: rateLimitedSchema, 503: errorSchema },
      },
    },
    async (request, reply) => {
      const boardId = request.params.id;
      await authorizeBoard(app.storage.boards, request, boardId);
      const encoding = preferredEncoding(request.headers['accept-encoding']);
      const body = await readBoardState({ storage: app.storage, rooms: app.rooms }, boardId, encoding);
      // A private board behind a key: no cache, shared or not, may keep it.
      reply.header('cache-control', 'no-store').header('vary', 'Accept-Encoding').type('application/octet-stream');
      if (encoding !== 'identity') reply.header('content-encoding', encoding);
      return reply.send(Buffer.from(body.buffer, body.byteOffset, body.byteLength));
    },
  );
};

/** Encapsulated: its route and limiter stay its own; it needs storage and rooms registered first. */
export const boardStatePlugin = fp(boardStateRoutes, {
  name: 'discern-board-state',
  dependencies: ['discern-storage', 'discern-rooms'],
  encapsulate: true,
});
