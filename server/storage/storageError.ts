/**
 * What every storage port rejects with when its store fails (disk full, I/O error, a lost or refused
 * connection, a closed store): the request was fine, the store was not, and a retry later may work.
 * REST answers it with 503 and rooms close their sockets with 4500 (errorRepliesPlugin, room.ts).
 */
export class StorageError extends Error {
  override readonly name = 'StorageError';

  constructor(operation: string, cause: unknown) {
    super(`storage failed while ${operation}: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
  }
}

/** Runs one storage operation, turning whatever it throws into a StorageError. */
export async function storageCall<T>(operation: string, run: () => T | Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw error instanceof StorageError ? error : new StorageError(operation, error);
  }
}
