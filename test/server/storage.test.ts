import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SqliteStorage } from '../../server/storage/sqliteStorage';
import type { BoardStorage, StoredBoard } from '../../server/storage/storage';
import { tempDataDir } from '../helpers/server';

/** The contract every BoardStorage must keep; each implementation runs the same suite. */
const implementations: Array<[string, () => { storage: BoardStorage; reopen: () => BoardStorage; cleanup: () => void }]> = [
  [
    'SqliteStorage (file)',
    () => {
      const dir = tempDataDir();
      const file = join(dir, 'discern.sqlite');
      return { storage: new SqliteStorage(file), reopen: () => new SqliteStorage(file), cleanup: () => rmSync(dir, { recursive: true, force: true }) };
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

describe.each(implementations)('%s', (_name, make) => {
  const opened: Array<{ storage: BoardStorage; cleanup: () => void }> = [];
  afterEach(() => {
    for (const { storage, cleanup } of opened.splice(0)) {
      storage.close();
      cleanup();
    }
  });
  const fresh = (): ReturnType<typeof make> => {
    const made = make();
    opened.push(made);
    return made;
  };

  it('stores a board with its initial state and maps each key to its role', () => {
    const { storage } = fresh();
    storage.createBoard(board, bytes(1, 2, 3));
    expect(storage.getBoard(board.id)).toEqual(board);
    expect(storage.getBoard('missing')).toBeNull();
    expect(storage.roleForKey(board.id, board.keys.lead)).toBe('lead');
    expect(storage.roleForKey(board.id, board.keys.edit)).toBe('edit');
    expect(storage.roleForKey(board.id, board.keys.view)).toBe('view');
    expect(storage.roleForKey(board.id, 'lead_aaaaaaaaaaaaaaaaaab')).toBeNull();
    expect(storage.roleForKey('missing', board.keys.lead)).toBeNull();
    expect(storage.loadUpdates(board.id).map((u) => [...u.update])).toEqual([[1, 2, 3]]);
  });

  it('appends updates in order and compacts them into one row that keeps later updates after it', () => {
    const { storage } = fresh();
    storage.createBoard(board, bytes(0));
    const last = storage.appendUpdates(board.id, [bytes(1), bytes(2)]);
    expect(storage.loadUpdates(board.id).map((u) => u.update[0])).toEqual([0, 1, 2]);
    storage.compact(board.id, bytes(9), last);
    storage.appendUpdates(board.id, [bytes(3)]);
    expect(storage.loadUpdates(board.id).map((u) => u.update[0])).toEqual([9, 3]);
  });

  it('keeps everything across close and reopen', () => {
    const { storage, reopen } = fresh();
    storage.createBoard(board, bytes(7));
    storage.setBoardTitle(board.id, 'Renamed');
    storage.appendUpdates(board.id, [bytes(8)]);
    storage.close();
    const again = reopen();
    opened.push({ storage: again, cleanup: () => {} });
    expect(again.getBoard(board.id)?.title).toBe('Renamed');
    expect(again.loadUpdates(board.id).map((u) => u.update[0])).toEqual([7, 8]);
  });
});
