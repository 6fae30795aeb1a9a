import fp from 'fastify-plugin';
import { openStorage, type StorageConfig } from '../storage/openStorage';
import type { Storage } from '../storage/storage';

declare module 'fastify' {
  interface FastifyInstance {
    /** The storage ports (server/storage/storage.ts); `ping()` is what a readiness probe asks. */
    storage: Storage;
  }
}

export type StoragePluginOptions = StorageConfig;

/** Opens the board storage (SQLite, or Postgres with DATABASE_URL) and closes it last, after every room has been stored. */
export const storagePlugin = fp<StoragePluginOptions>(
  async (app, options) => {
    const storage = await openStorage(options, (error) => app.log.warn({ err: error }, 'storage connection lost while idle'));
    app.decorate('storage', storage);
    app.readinessChecks.set('storage', () => storage.ping());
    app.addHook('onClose', async () => storage.close());
  },
  { name: 'discern-storage', dependencies: ['discern-health'] },
);
