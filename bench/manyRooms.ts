import * as Y from 'yjs';
import { BoardModel } from '../shared/board/model';
import { Zone } from '../shared/board/zones';
import { RawSyncClient, clockOf } from './rawClient';
import { waitUntil } from './stats';
import type { BenchServer, BenchBoard } from './server';
import { boardUrl } from './server';
import type { LoadWorker } from './loadWorker';
import type { Figure } from './report';

/** The clients held open between `openManyRooms` and `closeManyRooms` (worker side). */
let openClients: RawSyncClient[] = [];
let openModels: BoardModel[] = [];

export interface ManyRoomsParams {
  /** Two sync URLs per board: the editing client's and the lean reader's. */
  pairs: Array<{ editor: string; reader: string }>;
}

/** Client side: opens every pair at once, then each editor adds one note and its reader waits for it. */
export async function openManyRooms(params: ManyRoomsParams): Promise<{ openMs: number; editMs: number }> {
  const start = performance.now();
  const pairs = params.pairs.map(({ editor, reader }) => {
    const doc = new Y.Doc();
    let seen = -1;
    return {
      doc,
      editor: new RawSyncClient(editor, { doc }),
      reader: new RawSyncClient(reader, {
        onUpdate: (update) => {
          seen = Math.max(seen, clockOf(update, doc.clientID));
        },
      }),
      seen: () => seen,
    };
  });
  openClients = pairs.flatMap((pair) => [pair.editor, pair.reader]);
  await Promise.all(openClients.map((client) => client.synced));
  const openMs = performance.now() - start;

  const editStart = performance.now();
  const targets = pairs.map((pair, index) => {
    const model = new BoardModel(pair.doc);
    openModels.push(model);
    model.addNote({ zone: Zone.Need, author: 'bench', text: `room ${index}`, x: 1100, y: 200 });
    return Y.getState(pair.doc.store, pair.doc.clientID);
  });
  const arrived = await waitUntil(() => pairs.every((pair, index) => pair.seen() >= targets[index]!), 10_000);
  if (!arrived) throw new Error('many rooms: not every note reached its reader');
  return { openMs, editMs: performance.now() - editStart };
}

export async function closeManyRooms(_params: Record<string, never>): Promise<{ closeMs: number }> {
  const start = performance.now();
  await Promise.all(openClients.map((client) => client.close()));
  for (const model of openModels) model.destroy();
  openClients = [];
  openModels = [];
  return { closeMs: performance.now() - start };
}

export const MANY_ROOMS = 200;

function collect(gc: () => void): NodeJS.MemoryUsage {
  // Twice: the first pass may only queue finalizers (weak maps, closed sockets) for the second.
  gc();
  gc();
  return process.memoryUsage();
}

/**
 * Main side: heap is per isolate, so `heapUsed` here is the server's alone (the clients live in the
 * load worker); RSS is the whole process and includes the clients' growth.
 */
export async function measureManyRooms(server: BenchServer, load: LoadWorker, gc: () => void): Promise<Figure[]> {
  const boards: BenchBoard[] = [];
  for (let index = 0; index < MANY_ROOMS; index++) boards.push(await server.createBoard(`Room ${index}`));
  const pairs = boards.map((board) => ({
    editor: boardUrl(server.syncUrl, board, board.keys.edit),
    reader: boardUrl(server.syncUrl, board, board.keys.view),
  }));
  if (!(await waitUntil(() => server.app.rooms.size === 0, 5000))) throw new Error('rooms left open before many-rooms');

  const before = collect(gc);
  const opened = await load.run('openManyRooms', { pairs });
  const openRooms = server.app.rooms.size;
  const during = collect(gc);
  const closeStart = performance.now();
  await load.run('closeManyRooms', {});
  const unloaded = await waitUntil(() => server.app.rooms.size === 0, 10_000);
  const unloadMs = performance.now() - closeStart;
  const after = collect(gc);

  const perRoom = (field: keyof NodeJS.MemoryUsage, usage: NodeJS.MemoryUsage): number =>
    (usage[field] - before[field]) / 1024 / MANY_ROOMS;
  const section = `4 many rooms (${MANY_ROOMS} boards × 2 clients)`;
  return [
    {
      section,
      name: `open ${MANY_ROOMS} rooms (${MANY_ROOMS * 2} clients synced)`,
      value: opened.openMs,
      unit: 'ms',
      note: `${openRooms} rooms open; one note each reached its reader in ${opened.editMs.toFixed(0)} ms`,
    },
    {
      section,
      name: 'server heap per open room',
      value: perRoom('heapUsed', during),
      unit: 'KB',
      target: { op: '<', limit: 200 },
      note: `heapUsed Δ after gc, incl. 2 sockets; external+buffers ${(perRoom('external', during)).toFixed(1)} KB/room`,
    },
    { section, name: 'process RSS per open room', value: perRoom('rss', during), unit: 'KB', note: 'whole process incl. the 400 load clients; noisy (allocator reuse)' },
    {
      section,
      name: 'rooms open after clients left',
      value: server.app.rooms.size,
      unit: '',
      target: { op: '=', limit: 0 },
      note: unloaded ? `all unloaded ${unloadMs.toFixed(0)} ms after close began` : 'timed out after 10 s',
    },
    { section, name: 'server heap left per room after unload', value: perRoom('heapUsed', after), unit: 'KB', note: 'should be ~0 (no leak)' },
  ];
}
