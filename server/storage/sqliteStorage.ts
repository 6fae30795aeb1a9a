import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { Role } from '../../shared/protocol/ids';
import { secretsEqual } from '../secrets';
import type { BoardStorage, JoinCode, SnapshotSummary, StoredBoard, StoredSnapshot, StoredUpdate } from './storage';

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

interface SnapshotRow {
  id: string;
  board_id: string;
  label: string;
  created_at: number;
  note_count: number;
  state?: Buffer;
  record?: string;
}

function toSnapshotSummary(row: SnapshotRow): SnapshotSummary {
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
 * Boards in one SQLite file. WAL with synchronous=NORMAL makes every committed transaction
 * survive a crash or kill of the process (not a power cut, which needs FULL: an fsync per commit).
 */
export class SqliteStorage implements BoardStorage {
  readonly db: Database.Database;
  private readonly statements;

  constructor(file: string, options: SqliteStorageOptions = {}) {
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    // A fixed pair of words, never caller text, goes into the pragma.
    this.db.pragma(options.synchronous === 'FULL' ? 'synchronous = FULL' : 'synchronous = NORMAL');
    this.db.pragma('foreign_keys = ON');
    this.migrate();
    this.statements = {
      insertBoard: this.db.prepare(
        'INSERT INTO boards (id, title, created_at, lead_key, edit_key, view_key) VALUES (?, ?, ?, ?, ?, ?)',
      ),
      getBoard: this.db.prepare<[string], BoardRow>('SELECT * FROM boards WHERE id = ?'),
      setTitle: this.db.prepare('UPDATE boards SET title = ? WHERE id = ?'),
      insertUpdate: this.db.prepare('INSERT INTO updates (board_id, data) VALUES (?, ?)'),
      loadUpdates: this.db.prepare<[string], { seq: number; data: Buffer }>(
        'SELECT seq, data FROM updates WHERE board_id = ? ORDER BY seq',
      ),
      deleteUpTo: this.db.prepare('DELETE FROM updates WHERE board_id = ? AND seq <= ?'),
      insertUpdateAt: this.db.prepare('INSERT INTO updates (seq, board_id, data) VALUES (?, ?, ?)'),
      insertSnapshot: this.db.prepare(
        'INSERT INTO snapshots (id, board_id, label, created_at, note_count, state, record) VALUES (?, ?, ?, ?, ?, ?, ?)',
      ),
      listSnapshots: this.db.prepare<[string], SnapshotRow>(
        // rowid breaks ties between snapshots taken in the same millisecond.
        'SELECT id, board_id, label, created_at, note_count FROM snapshots WHERE board_id = ? ORDER BY created_at DESC, rowid DESC',
      ),
      getSnapshot: this.db.prepare<[string, string], SnapshotRow>('SELECT * FROM snapshots WHERE board_id = ? AND id = ?'),
      deleteSnapshot: this.db.prepare('DELETE FROM snapshots WHERE board_id = ? AND id = ?'),
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

  createBoard(board: StoredBoard, initialState: Uint8Array): void {
    this.db.transaction(() => {
      this.statements.insertBoard.run(
        board.id, board.title, board.createdAt, board.keys.lead, board.keys.edit, board.keys.view,
      );
      this.statements.insertUpdate.run(board.id, initialState);
    })();
  }

  getBoard(id: string): StoredBoard | null {
    const row = this.statements.getBoard.get(id);
    return row ? toBoard(row) : null;
  }

  roleForKey(boardId: string, key: string): Role | null {
    const board = this.getBoard(boardId);
    if (!board) return null;
    // Check every key, in constant time each (whatever the guess's length), so timing tells neither
    // how close a guess came nor which role it came close to.
    const matches = {
      lead: secretsEqual(key, board.keys.lead),
      edit: secretsEqual(key, board.keys.edit),
      view: secretsEqual(key, board.keys.view),
    };
    if (matches.lead) return Role.Lead;
    if (matches.edit) return Role.Edit;
    if (matches.view) return Role.View;
    return null;
  }

  setBoardTitle(id: string, title: string): void {
    this.statements.setTitle.run(title, id);
  }

  loadUpdates(boardId: string): StoredUpdate[] {
    return this.statements.loadUpdates.all(boardId).map((row) => ({ seq: row.seq, update: new Uint8Array(row.data) }));
  }

  appendUpdates(boardId: string, updates: readonly Uint8Array[]): number {
    return this.db.transaction(() => {
      let last = 0;
      for (const update of updates) last = Number(this.statements.insertUpdate.run(boardId, update).lastInsertRowid);
      return last;
    })();
  }

  compact(boardId: string, merged: Uint8Array, upToSeq: number): void {
    this.db.transaction(() => {
      this.statements.deleteUpTo.run(boardId, upToSeq);
      // The merged state takes the place of the last update it replaces, so later updates stay after it.
      this.statements.insertUpdateAt.run(upToSeq, boardId, merged);
    })();
  }

  createSnapshot(snapshot: StoredSnapshot): void {
    this.statements.insertSnapshot.run(
      snapshot.id, snapshot.boardId, snapshot.label, snapshot.createdAt, snapshot.noteCount, snapshot.state, snapshot.record,
    );
  }

  listSnapshots(boardId: string): SnapshotSummary[] {
    return this.statements.listSnapshots.all(boardId).map(toSnapshotSummary);
  }

  getSnapshot(boardId: string, snapshotId: string): StoredSnapshot | null {
    const row = this.statements.getSnapshot.get(boardId, snapshotId);
    if (!row) return null;
    return { ...toSnapshotSummary(row), state: new Uint8Array(row.state ?? []), record: row.record ?? '' };
  }

  deleteSnapshot(boardId: string, snapshotId: string): boolean {
    return this.statements.deleteSnapshot.run(boardId, snapshotId).changes > 0;
  }

  saveJoinCode(joinCode: JoinCode): void {
    this.db.transaction(() => {
      this.db.prepare('DELETE FROM join_codes WHERE expires_at <= ?').run(Date.now());
      this.db
        .prepare('INSERT INTO join_codes (code, board_id, expires_at) VALUES (?, ?, ?)')
        .run(joinCode.code, joinCode.boardId, joinCode.expiresAt);
    })();
  }

  currentJoinCode(boardId: string, now: number): JoinCode | null {
    const row = this.db
      .prepare<[string, number], { code: string; expires_at: number }>(
        'SELECT code, expires_at FROM join_codes WHERE board_id = ? AND expires_at > ? ORDER BY expires_at DESC LIMIT 1',
      )
      .get(boardId, now);
    return row ? { code: row.code, boardId, expiresAt: row.expires_at } : null;
  }

  findJoinCode(code: string, now: number): JoinCode | null {
    const row = this.db
      .prepare<[string, number], { board_id: string; expires_at: number }>(
        'SELECT board_id, expires_at FROM join_codes WHERE code = ? AND expires_at > ?',
      )
      .get(code, now);
    return row ? { code, boardId: row.board_id, expiresAt: row.expires_at } : null;
  }

  ping(): void {
    this.db.prepare('SELECT 1').get();
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}
