import Database from 'better-sqlite3';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { HttpError, storageUnavailable } from '../httpError';
import { StorageError } from '../storage/storageError';

/**
 * Whether an error came from the board storage rather than from the request: anything a storage
 * port rejects with (a StorageError: SQLite failing, disk full, I/O error, Postgres down or
 * unreachable), or SQLite's own errors should one come from elsewhere.
 */
export function isStorageError(error: unknown): boolean {
  if (error instanceof StorageError || error instanceof Database.SqliteError) return true;
  return error instanceof TypeError && error.message === 'The database connection is not open';
}

/** The one shape of a refusal: its status, and `{ error }` with its message. */
function replyWith(reply: FastifyReply, refusal: HttpError): FastifyReply {
  return reply.code(refusal.statusCode).send({ error: refusal.message });
}

/**
 * The app's error handler, for every route (routes registered in child plugins inherit it; a plugin
 * that sets its own handler can call this for what it does not handle itself):
 * - an HttpError a route threw (a refusal: 401, 404, 409, 422, 503…) answers its status with `{ error }`;
 * - a storage error answers 503 `{ error: 'storage unavailable' }` and is logged, not thrown on;
 * - a client error Fastify raised (400 schema, 413 body too large, 415, 429…) keeps Fastify's JSON answer;
 * - anything else is 500 `{ error: 'internal error' }`, without the message, which may name internals.
 * None of them takes the process down.
 */
export function replyToError(error: FastifyError | HttpError, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  if (error instanceof HttpError) return replyWith(reply, error);
  if (isStorageError(error)) {
    request.log.error({ err: error }, 'storage failure');
    return replyWith(reply, storageUnavailable());
  }
  const status = error.statusCode;
  if (status !== undefined && status >= 400 && status < 500) {
    // Fastify's own answer: { statusCode, code, error, message }.
    throw error;
  }
  request.log.error({ err: error }, 'request failed');
  return reply.code(500).send({ error: 'internal error' });
}

/**
 * The error and not-found handlers of the whole app. The not-found answer does not echo the URL,
 * and is not logged with it (Fastify's default logs the raw URL, `?key=` included).
 */
export const errorRepliesPlugin = fp(
  async (app) => {
    app.setErrorHandler(replyToError);
    app.setNotFoundHandler((_request, reply) => reply.code(404).send({ error: 'not found' }));
  },
  { name: 'discern-error-replies' },
);

/**
 * Fastify's own answers to a URL it cannot route (a bad escape: 400; a path segment over the
 * router's length: 414) skip every hook. For a websocket handshake that means nothing would end
 * the connection: it would stay open for good and keep the server from closing. Passed to Fastify
 * as `frameworkErrors`.
 */
export function replyToFrameworkError(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  if (request.headers.upgrade) reply.raw.once('finish', () => request.raw.socket.destroy());
  void reply.code(error.statusCode ?? 400).send({ error: error.message });
}
