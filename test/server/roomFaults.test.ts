import { afterEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import * as Y from 'yjs';
import { BoardModel } from '../../shared/board';
import { CloseCode } from '../../shared/protocol/closeCodes';
import { databaseFile } from '../../server/config';
import { startServer, synced, type CreatedBoard, type TestServer } from '../helpers/server';
import { waitFor } from '../helpers/waitFor';

/**
 * Storage faults on the sync path, made real: a second SQLite connection to the same file adds a
 * trigger that refuses one board's writes, as a full disk or a broken page would. The room's sockets
 * are closed with 4500; the process, other rooms and what is already stored carry on unchanged.
 */
let server: TestServer | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});

function injectFault(dataDir: string, trigger: string): void {
  const db = new Database(databaseFile({ dataDir }));
  try {
    db.exec(trigger);
  } finally {
    db.close();
  }
}

function storedRows(dataDir: string, boardId: string): number {
  const db = new Database(databaseFile({ dataDir }), { readonly: true });
  try {
    return (db.prepare('SELECT count(*) AS n FROM updates WHERE board_id = ?').get(boardId) as { n: number }).n;
  } finally {
    db.close();
  }
}

async function twoBoards(compactEvery = 500): Promise<{ victim: CreatedBoard; other: CreatedBoard }> {
  server = await startServer({ compactEvery });
  return { victim: await server.createBoard('Victim'), other: await server.createBoard('Other') };
}

/** A connected lead client whose close codes are collected; it does not reconnect. */
async function client(board: CreatedBoard): Promise<{ model: BoardModel; closes: number[]; doc: Y.Doc }> {
  const provider = server!.connect(board.id, board.keys.lead);
  const closes: number[] = [];
  provider.on('connection-close', (event: CloseEvent | null) => {
    closes.push(event?.code ?? 0);
    provider.shouldConnect = false;
  });
  await synced(provider);
  return { model: new BoardModel(provider.doc), closes, doc: provider.doc };
}

/** The other board still syncs and stores: a note written there reaches a second client and storage. */
async function expectOtherRoomWorks(other: CreatedBoard): Promise<void> {
  const writer = await client(other);
  const reader = await client(other);
  const id = writer.model.addNote({ zone: 'who', author: 'O', text: 'still here' });
  await waitFor(() => expect(reader.model.getNote(id)?.text).toBe('still here'));
  expect(writer.closes).toEqual([]);
  const health = await fetch(`${server!.httpUrl}/api/time`);
  expect(health.status).toBe(200);
}

describe('storage faults on the sync path', () => {
  it('a failing append closes the room with 4500 and forwards nothing', async () => {
    const { victim, other } = await twoBoards();
    const writer = await client(victim);
    const watcher = await client(victim);
    const before = storedRows(server!.dataDir, victim.id);
    injectFault(server!.dataDir, `CREATE TRIGGER refuse_append BEFORE INSERT ON updates WHEN NEW.board_id = '${victim.id}'
      BEGIN SELECT RAISE(ABORT, 'disk full'); END;`);
    const id = writer.model.addNote({ zone: 'who', author: 'W', text: 'unstored' });
    await waitFor(() => expect(watcher.closes).toContain(CloseCode.StorageFailure));
    expect(writer.closes).toContain(CloseCode.StorageFailure);
    expect(watcher.model.getNote(id)).toBeUndefined();
    expect(storedRows(server!.dataDir, victim.id)).toBe(before);
    await expectOtherRoomWorks(other);
  });

  it('a failing title update closes the room with 4500; the stored title is unchanged', async () => {
    const { victim, other } = await twoBoards();
    const leader = await client(victim);
    injectFault(server!.dataDir, `CREATE TRIGGER refuse_title BEFORE UPDATE OF title ON boards WHEN NEW.id = '${victim.id}'
      BEGIN SELECT RAISE(ABORT, 'read-only page'); END;`);
    leader.model.setTitle('Renamed');
    await waitFor(() => expect(leader.closes).toContain(CloseCode.StorageFailure));
    const response = await fetch(`${server!.httpUrl}/api/boards/${victim.id}`, { headers: { authorization: `Bearer ${victim.keys.lead}` } });
    expect(((await response.json()) as { title: string }).title).toBe('Victim');
    await expectOtherRoomWorks(other);
  });

  it('a failing compaction closes the room with 4500 and leaves the stored log as it was', async () => {
    const { victim, other } = await twoBoards(3);
    const writer = await client(victim);
    injectFault(server!.dataDir, `CREATE TRIGGER refuse_compact BEFORE DELETE ON updates WHEN OLD.board_id = '${victim.id}'
      BEGIN SELECT RAISE(ABORT, 'io error'); END;`);
    const ids: string[] = [];
    for (let i = 0; i < 6 && writer.closes.length === 0; i++) {
      ids.push(writer.model.addNote({ zone: 'need', author: 'W', text: `note ${i}` }));
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await waitFor(() => expect(writer.closes).toContain(CloseCode.StorageFailure));
    // Everything that was committed before the failed merge is still there, in order.
    const rows = storedRows(server!.dataDir, victim.id);
    expect(rows).toBeGreaterThanOrEqual(3);
    await waitFor(() => expect(server!.app.rooms.get(victim.id)).toBeUndefined());
    // The merge was due after the third append; those three were committed (and forwarded) before it.
    const reader = await client(victim);
    for (const id of ids.slice(0, 3)) expect(reader.model.getNote(id)).toBeDefined();
    await expectOtherRoomWorks(other);
  });
});
