import { performance } from 'node:perf_hooks';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { BoardModel } from '../shared/board/model';
import { ZONES, zoneRect } from '../shared/board/zones';
import { distribution, sleep, waitUntil } from './stats';
import type { LoadWorker } from './loadWorker';
import type { SyncTarget } from './target';
import { startServerLoad, type ServerLoad } from './serverCpu';
import { MessageProbe, type HandledMessages } from './validationCost';

export interface StockFanoutParams {
  serverUrl: string;
  boardId: string;
  key: string;
  clients: number;
  /** Measured edits; `warmup` more come first and are left out. */
  edits: number;
  warmup: number;
  intervalMs: number;
}

export interface StockFanoutResult {
  /** Edit made → applied in another client's doc, ms: one sample per edit and other client. */
  latencies: number[];
  /** Per edit, until the last other client had it. */
  lastClient: number[];
  missing: number;
  connectMs: number;
}

/**
 * Client side: `clients` stock y-websocket providers (Y.Doc, awareness, the stock protocol) in one
 * meeting. Edits take turns round the room, one every `intervalMs`, each moving the writer's own
 * note through BoardModel (so they are valid Discern edits); every other client notes when its
 * doc has the edit.
 */
export async function stockFanoutClients(params: StockFanoutParams): Promise<StockFanoutResult> {
  // Each stock provider adds a process 'exit' listener; 50 of them are expected, not a leak.
  process.setMaxListeners(Math.max(process.getMaxListeners(), params.clients + 10));
  const connectStart = performance.now();
  const clients = Array.from({ length: params.clients }, () => {
    const doc = new Y.Doc();
    const provider = new WebsocketProvider(params.serverUrl, params.boardId, doc, {
      params: { key: params.key },
      WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
      disableBc: true,
    });
    return { doc, provider, model: null as BoardModel | null, noteId: '' };
  });
  const syncedAll = await waitUntil(() => clients.every((client) => client.provider.synced), 20_000);
  if (!syncedAll) throw new Error('stock fan-out: not every client synced');
  const connectMs = performance.now() - connectStart;

  for (const [index, client] of clients.entries()) {
    client.model = new BoardModel(client.doc);
    const zone = ZONES[index % ZONES.length]!;
    client.noteId = client.model.addNote({ zone, author: `person ${index}`, text: `note ${index}`, x: zoneRect(zone).x + 20, y: 200 + index * 30 });
  }
  const everyoneHasEveryNote = (): boolean =>
    clients.every((reader) => clients.every((writer) => Y.getState(reader.doc.store, writer.doc.clientID) >= Y.getState(writer.doc.store, writer.doc.clientID)));
  if (!(await waitUntil(everyoneHasEveryNote, 10_000))) throw new Error('stock fan-out: the notes did not reach everyone');

  const total = params.warmup + params.edits;
  const writerOf = Int32Array.from({ length: total }, (_, edit) => edit % params.clients);
  const madeAt = new Float64Array(total);
  const clockAfter = new Float64Array(total).fill(Number.POSITIVE_INFINITY);
  const arrivedAt = clients.map(() => new Float64Array(total).fill(Number.NaN));
  const next = new Int32Array(params.clients);
  // Edits arrive in the order they were made (one every 100 ms), so each client walks forward.
  const scan = (reader: number): void => {
    const doc = clients[reader]!.doc;
    const now = performance.now();
    while (next[reader]! < total) {
      const edit = next[reader]!;
      if (Y.getState(doc.store, clients[writerOf[edit]!]!.doc.clientID) < clockAfter[edit]!) break;
      arrivedAt[reader]![edit] = now;
      next[reader]!++;
    }
  };
  const listeners = clients.map((client, reader) => {
    const listener = (): void => scan(reader);
    client.doc.on('update', listener);
    return listener;
  });

  const start = performance.now();
  for (let edit = 0; edit < total; edit++) {
    const wait = start + edit * params.intervalMs - performance.now();
    if (wait > 0) await sleep(wait);
    const writer = clients[writerOf[edit]!]!;
    madeAt[edit] = performance.now();
    writer.model!.moveNote(writer.noteId, zoneRect(ZONES[writerOf[edit]! % ZONES.length]!).x + 20 + (edit % 30) * 4, 200 + writerOf[edit]! * 30);
    clockAfter[edit] = Y.getState(writer.doc.store, writer.doc.clientID);
  }
  await waitUntil(() => {
    clients.forEach((_, reader) => scan(reader));
    return next.every((count) => count === total);
  }, 10_000);

  const latencies: number[] = [];
  const lastClient: number[] = [];
  let missing = 0;
  for (let edit = params.warmup; edit < total; edit++) {
    let last = 0;
    for (let reader = 0; reader < params.clients; reader++) {
      if (reader === writerOf[edit]) continue;
      const arrived = arrivedAt[reader]![edit]!;
      if (Number.isNaN(arrived)) {
        missing++;
        last = Number.POSITIVE_INFINITY;
        continue;
      }
      latencies.push(arrived - madeAt[edit]!);
      last = Math.max(last, arrived - madeAt[edit]!);
    }
    lastClient.push(last);
  }
  clients.forEach((client, index) => {
    client.doc.off('update', listeners[index]!);
    client.model?.destroy();
    client.provider.destroy();
    client.doc.destroy();
  });
  return { latencies, lastClient, missing, connectMs };
}

export const STOCK_FANOUT = { clients: 50, edits: 50, warmup: 5, intervalMs: 100 } as const;

export interface StockFanoutRound {
  p50: number;
  p99: number;
  max: number;
  everyoneP99: number;
  samples: number;
  missing: number;
  connectMs: number;
  load: ServerLoad;
  handled: HandledMessages | null;
}

/** Main side, one round against one server. */
export async function stockFanoutRound(target: SyncTarget, load: LoadWorker): Promise<StockFanoutRound> {
  const board = await target.newBoard('Stock fan-out');
  const probe = target.name === 'Discern' ? new MessageProbe().install() : null;
  const serverLoad = startServerLoad();
  let result: StockFanoutResult;
  let handled: HandledMessages | null = null;
  try {
    result = await load.run('stockFanout', { serverUrl: target.syncUrl, boardId: board.id, key: board.editKey, ...STOCK_FANOUT });
  } finally {
    handled = probe?.uninstall() ?? null;
  }
  const used = serverLoad.stop();
  await waitUntil(() => target.openRooms() === 0, 5000);
  const pairs = distribution(result.latencies);
  const everyone = distribution(result.lastClient);
  return {
    p50: pairs.p50,
    p99: pairs.p99,
    max: pairs.max,
    everyoneP99: everyone.p99,
    samples: pairs.count,
    missing: result.missing,
    connectMs: result.connectMs,
    load: used,
    handled,
  };
}
