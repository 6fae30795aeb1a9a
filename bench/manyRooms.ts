import * as Y from 'yjs';
import { BoardModel } from '../shared/board/model';
import { Zone } from '../shared/board/zones';
import { RawSyncClient, clockOf } from './rawClient';
import { waitUntil } from './stats';
import type { LoadWorker } from './loadWorker';
import type { SyncTarget, TargetBoard } from './target';
import { startServerLoad, type ServerLoad } from './serverCpu';
import { MessageProbe, type HandledMessages } from './validationCost';

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

export interface ManyRoomsRound {
  openMs: number;
  editMs: number;
  openRooms: number;
  heapPerRoomKB: number;
  externalPerRoomKB: number;
  rssPerRoomKB: number;
  roomsLeft: number;
  unloadMs: number | null;
  heapLeftPerRoomKB: number;
  load: ServerLoad;
  handled: HandledMessages | null;
}

/**
 * Main side, one round. Heap is per isolate, so `heapUsed` here is the server's alone (the clients
 * live in the load worker); RSS is the whole process and includes the clients' growth.
 */
export async function manyRoomsRound(target: SyncTarget, load: LoadWorker, gc: () => void): Promise<ManyRoomsRound> {
  const boards: TargetBoard[] = [];
  for (let index = 0; index < MANY_ROOMS; index++) boards.push(await target.newBoard(`Room ${index}`));
  const pairs = boards.map((board) => ({ editor: board.editUrl, reader: board.viewUrl }));
  if (!(await waitUntil(() => target.openRooms() === 0, 5000))) throw new Error('rooms left open before many-rooms');

  const before = collect(gc);
  const probe = target.name === 'Discern' ? new MessageProbe().install() : null;
  const serverLoad = startServerLoad();
  let opened: { openMs: number; editMs: number };
  let handled: HandledMessages | null = null;
  try {
    opened = await load.run('openManyRooms', { pairs });
  } finally {
    handled = probe?.uninstall() ?? null;
  }
  const used = serverLoad.stop();
  const openRooms = target.openRooms();
  const during = collect(gc);
  const closeStart = performance.now();
  await load.run('closeManyRooms', {});
  const unloaded = await waitUntil(() => target.openRooms() === 0, 10_000);
  const unloadMs = performance.now() - closeStart;
  const after = collect(gc);
  const perRoom = (field: keyof NodeJS.MemoryUsage, usage: NodeJS.MemoryUsage): number => (usage[field] - before[field]) / 1024 / MANY_ROOMS;
  return {
    openMs: opened.openMs,
    editMs: opened.editMs,
    openRooms,
    heapPerRoomKB: perRoom('heapUsed', during),
    externalPerRoomKB: perRoom('external', during),
    rssPerRoomKB: perRoom('rss', during),
    roomsLeft: target.openRooms(),
    unloadMs: unloaded ? unloadMs : null,
    heapLeftPerRoomKB: perRoom('heapUsed', after),
    load: used,
    handled,
  };
}
