import { databaseFile, type ServerConfig } from '../config';
import { PostgresStorage } from './postgres/postgresStorage';
import { SqliteStorage } from './sqliteStorage';
import type { Storage } from './storage';

export type StorageConfig = Pick<
  ServerConfig,
  'dataDir' | 'sqliteSynchronous' | 'databaseUrl' | 'databasePoolMax' | 'databaseConnectTimeoutMs'
>;

/**
 * The one place a backend is chosen: Postgres when DATABASE_URL is set (migrated before this
 * resolves), else the SQLite file in DATA_DIR.
 */
export async function openStorage(config: StorageConfig, onIdleError?: (error: Error) => void): Promise<Storage> {
  if (config.databaseUrl) {
    return PostgresStorage.open({
      url: config.databaseUrl,
      poolMax: config.databasePoolMax,
      connectTimeoutMs: config.databaseConnectTimeoutMs,
      ...(onIdleError ? { onIdleError } : {}),
    });
  }
  return new SqliteStorage(databaseFile(config), { synchronous: config.sqliteSynchronous });
}
