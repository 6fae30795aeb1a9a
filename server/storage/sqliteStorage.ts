import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { storageCall } from './storageError';
import type {
  BoardDirectory,
  JoinCode,
  JoinCodeStore,
  RecordStore,
  RecordSummary,
  Storage,
  StoredBoard,
  StoredRecord,
  UpdateLog,
} from './storage';

/** Schema migrations, applied in order and recorded in SQLite's user_version. */
const SCHEMA: readonly string[] = [
  `CREATE TABLE boards (
     id TEXT PRIMARY KEY,
     title TEXT NOT NULL,
     created_at INTEGER NOT NULL,
     lead_key TEXT NOT NULL,
     edit_key TEXT NOT NULL,
     view_key TEXT NOT NULL
   ) STRICT;
   CREATE TABLE updates (
     seq INTEGER PRIMARY KEY AUTOINCREMENT,
     board_id TEXT NOT NULL REFERENCES boards(id) ON DELETE CASCADE,
     data BLOB NOT NULL
   ) STRICT;
   CREATE INDEX updates_by_board ON updates(board_id, seq);`,
  `CREATE TABLE snapshots (
     id TEXT PRIMARY KEY,
     board_id TEXT NOT NULL REFERENCES boards(id) ON DELETE CASCADE,
     label TEXT NOT NULL,
     created_at INTEGER NOT NULL,
     note_count INTEGER NOT NULL,
     state BLOB NOT NULL,
     record TEXT NOT NULL
   ) STRICT;
   CREATE INDEX snapshots_by_board ON snapshots(board_id, created_at);`,
  `CREATE TABLE join_codes (
     code TEXT PRIMARY KEY,
     board_id TEXT NOT NULL REFERENCES boards(id) ON DELETE CASCADE,
     expires_at INTEGER NOT NULL
   ) STRICT;
   CREATE INDEX join_codes_by_board ON join_codes(board_id, expires_at);`,
];

interface BoardRow {
  id: string;
  title: string;
  created_at: number;
  lead_key: string;
  edit_key: string;
  view_key: string;
}

interface RecordRow {
  id: string;
  board_id: string;
  label: string;
  created_at: number;
  note_count: number;
  state?: Buffer;
  record?: string;
}

function toRecordSummary(row: RecordRow): RecordSummary {
  return { id: row.id, boardId: row.board_id, label: row.label, createdAt: row.created_at, noteCount: row.note_count };
}

function toBoard(row: BoardRow): StoredBoard {
  return {
    id: row.id,
    title: row.title,
    createdAt: row.created_at,
    keys: { lead: row.lead_key, edit: row.edit_key, view: row.view_key },
  };
}

export interface SqliteStorageOptions {
  /** SQLite `synchronous` with WAL: NORMAL (default) survives a crash of the process, FULL a power cut too. */
  synchronous?: 'NORMAL' | 'FULL';
}

/**
 * Boards in one SQLite file, for one server process. WAL with synchronous=NORMAL makes every
 * committed transaction survive a crash or kill of the process (not a power cut, which needs FULL:
 * an fsync per commit). better-sqlite3 is synchronous: each port method does its work at once and
 * resolves in the same tick, so a room's commit costs no extra turn of the event loop.
 */
export class SqliteStorage implements Storage {
  readonly kind = 'sqlite';
  readonly db: Database.Database;
  readonly updates: UpdateLog;
  readonly boards: BoardDirectory;
  readonly records: RecordStore;
  readonly joinCodes: JoinCodeStore;

  constructor(file: string, options: SqliteStorageOptions = {}) {
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
    const db = new Database(file);
    this.db = db;
    db.pragma('journal_mode = WAL');
    // A fixed pair of words, never caller text, goes into the pragma.
    db.pragma(options.synchronous === 'FULL' ? 'synchronous = FULL' : 'synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    this.migrate();
    const statements = {
      insertBoard: db.prepare(
        'INSERT INTO boards (id, title, created_at, lead_key, edit_key, view_key) VALUES (?, ?, ?, ?, ?, ?)',
      ),
      getBoard: db.prepare<[string], BoardRow>('SELECT * FROM boards WHERE id = ?'),
      setTitle: db.prepare('UPDATE boards SET title = ? WHERE id = ?'),
      insertUpdate: db.prepare('INSERT INTO updates (board_id, data) VALUES (?, ?)'),
      loadUpdates: db.prepare<[string], { seq: number; data: Buffer }>(
        'SELECT seq, data FROM updates WHERE board_id = ? ORDER BY seq',
      ),
      loadUpTo: db.prepare<[string, number], { seq: number; data: Buffer }>(
        'SELECT seq, data FROM updates WHERE board_id = ? AND seq <= ? ORDER BY seq',
      ),
      deleteUpTo: db.prepare('DELETE FROM updates WHERE board_id = ? AND seq <= ?'),
      insertUpdateAt: db.prepare('INSERT INTO updates (seq, board_id, data) VALUES (?, ?, ?)'),
      insertRecord: db.prepare(
        'INSERT INTO snapshots (id, board_id, label, created_at, note_count, state, record) VALUES (?, ?, ?, ?, ?, ?, ?)',
      ),
      countRecords: db.prepare<[string], { n: number }>('SELECT count(*) AS n FROM snapshots WHERE board_id = ?'),
      listRecords: db.prepare<[string], RecordRow>(
        // rowid breaks ties between records taken in the same millisecond.
        'SELECT id, board_id, label, created_at, note_count FROM snapshots WHERE board_id = ? ORDER BY created_at DESC, rowid DESC',
      ),
      getRecord: db.prepare<[string, string], RecordRow>('SELECT * FROM snapshots WHERE board_id = ? AND id = ?'),
      deleteRecord: db.prepare('DELETE FROM snapshots WHERE board_id = ? AND id = ?'),
      forgetExpiredCodes: db.prepare('DELETE FROM join_codes WHERE expires_at <= ?'),
      insertCode: db.prepare('INSERT INTO join_codes (code, board_id, expires_at) VALUES (?, ?, ?)'),
      currentCode: db.prepare<[string, number], { code: string; expires_at: number }>(
        'SELECT code, expires_at FROM join_codes WHERE board_id = ? AND expires_at > ? ORDER BY expires_at DESC LIMIT 1',
      ),
      findCode: db.prepare<[string, number], { board_id: string; expires_at: number }>(
        'SELECT board_id, expires_at FROM join_codes WHERE code = ? AND expires_at > ?',
      ),
    };

    this.updates = {
      load: (boardId) => storageCall('loading updates', () =>
        statements.loadUpdates.all(boardId).map((row) => ({ seq: row.seq, update: new Uint8Array(row.data) })),
      ),
      append: (boardId, updates) => storageCall('appending updates', () =>
        db.transaction(() => {
          return updates.map((update) => Number(statements.insertUpdate.run(boardId, update).lastInsertRowid));
        })(),
      ),
      compact: (boardId, upToSeq, merge) => storageCall('compacting', () => {
        db.transaction(() => {
          const rows = statements.loadUpTo.all(boardId, upToSeq).map((row) => ({ seq: row.seq, update: new Uint8Array(row.data) }));
          if (rows.length === 0) return;
          const merged = merge(rows);
          statements.deleteUpTo.run(boardId, upToSeq);
          // The merged state takes the place of the last row it replaces, so later updates stay after it.
          statements.insertUpdateAt.run(rows.at(-1)!.seq, boardId, merged);
        })();
      }),
    };

    this.boards = {
      create: (board, initialState) => storageCall('creating a board', () => {
        db.transaction(() => {
          statements.insertBoard.run(board.id, board.title, board.createdAt, board.keys.lead, board.keys.edit, board.keys.view);
          statements.insertUpdate.run(board.id, initialState);
        })();
      }),
      get: (id) => storageCall('reading a board', () => {
        const row = statements.getBoard.get(id);
        return row ? toBoard(row) : null;
      }),
      setTitle: (id, title) => storageCall('storing a title', () => {
        statements.setTitle.run(title, id);
      }),
    };

    this.records = {
      create: (record: StoredRecord, maxPerBoard: number) => storageCall('storing a record', () =>
        db.transaction(() => {
          if (statements.countRecords.get(record.boardId)!.n >= maxPerBoard) return false;
          statements.insertRecord.run(
            record.id, record.boardId, record.label, record.createdAt, record.noteCount, record.state, record.record,
          );
          return true;
        })(),
      ),
      list: (boardId) => storageCall('listing records', () => statements.listRecords.all(boardId).map(toRecordSummary)),
      get: (boardId, recordId) => storageCall('reading a record', () => {
        const row = statements.getRecord.get(boardId, recordId);
        if (!row) return null;
        return { ...toRecordSummary(row), state: new Uint8Array(row.state ?? []), record: row.record ?? '' };
      }),
      delete: (boardId, recordId) => storageCall('deleting a record', () =>
        statements.deleteRecord.run(boardId, recordId).changes > 0,
      ),
    };

    this.joinCodes = {
      save: (joinCode: JoinCode) => storageCall('storing a join code', () => {
        db.transaction(() => {
          statements.forgetExpiredCodes.run(Date.now());
          statements.insertCode.run(joinCode.code, joinCode.boardId, joinCode.expiresAt);
        })();
      }),
      current: (boardId, now) => storageCall('reading a join code', () => {
        const row = statements.currentCode.get(boardId, now);
        return row ? { code: row.code, boardId, expiresAt: row.expires_at } : null;
      }),
      find: (code, now) => storageCall('reading a join code', () => {
        const row = statements.findCode.get(code, now);
        return row ? { code, boardId: row.board_id, expiresAt: row.expires_at } : null;
      }),
    };
  }

  private migrate(): void {
    const version = this.db.pragma('user_version', { simple: true }) as number;
    for (let next = version; next < SCHEMA.length; next++) {
      this.db.transaction(() => {
        this.db.exec(SCHEMA[next] ?? '');
        this.db.pragma(`user_version = ${next + 1}`);
      })();
    }
  }

  ping(): Promise<void> {
    return storageCall('answering a ping', () => {
      this.db.prepare('SELECT 1').get();
    });
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}
