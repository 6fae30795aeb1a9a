import type { PoolClient } from 'pg';

/**
 * The Postgres schema, as numbered migrations applied in order. A migration is never edited once
 * released: a change is a new entry. `discern_migrations` records which have run.
 */
export const MIGRATIONS: readonly string[] = [
  `CREATE TABLE boards (
     id TEXT PRIMARY KEY,
     title TEXT NOT NULL,
     created_at BIGINT NOT NULL,
     lead_key TEXT NOT NULL,
     edit_key TEXT NOT NULL,
     view_key TEXT NOT NULL
   );
   CREATE TABLE updates (
     seq BIGSERIAL PRIMARY KEY,
     board_id TEXT NOT NULL REFERENCES boards(id) ON DELETE CASCADE,
     data BYTEA NOT NULL
   );
   CREATE INDEX updates_by_board ON updates(board_id, seq);
   CREATE TABLE snapshots (
     id TEXT PRIMARY KEY,
     -- Breaks ties between records saved in the same millisecond, as SQLite's rowid does.
     position BIGSERIAL NOT NULL,
     board_id TEXT NOT NULL REFERENCES boards(id) ON DELETE CASCADE,
     label TEXT NOT NULL,
     created_at BIGINT NOT NULL,
     note_count INTEGER NOT NULL,
     state BYTEA NOT NULL,
     record TEXT NOT NULL
   );
   CREATE INDEX snapshots_by_board ON snapshots(board_id, created_at);
   CREATE TABLE join_codes (
     code TEXT PRIMARY KEY,
     board_id TEXT NOT NULL REFERENCES boards(id) ON DELETE CASCADE,
     expires_at BIGINT NOT NULL
   );
   CREATE INDEX join_codes_by_board ON join_codes(board_id, expires_at);`,
];

/** Advisory lock keys (first int of the pair) for the kinds of lock Discern takes; the second int is per board. */
export const LockSpace = {
  Migrations: 0x44697300,
  Compaction: 0x44697301,
  Records: 0x44697302,
} as const;

/**
 * Applies the migrations that have not run, in one transaction under an advisory lock, so several
 * processes starting at once apply each exactly once (the others wait, then find nothing to do).
 */
export async function migrate(client: PoolClient): Promise<number> {
  await client.query('BEGIN');
  try {
    await client.query('SELECT pg_advisory_xact_lock($1, 0)', [LockSpace.Migrations]);
    await client.query(`CREATE TABLE IF NOT EXISTS discern_migrations (
      version INTEGER PRIMARY KEY,
      applied_at TIMESTAMPTZ NOT NULL DEFAULT now()
    )`);
    const { rows } = await client.query<{ version: number | null }>('SELECT max(version) AS version FROM discern_migrations');
    const applied = rows[0]?.version ?? 0;
    for (let next = applied; next < MIGRATIONS.length; next++) {
      await client.query(MIGRATIONS[next]!);
      await client.query('INSERT INTO discern_migrations (version) VALUES ($1)', [next + 1]);
    }
    await client.query('COMMIT');
    return MIGRATIONS.length;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}
