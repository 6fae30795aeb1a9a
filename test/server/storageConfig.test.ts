import { rmSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildServer } from '../../server/app';
import { configFromEnv } from '../../server/config';
import { tempDataDir } from '../helpers/server';

describe('choosing the storage backend from the environment', () => {
  it('is SQLite without DATABASE_URL, Postgres with a postgres:// one, and refuses anything else', () => {
    expect(configFromEnv({}).databaseUrl).toBeNull();
    expect(configFromEnv({ DATABASE_URL: '' }).databaseUrl).toBeNull();
    expect(configFromEnv({ DATABASE_URL: 'postgres://u:p@db:5432/discern' }).databaseUrl).toBe('postgres://u:p@db:5432/discern');
    expect(configFromEnv({ DATABASE_URL: 'postgresql://db/discern' }).databaseUrl).toBe('postgresql://db/discern');
    expect(() => configFromEnv({ DATABASE_URL: 'mysql://db/discern' })).toThrow(/DATABASE_URL must start with postgres:\/\//);
    expect(configFromEnv({ DATABASE_POOL_MAX: '25', DATABASE_CONNECT_TIMEOUT_MS: '1500' })).toMatchObject({
      databasePoolMax: 25,
      databaseConnectTimeoutMs: 1500,
    });
    expect(() => configFromEnv({ DATABASE_POOL_MAX: '0' })).toThrow(/DATABASE_POOL_MAX must be a positive integer/);
  });

  it('does not start when Postgres cannot be reached, and says so without the password', async () => {
    const dataDir = tempDataDir();
    const started = buildServer({ dataDir, databaseUrl: 'postgres://discern:s3cret-pass@127.0.0.1:1/discern', databaseConnectTimeoutMs: 1000 });
    await expect(started).rejects.toThrow(/storage failed while opening Postgres/);
    await started.catch((error: Error) => expect(error.message).not.toContain('s3cret-pass'));
    rmSync(dataDir, { recursive: true, force: true });
  });
});
