/**
 * The storage ports: four narrow, asynchronous interfaces, each a fetch and a store (the shape of
 * Hocuspocus's extension-database), and the `Storage` bundle that one backend provides. Two backends
 * implement them: SQLite (sqliteStorage.ts, the default) and Postgres (postgres/postgresStorage.ts);
 * openStorage.ts picks one from the config. test/server/storageContract.test.ts holds both to the
 * same contract. Every method rejects with a `StorageError` (storageError.ts) when the store fails.
 */
import type { RecordSummary } from '../../shared/board/recordSchema';

export interface BoardKeys {
  readonly lead: string;
  readonly edit: string;
  readonly view: string;
}

export interface StoredBoard {
  readonly id: string;
  readonly title: string;
  readonly createdAt: number;
  readonly keys: BoardKeys;
}

/** A short code that stands for a board's edit link for a while, for a shared screen to show. */
export interface JoinCode {
  readonly code: string;
  readonly boardId: string;
  readonly expiresAt: number;
}

/** One stored Yjs update of a board, in the order it was committed. */
export interface StoredUpdate {
  readonly seq: number;
  readonly update: Uint8Array;
}

/** A saved discernment record of a board, as lists show it: declared once, with its JSON Schema. */
export type { RecordSummary };

/** A record with what it holds: the full Yjs state and the record (JSON) derived from it. */
export interface StoredRecord extends Readonly<RecordSummary> {
  readonly state: Uint8Array;
  readonly record: string;
}

/**
 * Merges the rows a compaction replaces into one state. It receives every row of the board up to
 * the seq asked for, as storage holds them inside the compaction's transaction (so rows another
 * writer appended are among them), and must return a state that contains all of them.
 */
export type MergeRows = (rows: readonly StoredUpdate[]) => Uint8Array;

/** A board's document as an append-only log of Yjs updates: all a room needs. */
export interface UpdateLog {
  /** All stored updates of a board, oldest first. Applying them in order rebuilds the board. */
  load(boardId: string): Promise<StoredUpdate[]>;
  /** Appends updates, one row each, in one transaction; when it resolves they are durable. Resolves to their seqs, in order. */
  append(boardId: string, updates: readonly Uint8Array[]): Promise<number[]>;
  /**
   * Replaces the board's rows up to and including `upToSeq` with `merge(thoseRows)`, in one
   * transaction, so rows appended meanwhile (seq above it) stay after the merged one and nothing is
   * lost. With several writers compactions of one board take turns (Postgres: an advisory lock).
   */
  compact(boardId: string, upToSeq: number, merge: MergeRows): Promise<void>;
}

/** Boards, their keys and their REST title. */
export interface BoardDirectory {
  /** Stores the board and its first update in one transaction. */
  create(board: StoredBoard, initialState: Uint8Array): Promise<void>;
  get(id: string): Promise<StoredBoard | null>;
  setTitle(id: string, title: string): Promise<void>;
}

/** Records (the table, and the routes' first path, say snapshots): immutable saved states of a board. */
export interface RecordStore {
  /**
   * Stores a record unless its board already has `maxPerBoard`; resolves false then. The count and
   * the insert are one step, so concurrent saves cannot pass the limit together.
   */
  create(record: StoredRecord, maxPerBoard: number): Promise<boolean>;
  /** A board's records, newest first. */
  list(boardId: string): Promise<RecordSummary[]>;
  get(boardId: string, recordId: string): Promise<StoredRecord | null>;
  /** Resolves false if the board has no such record. */
  delete(boardId: string, recordId: string): Promise<boolean>;
}

/** Join codes for a shared screen. */
export interface JoinCodeStore {
  /** Stores a join code (and forgets expired ones). */
  save(joinCode: JoinCode): Promise<void>;
  /** The board's newest join code still valid at `now`, if any. */
  current(boardId: string, now: number): Promise<JoinCode | null>;
  find(code: string, now: number): Promise<JoinCode | null>;
}

/** One backend: the four ports over one store, plus what the process needs to run it. */
export interface Storage {
  /** `sqlite` or `postgres`, for logs and tests. */
  readonly kind: 'sqlite' | 'postgres';
  readonly updates: UpdateLog;
  readonly boards: BoardDirectory;
  readonly records: RecordStore;
  readonly joinCodes: JoinCodeStore;
  /** Resolves when the store answers a trivial query (for `/readyz`); rejects with a StorageError otherwise. */
  ping(): Promise<void>;
  /** Closes the store; call once, after every room has been stored. */
  close(): Promise<void>;
}
