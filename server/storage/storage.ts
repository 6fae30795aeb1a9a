import type { Role } from '../../shared/protocol/ids';

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

/** A saved discernment record of a board, as lists show it. */
export interface SnapshotSummary {
  readonly id: string;
  readonly boardId: string;
  readonly label: string;
  readonly createdAt: number;
  readonly noteCount: number;
}

/** A snapshot with what it holds: the full Yjs state and the record (JSON) derived from it. */
export interface StoredSnapshot extends SnapshotSummary {
  readonly state: Uint8Array;
  readonly record: string;
}

/**
 * Where boards live. The interface is synchronous on purpose: the server's guarantee is that an
 * update is committed before it is forwarded to anyone, and a synchronous commit (better-sqlite3)
 * keeps that ordering trivially true within one event-loop tick. A networked store would need the
 * room to await commits before fan-out instead.
 */
export interface BoardStorage {
  createBoard(board: StoredBoard, initialState: Uint8Array): void;
  getBoard(id: string): StoredBoard | null;
  /** The role a key grants on a board, or null if the key is not one of the board's keys. */
  roleForKey(boardId: string, key: string): Role | null;
  setBoardTitle(id: string, title: string): void;
  /** All stored updates of a board, oldest first. Applying them in order rebuilds the board. */
  loadUpdates(boardId: string): StoredUpdate[];
  /** Appends updates in one transaction; when it returns they are durable. Returns the last one's seq. */
  appendUpdates(boardId: string, updates: readonly Uint8Array[]): number;
  /** Replaces every update up to and including `upToSeq` with one merged state, in one transaction. */
  compact(boardId: string, merged: Uint8Array, upToSeq: number): void;
  /** Stores an immutable snapshot of a board. */
  createSnapshot(snapshot: StoredSnapshot): void;
  /** A board's snapshots, newest first. */
  listSnapshots(boardId: string): SnapshotSummary[];
  getSnapshot(boardId: string, snapshotId: string): StoredSnapshot | null;
  /** Returns false if the board has no such snapshot. */
  deleteSnapshot(boardId: string, snapshotId: string): boolean;
  /** Stores a join code (and forgets expired ones). */
  saveJoinCode(joinCode: JoinCode): void;
  /** The board's newest join code still valid at `now`, if any. */
  currentJoinCode(boardId: string, now: number): JoinCode | null;
  findJoinCode(code: string, now: number): JoinCode | null;
  /** Throws when the store cannot be reached (GET /readyz). */
  ping(): void;
  close(): void;
}
