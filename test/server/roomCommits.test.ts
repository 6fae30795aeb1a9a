import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import * as decoding from 'lib0/decoding';
import * as syncProtocol from 'y-protocols/sync';
import { BoardModel, createBoardDoc } from '../../shared/board';
import { MessageType } from '../../shared/protocol/messageTypes';
import { Role } from '../../shared/protocol/ids';
import { STORAGE_ORIGIN } from '../../shared/protocol/origins';
import { DEFAULT_LIMITS } from '../../server/config';
import { Room } from '../../server/rooms/room';
import type { Connection } from '../../server/rooms/connection';
import { RoomManager } from '../../server/rooms/roomManager';
import { SqliteStorage } from '../../server/storage/sqliteStorage';
import { tempDataDir } from '../helpers/server';
import { waitFor } from '../helpers/waitFor';

/**
 * The room's commit pipeline against a real SQLite file whose commits are held at a gate, as a slow
 * network store would hold them: what arrives during a commit is accepted and goes into the next
 * one, in order; nothing is forwarded (nor shown in a sync step 2) before it is committed; and joins
 * of a board that is loading share one load.
 */
const cleanups: Array<() => void | Promise<void>> = [];
afterEach(async () => {
  // Last in, first out: rooms are stored before their storage closes.
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

interface Gated {
  storage: SqliteStorage;
  /** The batches (update counts) appends were asked to commit, in order. */
  appends: number[];
  /** Opens the gate: every held append (and those after) goes through. */
  open(): void;
  /** Closes it again. */
  close(): void;
  loads: () => number;
}

function gatedStorage(): Gated {
  const dir = tempDataDir();
  const storage = new SqliteStorage(join(dir, 'discern.sqlite'));
  cleanups.push(async () => {
    await storage.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const append = storage.updates.append;
  const load = storage.updates.load;
  const appends: number[] = [];
  let loads = 0;
  let gate: Promise<void> | null = null;
  let release = (): void => undefined;
  storage.updates.append = async (boardId, updates) => {
    appends.push(updates.length);
    if (gate) await gate;
    return append(boardId, updates);
  };
  storage.updates.load = async (boardId) => {
    loads++;
    // A load takes a few turns, as a network store's would.
    await new Promise((resolve) => setTimeout(resolve, 20));
    return load(boardId);
  };
  return {
    storage,
    appends,
    open: () => {
      gate = null;
      release();
    },
    close: () => {
      gate = new Promise((resolve) => {
        release = resolve;
      });
    },
    loads: () => loads,
  };
}

async function newBoard(storage: SqliteStorage, id: string): Promise<void> {
  const doc = createBoardDoc('Gated', STORAGE_ORIGIN);
  await storage.boards.create({ id, title: 'Gated', createdAt: 1, keys: { lead: 'l'.repeat(21), edit: 'e'.repeat(21), view: 'v'.repeat(21) } }, Y.encodeStateAsUpdate(doc));
  doc.destroy();
}

/** A peer whose received sync messages are applied to its own doc, and counted. */
function peer(role: Role): Connection & { doc: Y.Doc; updates: number; step2s: number } {
  const doc = new Y.Doc();
  const self = {
    role,
    voterId: null,
    doc,
    updates: 0,
    step2s: 0,
    send(message: Uint8Array) {
      const decoder = decoding.createDecoder(message);
      if (decoding.readVarUint(decoder) !== MessageType.Sync) return;
      const kind = decoding.readVarUint(decoder);
      if (kind === syncProtocol.messageYjsSyncStep1) return;
      if (kind === syncProtocol.messageYjsUpdate) self.updates++;
      if (kind === syncProtocol.messageYjsSyncStep2) self.step2s++;
      Y.applyUpdate(doc, decoding.readVarUint8Array(decoder), 'server');
    },
    close: () => undefined,
  };
  return self;
}

function updateMessage(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.Sync);
  syncProtocol.writeUpdate(encoder, update);
  return encoding.toUint8Array(encoder);
}

function step1Message(doc: Y.Doc): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.Sync);
  syncProtocol.writeSyncStep1(encoder, doc);
  return encoding.toUint8Array(encoder);
}

const options = { compactEvery: 500, limits: DEFAULT_LIMITS, onError: (error: unknown) => { throw error; } };

describe('the room’s commit pipeline', () => {
  it('keeps accepting while a commit is in flight, commits what came meanwhile next, in order, and forwards only what is committed', async () => {
    const gated = gatedStorage();
    await newBoard(gated.storage, 'board_gated_aaaaaaaaaaa');
    const room = await Room.load('board_gated_aaaaaaaaaaa', gated.storage, options);
    cleanups.push(() => room.close());
    const writer = peer(Role.Edit);
    const reader = peer(Role.View);
    room.addConnection(writer);
    room.addConnection(reader);
    // The writer starts from the board as stored, like a client after its first sync.
    Y.applyUpdate(writer.doc, Y.encodeStateAsUpdate(room.doc));
    await room.flush();
    const model = new BoardModel(writer.doc);
    const edit = (text: string): void => {
      const before = Y.encodeStateVector(writer.doc);
      model.addNote({ zone: 'who', author: 'W', text });
      room.handleMessage(writer, updateMessage(Y.encodeStateAsUpdate(writer.doc, before)));
    };

    gated.close();
    edit('one');
    await new Promise((resolve) => setImmediate(resolve));
    expect(gated.appends.at(-1)).toBe(1);
    // While that commit is held: more edits are accepted, and none of it reaches the reader.
    edit('two');
    edit('three');
    await new Promise((resolve) => setImmediate(resolve));
    edit('four');
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(gated.appends).toHaveLength(1);
    expect(new BoardModel(reader.doc).getSnapshot().notes).toHaveLength(0);
    // A newcomer's step 2 waits for the commits too.
    const newcomer = peer(Role.View);
    room.addConnection(newcomer);
    room.handleMessage(newcomer, step1Message(newcomer.doc));
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(newcomer.step2s).toBe(0);

    gated.open();
    await waitFor(() => expect(new BoardModel(reader.doc).getSnapshot().notes).toHaveLength(4));
    // One commit for the first edit, one for everything that came while it was held, in order.
    expect(gated.appends).toEqual([1, 3]);
    expect(reader.updates).toBe(2);
    await waitFor(() => expect(newcomer.step2s).toBe(1));
    expect(new BoardModel(newcomer.doc).getSnapshot().notes.map((note) => note.text).sort()).toEqual(['four', 'one', 'three', 'two']);
    const stored = new Y.Doc();
    for (const { update } of await gated.storage.updates.load('board_gated_aaaaaaaaaaa')) Y.applyUpdate(stored, update);
    expect(new BoardModel(stored).getSnapshot().notes).toHaveLength(4);
  });

  it('lets concurrent joins of a loading board share one load and one room', async () => {
    const gated = gatedStorage();
    await newBoard(gated.storage, 'board_joins_aaaaaaaaaaa');
    const manager = new RoomManager(gated.storage, options);
    const peers = [peer(Role.Edit), peer(Role.View), peer(Role.Lead)];
    const rooms = await Promise.all(peers.map((each) => manager.join('board_joins_aaaaaaaaaaa', each)));
    expect(gated.loads()).toBe(1);
    expect(new Set(rooms).size).toBe(1);
    expect(rooms[0]!.connectionCount).toBe(3);
    for (const each of peers) manager.leave(rooms[0]!, each);
    await manager.closeAll();
    expect(manager.size).toBe(0);
    // A join after the unload loads it afresh.
    const again = await manager.join('board_joins_aaaaaaaaaaa', peer(Role.View));
    expect(again).not.toBe(rooms[0]);
    expect(gated.loads()).toBe(2);
    await manager.closeAll();
  });

  it('keeps a room opened by a REST call loaded for holdOpenMs, for a join that follows, then unloads it', async () => {
    const gated = gatedStorage();
    await newBoard(gated.storage, 'board_holds_aaaaaaaaaaa');
    const manager = new RoomManager(gated.storage, options);
    const read = await manager.withRoom('board_holds_aaaaaaaaaaa', (room) => room, { holdOpenMs: 300 });
    expect(manager.get('board_holds_aaaaaaaaaaa')).toBe(read);
    const joining = peer(Role.Edit);
    const joined = await manager.join('board_holds_aaaaaaaaaaa', joining);
    expect(joined).toBe(read);
    expect(gated.loads()).toBe(1);
    // The join keeps it open past the hold; once it leaves, the room unloads.
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(manager.get('board_holds_aaaaaaaaaaa')).toBe(read);
    manager.leave(joined, joining);
    await waitFor(() => expect(manager.size).toBe(0));

    // Nobody joins: unloaded once the hold is over, not before.
    const again = await manager.withRoom('board_holds_aaaaaaaaaaa', (room) => room, { holdOpenMs: 300 });
    expect(manager.get('board_holds_aaaaaaaaaaa')).toBe(again);
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(manager.get('board_holds_aaaaaaaaaaa')).toBe(again);
    await waitFor(() => expect(manager.size).toBe(0));
    await manager.closeAll();
  });
});
