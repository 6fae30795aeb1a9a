import { performance } from 'node:perf_hooks';
import * as Y from 'yjs';
import { BoardModel } from '../shared/board/model';
import { Zone } from '../shared/board/zones';
import { RawSyncClient, clockOf } from './rawClient';
import { distribution, sleep, waitUntil } from './stats';
import type { LoadWorker } from './loadWorker';
import type { SyncTarget } from './target';
import { startServerLoad, type ServerLoad } from './serverCpu';
import { MessageProbe, type HandledMessages } from './validationCost';

export interface FanoutParams {
  url: string;
  /** Where the readers connect, in turn (several processes); all to `url` when absent. */
  readerUrls?: string[];
  readers: number;
  /** Measured edits; `warmup` more are made first and left out of the figures. */
  edits: number;
  warmup: number;
  intervalMs: number;
}

export interface FanoutClientResult {
  /** One sample per measured edit and reader: edit made → update applied at that reader, ms. */
  latencies: number[];
  /** One sample per measured edit: edit made → arrival at the last of the readers, ms. */
  lastReader: number[];
  missing: number;
  connectMs: number;
  editsPerSecond: number;
}

/**
 * Client side: one writer with a BoardModel moves a note every `intervalMs`; lean readers note when
 * each edit arrives. An edit has arrived once an update carries the writer's clock up to where that
 * edit left it (the server may merge several edits into one message).
 */
export async function fanoutClients(params: FanoutParams): Promise<FanoutClientResult> {
  const doc = new Y.Doc();
  const model = new BoardModel(doc);
  const writer = new RawSyncClient(params.url, { doc });
  await writer.synced;
  const noteId = model.addNote({ zone: Zone.Who, author: 'bench', text: 'fan-out', x: 40, y: 200 });
  const noteClock = Y.getState(doc.store, doc.clientID);

  const total = params.warmup + params.edits;
  const madeAt = new Float64Array(total);
  const clockAfter = new Float64Array(total).fill(Number.POSITIVE_INFINITY);
  const arrivedAt = Array.from({ length: params.readers }, () => new Float64Array(total));
  const next = new Int32Array(params.readers);
  const seenClock = new Float64Array(params.readers).fill(-1);

  const connectStart = performance.now();
  const readers = Array.from({ length: params.readers }, (_, reader) =>
    new RawSyncClient(params.readerUrls?.[reader % params.readerUrls.length] ?? params.url, {
      onUpdate: (update) => {
        const clock = clockOf(update, doc.clientID);
        if (clock < 0) return;
        const now = performance.now();
        seenClock[reader] = Math.max(seenClock[reader]!, clock);
        while (next[reader]! < total && clockAfter[next[reader]!]! <= clock) arrivedAt[reader]![next[reader]!++] = now;
      },
    }),
  );
  await Promise.all(readers.map((reader) => reader.synced));
  const connectMs = performance.now() - connectStart;
  if (!(await waitUntil(() => seenClock.every((clock) => clock >= noteClock), 5000))) {
    throw new Error('fan-out: the note did not reach every reader');
  }

  // A steady rate: each edit is due at start + i·interval, so a late timer does not shift the rest.
  const start = performance.now();
  for (let edit = 0; edit < total; edit++) {
    const due = start + edit * params.intervalMs;
    const wait = due - performance.now();
    if (wait > 0) await sleep(wait);
    madeAt[edit] = performance.now();
    model.moveNote(noteId, 40 + (edit % 40) * 5, 200 + (edit % 7) * 3);
    clockAfter[edit] = Y.getState(doc.store, doc.clientID);
  }
  const editsPerSecond = total / ((performance.now() - start) / 1000);
  await waitUntil(() => next.every((count) => count === total), 10_000);

  const latencies: number[] = [];
  const lastReader: number[] = [];
  let missing = 0;
  for (let edit = params.warmup; edit < total; edit++) {
    let last = 0;
    for (let reader = 0; reader < params.readers; reader++) {
      if (next[reader]! <= edit) {
        missing++;
        last = Number.POSITIVE_INFINITY;
        continue;
      }
      const latency = arrivedAt[reader]![edit]! - madeAt[edit]!;
      latencies.push(latency);
      last = Math.max(last, latency);
    }
    lastReader.push(last);
  }
  await Promise.all([writer.close(), ...readers.map((reader) => reader.close())]);
  model.destroy();
  return { latencies, lastReader, missing, connectMs, editsPerSecond };
}

export const FANOUT = { readers: 50, edits: 500, warmup: 50, intervalMs: 5 } as const;

export interface FanoutRound {
  p50: number;
  p99: number;
  max: number;
  everyoneP99: number;
  samples: number;
  missing: number;
  editsPerSecond: number;
  connectMs: number;
  load: ServerLoad;
  handled: HandledMessages | null;
}

/** Main side, one round: 1 writer + 50 lean readers on one board, 500 measured edits at one every 5 ms. */
export async function fanoutRound(target: SyncTarget, load: LoadWorker): Promise<FanoutRound> {
  const board = await target.newBoard('Fan-out');
  const probe = target.name === 'Discern' ? new MessageProbe().install() : null;
  const serverLoad = startServerLoad();
  let result: FanoutClientResult;
  let handled: HandledMessages | null = null;
  try {
    result = await load.run('fanout', { url: board.editUrl, ...FANOUT });
  } finally {
    handled = probe?.uninstall() ?? null;
  }
  const used = serverLoad.stop();
  await waitUntil(() => target.openRooms() === 0, 5000);
  const pairs = distribution(result.latencies);
  const everyone = distribution(result.lastReader);
  return {
    p50: pairs.p50,
    p99: pairs.p99,
    max: pairs.max,
    everyoneP99: everyone.p99,
    samples: pairs.count,
    missing: result.missing,
    editsPerSecond: result.editsPerSecond,
    connectMs: result.connectMs,
    load: used,
    handled,
  };
}
