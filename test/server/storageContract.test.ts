import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import * as Y from 'yjs';
import { roleForKey } from '../../server/boards/roleForKey';
import { PostgresStorage } from '../../server/storage/postgres/postgresStorage';
import { MIGRATIONS } from '../../server/storage/postgres/migrations';
import { SqliteStorage } from '../../server/storage/sqliteStorage';
import { StorageError } from '../../server/storage/storageError';
import type { Storage, StoredBoard, StoredRecord, StoredUpdate } from '../../server/storage/storage';
import { startPostgres, type TestPostgres } from '../helpers/postgres';
import { tempDataDir } from '../helpers/server';

/**
 * The contract every storage backend keeps, run against SQLite (a real file) and Postgres (a real
 * server started for this file, a fresh database per test). `open` gives a second, independent
 * connection to the same store, as a second writer (another process) would have.
 */
interface Made {
  storage: Storage;
  open: () => Promise<Storage>;
  cleanup: () => Promise<void>;
}

let postgres: TestPostgres | null = null;
beforeAll(async () => {
  // Fails, with what to install, when Postgres is missing: CI must run both backends.
  postgres = await startPostgres();
});
afterAll(async () => {
  await postgres?.destroy();
});

const postgresOptions = (url: string) => ({ url, poolMax: 4, connectTimeoutMs: 5_000 });

const implementations: Array<[string, () => Promise<Made>]> = [
  [
    'SQLite (file)',
    async () => {
      const dir = tempDataDir();
      const file = join(dir, 'discern.sqlite');
      return {
        storage: new SqliteStorage(file),
        open: async () => new SqliteStorage(file),
        cleanup: async () => rmSync(dir, { recursive: true, force: true }),
      };
    },
  ],
  [
    'Postgres',
    async () => {
      const url = await postgres!.createDatabase();
      return {
        storage: await PostgresStorage.open(postgresOptions(url)),
        open: () => PostgresStorage.open(postgresOptions(url)),
        cleanup: async () => undefined,
      };
    },
  ],
];

const board: StoredBoard = {
  id: 'board_aaaaaaaaaaaaaaaaaa',
  title: 'Contract',
  createdAt: 1_700_000_000_000,
  keys: { lead: 'lead_aaaaaaaaaaaaaaaaaaa', edit: 'edit_aaaaaaaaaaaaaaaaaaa', view: 'view_aaaaaaaaaaaaaaaaaaa' },
};
const bytes = (...values: number[]): Uint8Array => new Uint8Array(values);

/** A real Yjs update that sets `key` in the `notes` map, made by its own client. */
function noteUpdate(key: string): Uint8Array {
  const doc = new Y.Doc();
  doc.getMap('notes').set(key, key);
  const update = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return update;
}

function notesOf(rows: readonly StoredUpdate[]): string[] {
  const doc = new Y.Doc();
  for (const { update } of rows) Y.applyUpdate(doc, update);
  const keys = [...doc.getMap('notes').keys()].sort();
  doc.destroy();
  return keys;
}

const mergeAll = (rows: readonly StoredUpdate[]): Uint8Array => Y.mergeUpdates(rows.map((row) => row.update));

describe.each(implementations)('%s', (_name, make) => {
  const opened: Storage[] = [];
  const cleanups: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const storage of opened.splice(0)) await storage.close();
    for (const cleanup of cleanups.splice(0)) await cleanup();
  });
  const fresh = async (): Promise<Made> => {
    const made = await make();
    opened.push(made.storage);
    cleanups.push(made.cleanup);
    return {
      ...made,
      open: async () => {
        const another = await made.open();
        opened.push(another);
        return another;
      },
    };
  };

  it('stores a board with its initial state and maps each key to its role', async () => {
    const { storage } = await fresh();
    await storage.boards.create(board, bytes(1, 2, 3));
    expect(await storage.boards.get(board.id)).toEqual(board);
    expect(await storage.boards.get('missing')).toBeNull();
    const stored = (await storage.boards.get(board.id))!;
    expect(roleForKey(stored, board.keys.lead)).toBe('lead');
    expect(roleForKey(stored, board.keys.edit)).toBe('edit');
    expect(roleForKey(stored, board.keys.view)).toBe('view');
    expect(roleForKey(stored, 'lead_aaaaaaaaaaaaaaaaaab')).toBeNull();
    expect((await storage.updates.load(board.id)).map((u) => [...u.update])).toEqual([[1, 2, 3]]);
    expect(await storage.updates.load('missing')).toEqual([]);
  });

  it('appends updates in order and compacts them into one row that keeps later updates after it', async () => {
    const { storage } = await fresh();
    await storage.boards.create(board, bytes(0));
    const seqs = await storage.updates.append(board.id, [bytes(1), bytes(2)]);
    expect(seqs).toHaveLength(2);
    expect(seqs[1]!).toBeGreaterThan(seqs[0]!);
    expect((await storage.updates.load(board.id)).map((u) => u.update[0])).toEqual([0, 1, 2]);
    await storage.updates.compact(board.id, seqs.at(-1)!, () => bytes(9));
    await storage.updates.append(board.id, [bytes(3)]);
    expect((await storage.updates.load(board.id)).map((u) => u.update[0])).toEqual([9, 3]);
  });

  it('keeps everything across close and reopen', async () => {
    const { storage, open } = await fresh();
    await storage.boards.create(board, bytes(7));
    await storage.boards.setTitle(board.id, 'Renamed');
    await storage.updates.append(board.id, [bytes(8)]);
    await storage.close();
    const again = await open();
    expect((await again.boards.get(board.id))?.title).toBe('Renamed');
    expect((await again.updates.load(board.id)).map((u) => u.update[0])).toEqual([7, 8]);
  });

  it('compacts only the rows up to the seq asked for, handing every one of them to the merge, another writer’s too', async () => {
    const { storage, open } = await fresh();
    const other = await open();
    await storage.boards.create(board, noteUpdate('initial'));
    const [fromOther] = await other.updates.append(board.id, [noteUpdate('other writer')]);
    const [mine] = await storage.updates.append(board.id, [noteUpdate('mine')]);
    expect(mine!).toBeGreaterThan(fromOther!);
    let handed: number[] = [];
    await storage.updates.compact(board.id, mine!, (rows) => {
      handed = rows.map((row) => row.seq);
      return mergeAll(rows);
    });
    expect(handed).toContain(fromOther);
    expect(handed.at(-1)).toBe(mine);
    // A row appended after the seq read stays after the merged one.
    await other.updates.append(board.id, [noteUpdate('later')]);
    const rows = await storage.updates.load(board.id);
    expect(rows).toHaveLength(2);
    expect(notesOf(rows)).toEqual(['initial', 'later', 'mine', 'other writer']);
  });

  it('loses nothing when two writers compact and append at once', async () => {
    const { storage, open } = await fresh();
    const other = await open();
    await storage.boards.create(board, noteUpdate('n-initial'));
    const expected = ['n-initial'];
    for (let round = 0; round < 5; round++) {
      const a = `a${round}`;
      const b = `b${round}`;
      expected.push(a, b);
      const [seqA] = await storage.updates.append(board.id, [noteUpdate(a)]);
      const [seqB] = await other.updates.append(board.id, [noteUpdate(b)]);
      await Promise.all([
        storage.updates.compact(board.id, seqA!, mergeAll),
        other.updates.compact(board.id, seqB!, mergeAll),
        storage.updates.append(board.id, [noteUpdate(`${a}-late`)]),
        other.updates.append(board.id, [noteUpdate(`${b}-late`)]),
      ]);
      expected.push(`${a}-late`, `${b}-late`);
    }
    expect(notesOf(await storage.updates.load(board.id))).toEqual(expected.sort());
  });

  it('stores records, newest first, counts them against a limit even when saved at once, and deletes them', async () => {
    const { storage } = await fresh();
    await storage.boards.create(board, bytes(0));
    const make = (id: string, createdAt: number): StoredRecord => ({
      id, boardId: board.id, label: id, createdAt, noteCount: 1, state: bytes(1, 2, 3), record: '{}',
    });
    expect(await storage.records.create(make('s1', 100), 10)).toBe(true);
    expect(await storage.records.create(make('s2', 300), 10)).toBe(true);
    expect(await storage.records.create(make('s3', 300), 10)).toBe(true);
    expect((await storage.records.list(board.id)).map((s) => s.id)).toEqual(['s3', 's2', 's1']);
    expect(await storage.records.get(board.id, 's1')).toEqual(make('s1', 100));
    expect(await storage.records.get('other', 's1')).toBeNull();
    const saved = await Promise.all(['c1', 'c2', 'c3', 'c4'].map((id) => storage.records.create(make(id, 400), 5)));
    expect(saved.filter(Boolean)).toHaveLength(2);
    expect(await storage.records.list(board.id)).toHaveLength(5);
    expect(await storage.records.delete('other', 's1')).toBe(false);
    expect(await storage.records.delete(board.id, 's1')).toBe(true);
    expect(await storage.records.delete(board.id, 's1')).toBe(false);
  });

  it('finds join codes until they expire, the newest per board first', async () => {
    const { storage } = await fresh();
    await storage.boards.create(board, bytes(0));
    await storage.joinCodes.save({ code: 'AAAAAA', boardId: board.id, expiresAt: Date.now() + 1_000 });
    await storage.joinCodes.save({ code: 'BBBBBB', boardId: board.id, expiresAt: Date.now() + 60_000 });
    expect((await storage.joinCodes.current(board.id, Date.now()))?.code).toBe('BBBBBB');
    expect(await storage.joinCodes.find('AAAAAA', Date.now())).toEqual({ code: 'AAAAAA', boardId: board.id, expiresAt: expect.any(Number) });
    expect(await storage.joinCodes.find('AAAAAA', Date.now() + 2_000)).toBeNull();
    expect(await storage.joinCodes.current(board.id, Date.now() + 120_000)).toBeNull();
    expect(await storage.joinCodes.find('CCCCCC', Date.now())).toBeNull();
  });

  it('answers a ping while up, and rejects every call with a StorageError once it cannot work', async () => {
    const { storage } = await fresh();
    await expect(storage.ping()).resolves.toBeUndefined();
    // An update for a board that does not exist breaks a foreign key: the store refuses it.
    await expect(storage.updates.append('missing', [bytes(1)])).rejects.toBeInstanceOf(StorageError);
    await storage.close();
    await expect(storage.ping()).rejects.toBeInstanceOf(StorageError);
    await expect(storage.boards.get(board.id)).rejects.toBeInstanceOf(StorageError);
  });
});

describe('Postgres migrations', () => {
  it('are applied once, recorded, and safe when several processes start at once', async () => {
    const url = await postgres!.createDatabase();
    const storages = await Promise.all([1, 2, 3].map(() => PostgresStorage.open(postgresOptions(url))));
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const { rows } = await client.query<{ version: number }>('SELECT version FROM discern_migrations ORDER BY version');
      expect(rows.map((row) => row.version)).toEqual(MIGRATIONS.map((_sql, index) => index + 1));
    } finally {
      await client.end();
      for (const storage of storages) await storage.close();
    }
  });

  it('refuses to open, with a StorageError, when Postgres cannot be reached', async () => {
    await expect(PostgresStorage.open({ url: 'postgres://postgres@127.0.0.1:1/none', poolMax: 1, connectTimeoutMs: 2_000 })).rejects.toBeInstanceOf(
      StorageError,
    );
  });
});
