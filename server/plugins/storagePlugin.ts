import fp from 'fastify-plugin';
import { SqliteStorage } from '../storage/sqliteStorage';
import type { BoardStorage } from '../storage/storage';

declare module 'fastify' {
  interface FastifyInstance {
    storage: BoardStorage;
  }
}

export interface StoragePluginOptions {
  /** Path of the SQLite file; created with its folder if missing. */
  file: string;
  /** SQLite `synchronous` (ServerConfig.sqliteSynchronous). */
  synchronous: 'NORMAL' | 'FULL';
}

/** Opens the board storage and closes it last, after every room has been stored. */
export const storagePlugin = fp<StoragePluginOptions>(
  async (app, options) => {
    const storage = new SqliteStorage(options.file, { synchronous: options.synchronous });
    app.decorate('storage', storage);
    app.readinessChecks.set('storage', () => storage.ping());
    app.addHook('onClose', async () => storage.close());
  },
  { name: 'discern-storage', dependencies: ['discern-health'] },
);
