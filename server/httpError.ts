/**
 * A refusal a route throws instead of replying: its HTTP status, a stable `code` for logs and
 * tests, and the message people read. The app's error handler (plugins/errorRepliesPlugin.ts)
 * answers it, in one place, with `{ error: message }` and the status. Free of Fastify types, so the
 * domain folders (server/records/, server/boards/) can throw it.
 */
export class HttpError extends Error {
  override readonly name = 'HttpError';

  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** The refusal of a request whose storage failed: nothing was changed, and a retry may work. */
export function storageUnavailable(): HttpError {
  return new HttpError(503, 'STORAGE_UNAVAILABLE', 'storage unavailable');
}
