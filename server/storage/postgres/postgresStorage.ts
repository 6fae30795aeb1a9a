import pg from 'pg';
import { StorageError, storageCall } from '../storageError';
import type {
  BoardDirectory,
  JoinCodeStore,
  RecordStore,
  RecordSummary,
  Storage,
  StoredBoard,
  StoredRecord,
  StoredUpdate,
  UpdateLog,
} from '../storage';
import { LockSpace, migrate } from './migrations';

export interface PostgresStorageOptions {
  /** `postgres://user:password@host:port/database` (DATABASE_URL). */
  url: string;
  /** Connections in the pool (DATABASE_POOL_MAX). */
  poolMax: number;
  /** How long to wait for a connection before a call fails (DATABASE_CONNECT_TIMEOUT_MS). */
  connectTimeoutMs: number;
  /** Told about errors of idle connections (Postgres restarting, a network cut); they never throw. */
  onIdleError?: (error: Error) => void;
}

interface BoardRow {
  id: string;
  title: string;
  created_at: string;
  lead_key: string;
  edit_key: string;
  view_key: string;
}

interface RecordRow {
  id: string;
  board_id: string;
  label: string;
  created_at: string;
  note_count: number;
  state?: Buffer;
  record?: string;
}

function toBoard(row: BoardRow): StoredBoard {
  return {
    id: row.id,
    title: row.title,
    createdAt: Number(row.created_at),
    keys: { lead: row.lead_key, edit: row.edit_key, view: row.view_key },
  };
}

function toRecordSummary(row: RecordRow): RecordSummary {
  return { id: row.id, boardId: row.board_id, label: row.label, createdAt: Number(row.created_at), noteCount: row.note_count };
}

/** BIGINT and BIGSERIAL come back as strings; seqs and millisecond times fit a double exactly. */
function toUpdate(row: { seq: string; data: Buffer }): StoredUpdate {
  return { seq: Number(row.seq), update: new Uint8Array(row.data.buffer, row.data.byteOffset, row.data.byteLength) };
}

/**
 * Boards in Postgres, for one or several server processes sharing one database (`pg` Pool). Each
 * port method is one statement or one transaction. Compactions of a board take turns under a
 * transaction-scoped advisory lock, and saving a record counts and inserts under another, so
 * several processes writing one board keep the same guarantees as one.
 */
export class PostgresStorage implements Storage {
  readonly kind = 'postgres';
  readonly pool: pg.Pool;
  readonly updates: UpdateLog;
  readonly boards: BoardDirectory;
  readonly records: RecordStore;
  readonly joinCodes: JoinCodeStore;
  private closed = false;

  private constructor(options: PostgresStorageOptions) {
    const pool = new pg.Pool({
      connectionString: options.url,
      max: options.poolMax,
      connectionTimeoutMillis: options.connectTimeoutMs,
      idleTimeoutMillis: 30_000,
    });
    this.pool = pool;
    // Without a listener, an idle connection that Postgres drops (a restart) would end the process.
    pool.on('error', (error) => options.onIdleError?.(error));

    const query = <R extends pg.QueryResultRow>(text: string, values: unknown[] = []) => pool.query<R>(text, values);
    const transaction = async <T>(run: (client: pg.PoolClient) => Promise<T>): Promise<T> => {
      const client = await pool.connect();
      let broken = false;
      try {
        await client.query('BEGIN');
        const result = await run(client);
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => {
          broken = true;
        });
        throw error;
      } finally {
        // A connection that could not even roll back is not handed out again.
        client.release(broken);
      }
    };

    this.updates = {
      load: (boardId) => storageCall('loading updates', async () => {
        const { rows } = await query<{ seq: string; data: Buffer }>(
          'SELECT seq, data FROM updates WHERE board_id = $1 ORDER BY seq', [boardId],
        );
        return rows.map(toUpdate);
      }),
      append: (boardId, updates) => storageCall('appending updates', async () => {
        if (updates.length === 0) return [];
        // One statement is one transaction; WITH ORDINALITY keeps the batch's order in the seqs.
        const { rows } = await query<{ seq: string }>(
          `INSERT INTO updates (board_id, data)
             SELECT $1, data FROM unnest($2::bytea[]) WITH ORDINALITY AS batch(data, position) ORDER BY position
           RETURNING seq`,
          [boardId, updates.map((update) => Buffer.from(update.buffer, update.byteOffset, update.byteLength))],
        );
        return rows.map((row) => Number(row.seq)).sort((a, b) => a - b);
      }),
      compact: (boardId, upToSeq, merge) => storageCall('compacting', () =>
        transaction(async (client) => {
          // Compactions of one board take turns; appends go on meanwhile (their seqs are above upToSeq
          // or they are among the rows read here, which the merge includes).
          await client.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [LockSpace.Compaction, boardId]);
          const { rows } = await client.query<{ seq: string; data: Buffer }>(
            'SELECT seq, data FROM updates WHERE board_id = $1 AND seq <= $2 ORDER BY seq FOR UPDATE', [boardId, upToSeq],
          );
          if (rows.length === 0) return;
          const read = rows.map(toUpdate);
          const merged = merge(read);
          const last = read.at(-1)!.seq;
          // Exactly the rows read: a row committed after the read (a lower seq can commit later) stays.
          await client.query('DELETE FROM updates WHERE board_id = $1 AND seq = ANY($2::bigint[])', [boardId, read.map((row) => row.seq)]);
          await client.query('INSERT INTO updates (seq, board_id, data) VALUES ($1, $2, $3)', [last, boardId, Buffer.from(merged)]);
        }),
      ),
    };

    this.boards = {
      create: (board, initialState) => storageCall('creating a board', () =>
        transaction(async (client) => {
          await client.query(
            'INSERT INTO boards (id, title, created_at, lead_key, edit_key, view_key) VALUES ($1, $2, $3, $4, $5, $6)',
            [board.id, board.title, board.createdAt, board.keys.lead, board.keys.edit, board.keys.view],
          );
          await client.query('INSERT INTO updates (board_id, data) VALUES ($1, $2)', [board.id, Buffer.from(initialState)]);
        }),
      ),
      get: (id) => storageCall('reading a board', async () => {
        const { rows } = await query<BoardRow>('SELECT * FROM boards WHERE id = $1', [id]);
        return rows[0] ? toBoard(rows[0]) : null;
      }),
      setTitle: (id, title) => storageCall('storing a title', async () => {
        await query('UPDATE boards SET title = $1 WHERE id = $2', [title, id]);
      }),
    };

    this.records = {
      create: (record: StoredRecord, maxPerBoard: number) => storageCall('storing a record', () =>
        transaction(async (client) => {
          await client.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [LockSpace.Records, record.boardId]);
          const { rows } = await client.query<{ n: string }>('SELECT count(*) AS n FROM snapshots WHERE board_id = $1', [record.boardId]);
          if (Number(rows[0]?.n ?? 0) >= maxPerBoard) return false;
          await client.query(
            'INSERT INTO snapshots (id, board_id, label, created_at, note_count, state, record) VALUES ($1, $2, $3, $4, $5, $6, $7)',
            [record.id, record.boardId, record.label, record.createdAt, record.noteCount, Buffer.from(record.state), record.record],
          );
          return true;
        }),
      ),
      list: (boardId) => storageCall('listing records', async () => {
        const { rows } = await query<RecordRow>(
          'SELECT id, board_id, label, created_at, note_count FROM snapshots WHERE board_id = $1 ORDER BY created_at DESC, position DESC',
          [boardId],
        );
        return rows.map(toRecordSummary);
      }),
      get: (boardId, recordId) => storageCall('reading a record', async () => {
        const { rows } = await query<RecordRow>('SELECT * FROM snapshots WHERE board_id = $1 AND id = $2', [boardId, recordId]);
        const row = rows[0];
        if (!row) return null;
        return { ...toRecordSummary(row), state: new Uint8Array(row.state ?? []), record: row.record ?? '' };
      }),
      delete: (boardId, recordId) => storageCall('deleting a record', async () => {
        const result = await query('DELETE FROM snapshots WHERE board_id = $1 AND id = $2', [boardId, recordId]);
        return (result.rowCount ?? 0) > 0;
      }),
    };

    this.joinCodes = {
      save: (joinCode) => storageCall('storing a join code', () =>
        transaction(async (client) => {
          await client.query('DELETE FROM join_codes WHERE expires_at <= $1', [Date.now()]);
          await client.query('INSERT INTO join_codes (code, board_id, expires_at) VALUES ($1, $2, $3)', [
            joinCode.code, joinCode.boardId, joinCode.expiresAt,
          ]);
        }),
      ),
      current: (boardId, now) => storageCall('reading a join code', async () => {
        const { rows } = await query<{ code: string; expires_at: string }>(
          'SELECT code, expires_at FROM join_codes WHERE board_id = $1 AND expires_at > $2 ORDER BY expires_at DESC LIMIT 1',
          [boardId, now],
        );
        return rows[0] ? { code: rows[0].code, boardId, expiresAt: Number(rows[0].expires_at) } : null;
      }),
      find: (code, now) => storageCall('reading a join code', async () => {
        const { rows } = await query<{ board_id: string; expires_at: string }>(
          'SELECT board_id, expires_at FROM join_codes WHERE code = $1 AND expires_at > $2', [code, now],
        );
        return rows[0] ? { code, boardId: rows[0].board_id, expiresAt: Number(rows[0].expires_at) } : null;
      }),
    };
  }

  /** Connects, applies pending migrations (under an advisory lock) and resolves to the ready storage. */
  static async open(options: PostgresStorageOptions): Promise<PostgresStorage> {
    const storage = new PostgresStorage(options);
    try {
      const client = await storage.pool.connect();
      try {
        await migrate(client);
      } finally {
        client.release();
      }
    } catch (error) {
      await storage.pool.end().catch(() => undefined);
      throw new StorageError('opening Postgres', error);
    }
    return storage;
  }

  ping(): Promise<void> {
    return storageCall('answering a ping', async () => {
      await this.pool.query('SELECT 1');
    });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.pool.end();
  }
}
