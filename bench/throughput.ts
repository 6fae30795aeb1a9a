import { setImmediate as nextTurn } from 'node:timers/promises';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import * as Y from 'yjs';
import { BoardModel } from '../shared/board/model';
import { ZONES, zoneRect } from '../shared/board/zones';
import { RawSyncClient } from './rawClient';
import { distribution, sleep, waitUntil, wallNow } from './stats';
import type { BenchServer } from './server';
import type { LoadWorker } from './loadWorker';
import type { Figure } from './report';
import type { SyncTarget } from './target';
import { EncodingCounter, encodingFigure, type EncodingCount } from './encodeOnce';
import { startServerLoad, type ServerLoad } from './serverCpu';
import { MessageProbe, type HandledMessages } from './validationCost';

export interface ThroughputParams {
  url: string;
  /** Where the writers connect, in turn (several processes); all to `url`, with the observer, when absent. */
  writerUrls?: string[];
  writers: number;
  durationMs: number;
  /** Edits a writer may have in flight (made but not yet seen by the observer) before it waits. */
  window: number;
  /**
   * Paced instead of as fast as possible: each writer's k-th edit is due at its own phase plus
   * k · intervalMs (a late writer catches up, so the rate holds), still within the window.
   */
  intervalMs?: number;
}

export interface ThroughputClientResult {
  startWall: number;
  endWall: number;
  edits: number;
  /** Edits the observer had received when the writers stopped, and after the drain. */
  deliveredInWindow: number;
  delivered: number;
  drainMs: number;
  converged: boolean;
  minWriterEdits: number;
  maxWriterEdits: number;
  writerMessages: number;
  /** Edit made → applied at the observer, ms, for every edit made in the window. */
  latencies: number[];
}

interface Writer {
  client: RawSyncClient;
  doc: Y.Doc;
  model: BoardModel;
  noteId: string;
  baseX: number;
  clockAfter: number[];
  madeAt: number[];
  acked: number;
}

/**
 * Client side: `writers` clients each move their own note as fast as they can for `durationMs`,
 * with a bounded window so the server is not buried under an unbounded queue. A separate observer
 * client applies everything the server forwards; an edit counts as delivered when it arrives there.
 * Writers receive the forwarded batches too but only count them (a browser would apply them; here
 * that would make the single load thread, not the server, the limit).
 */
export async function throughputClients(params: ThroughputParams): Promise<ThroughputClientResult> {
  const observerDoc = new Y.Doc();
  const writers: Writer[] = [];
  const latencies: number[] = [];
  let measuring = false;
  const acknowledge = (writer: Writer): void => {
    const seen = Y.getState(observerDoc.store, writer.doc.clientID);
    const now = performance.now();
    while (writer.acked < writer.clockAfter.length && writer.clockAfter[writer.acked]! <= seen) {
      if (measuring) latencies.push(now - writer.madeAt[writer.acked]!);
      writer.acked++;
    }
  };
  // Arrival is noted as soon as the observer has applied a message, not when the write loop next looks.
  const observer = new RawSyncClient(params.url, {
    doc: observerDoc,
    onUpdate: () => {
      for (const writer of writers) acknowledge(writer);
    },
  });
  await observer.synced;
  for (let index = 0; index < params.writers; index++) {
    const doc = new Y.Doc();
    // Writers count what the server forwards but do not apply it: their edits need only their own note.
    const client = new RawSyncClient(params.writerUrls?.[index % params.writerUrls.length] ?? params.url, { doc, applyUpdates: false });
    writers.push({ client, doc, model: new BoardModel(doc), noteId: '', baseX: 0, clockAfter: [], madeAt: [], acked: 0 });
  }
  await Promise.all(writers.map((writer) => writer.client.synced));
  for (const [index, writer] of writers.entries()) {
    const zone = zoneRect(ZONES[index % ZONES.length]!);
    writer.baseX = zone.x + 20 + (index % 3) * 240;
    writer.noteId = writer.model.addNote({ zone: ZONES[index % ZONES.length]!, author: `writer ${index}`, x: writer.baseX, y: 200 + index * 40 });
  }
  const allArrived = (): boolean =>
    writers.every((writer) => Y.getState(observerDoc.store, writer.doc.clientID) >= Y.getState(writer.doc.store, writer.doc.clientID));
  if (!(await waitUntil(allArrived, 5000))) throw new Error('throughput: notes did not reach the observer');

  const delivered = (): number => {
    let total = 0;
    for (const writer of writers) {
      acknowledge(writer);
      total += writer.acked;
    }
    return total;
  };

  measuring = true;
  const startWall = wallNow();
  const begin = performance.now();
  const end = begin + params.durationMs;
  const interval = params.intervalMs;
  let step = 0;
  while (performance.now() < end) {
    let edited = false;
    for (const [index, writer] of writers.entries()) {
      acknowledge(writer);
      if (writer.clockAfter.length - writer.acked >= params.window) continue;
      if (interval !== undefined && performance.now() < begin + ((index / writers.length) + writer.clockAfter.length) * interval) continue;
      step++;
      writer.madeAt.push(performance.now());
      writer.model.moveNote(writer.noteId, writer.baseX + (step % 20), 200 + (step % 13));
      writer.clockAfter.push(Y.getState(writer.doc.store, writer.doc.clientID));
      edited = true;
    }
    // setImmediate runs after pending socket I/O, so sends go out and replies come in between rounds.
    if (edited) await nextTurn();
    else await sleep(0);
  }
  const endWall = wallNow();
  const deliveredInWindow = delivered();
  const edits = writers.reduce((sum, writer) => sum + writer.clockAfter.length, 0);
  const drainStart = performance.now();
  const converged = await waitUntil(() => delivered() === edits && allArrived(), 10_000);
  const drainMs = performance.now() - drainStart;
  const counts = writers.map((writer) => writer.clockAfter.length);
  const writerMessages = writers.reduce((sum, writer) => sum + writer.client.messagesReceived, 0);
  await Promise.all([observer.close(), ...writers.map((writer) => writer.client.close())]);
  for (const writer of writers) writer.model.destroy();
  return {
    startWall,
    endWall,
    edits,
    deliveredInWindow,
    delivered: delivered(),
    drainMs,
    converged,
    minWriterEdits: Math.min(...counts),
    maxWriterEdits: Math.max(...counts),
    writerMessages,
    latencies,
  };
}

export const THROUGHPUT = { writers: 20, durationMs: 3000, window: 32 } as const;

/** The sustained load: 20 writers at 100 edits/s each, 2,000 edits/s in all. */
export const SUSTAINED = { writers: 20, durationMs: 3000, window: 32, intervalMs: 10 } as const;

export interface SustainedRound {
  editsPerSecond: number;
  deliveredPerSecond: number;
  p50: number;
  p99: number;
  /** Main-thread event-loop delay over the run (timer lateness at 1 ms resolution), ms. */
  loopP99: number;
  loopMax: number;
  load: ServerLoad;
  handled: HandledMessages | null;
}

/** Main side, one round of the paced load, with the main thread's event-loop delay recorded. */
export async function sustainedRound(target: SyncTarget, load: LoadWorker): Promise<SustainedRound> {
  const board = await target.newBoard('Sustained');
  const probe = target.name === 'Discern' ? new MessageProbe().install() : null;
  const delay = monitorEventLoopDelay({ resolution: 1 });
  const serverLoad = startServerLoad();
  let result: ThroughputClientResult;
  let handled: HandledMessages | null = null;
  delay.enable();
  try {
    result = await load.run('throughput', { url: board.editUrl, ...SUSTAINED });
  } finally {
    delay.disable();
    handled = probe?.uninstall() ?? null;
  }
  const used = serverLoad.stop();
  await waitUntil(() => target.openRooms() === 0, 5000);
  const latency = distribution(result.latencies);
  const seconds = (result.endWall - result.startWall) / 1000;
  return {
    editsPerSecond: result.edits / seconds,
    deliveredPerSecond: result.deliveredInWindow / seconds,
    p50: latency.p50,
    p99: latency.p99,
    loopP99: delay.percentile(99) / 1e6,
    loopMax: delay.max / 1e6,
    load: used,
    handled,
  };
}

/** Discern only: what reached SQLite and how the batches were encoded. */
export interface StorageFigures {
  committedPerSecond: number;
  windowUpdates: number;
  perTransaction: number;
  transactions: number;
  totalUpdates: number;
  largestBatch: number;
  compactions: number;
  rowsLeft: number;
  bytesLeft: number;
  encodings: EncodingCount;
}

export interface ThroughputRound {
  seconds: number;
  deliveredPerSecond: number;
  p50: number;
  p99: number;
  max: number;
  result: ThroughputClientResult;
  load: ServerLoad;
  handled: HandledMessages | null;
  storage: StorageFigures | null;
}

/**
 * Main side, one round. On Discern it also counts commits by wrapping the storage's appendUpdates
 * for the duration of the run, and how often each forwarded batch was encoded.
 */
export async function throughputRound(target: SyncTarget, load: LoadWorker): Promise<ThroughputRound> {
  const board = await target.newBoard('Throughput');
  const discern = target.name === 'Discern' ? (target as BenchServer) : null;
  const commits: Array<{ at: number; updates: number }> = [];
  let compactions = 0;
  const storage = discern?.app.storage.updates;
  const append = storage?.append;
  const compact = storage?.compact;
  if (storage && append && compact) {
    storage.append = async function append_(boardId, updates) {
      const seqs = await append.call(this, boardId, updates);
      if (boardId === board.id) commits.push({ at: wallNow(), updates: updates.length });
      return seqs;
    };
    storage.compact = async function countedCompact(boardId, upToSeq, merge) {
      if (boardId === board.id) compactions++;
      await compact.call(this, boardId, upToSeq, merge);
    };
  }
  const counter = discern ? new EncodingCounter().install() : null;
  const probe = discern ? new MessageProbe().install() : null;
  const serverLoad = startServerLoad();
  let result: ThroughputClientResult;
  let handled: HandledMessages | null = null;
  try {
    result = await load.run('throughput', { url: board.editUrl, ...THROUGHPUT });
  } finally {
    handled = probe?.uninstall() ?? null;
    counter?.uninstall();
    if (storage && append && compact) {
      storage.append = append;
      storage.compact = compact;
    }
  }
  const used = serverLoad.stop();
  const latency = distribution(result.latencies);
  const seconds = (result.endWall - result.startWall) / 1000;
  await waitUntil(() => target.openRooms() === 0, 5000);
  let storageFigures: StorageFigures | null = null;
  if (discern && counter) {
    const inWindow = commits.filter((commit) => commit.at >= result.startWall && commit.at <= result.endWall);
    const windowUpdates = inWindow.reduce((sum, commit) => sum + commit.updates, 0);
    const totalUpdates = commits.reduce((sum, commit) => sum + commit.updates, 0);
    const rows = discern.sqlite().db
      .prepare<[string], { rows: number; bytes: number }>('SELECT count(*) AS rows, coalesce(sum(length(data)), 0) AS bytes FROM updates WHERE board_id = ?')
      .get(board.id)!;
    storageFigures = {
      committedPerSecond: windowUpdates / seconds,
      windowUpdates,
      perTransaction: totalUpdates / Math.max(1, commits.length),
      transactions: commits.length,
      totalUpdates,
      largestBatch: Math.max(0, ...commits.map((commit) => commit.updates)),
      compactions,
      rowsLeft: rows.rows,
      bytesLeft: rows.bytes,
      encodings: counter.summary(),
    };
  }
  return {
    seconds,
    deliveredPerSecond: result.deliveredInWindow / seconds,
    p50: latency.p50,
    p99: latency.p99,
    max: latency.max,
    result,
    load: used,
    handled,
    storage: storageFigures,
  };
}

/** Rows for Discern's storage work in its best round (the reference stores nothing to compare with). */
export function storageFigures(section: string, round: ThroughputRound): Figure[] {
  const stored = round.storage;
  if (!stored) return [];
  return [
    {
      section,
      name: 'Discern: updates committed to SQLite per second',
      value: stored.committedPerSecond,
      unit: 'updates/s',
      target: { op: '>=', limit: 2000 },
      note: `${stored.windowUpdates} updates committed in ${round.seconds.toFixed(2)} s; in-flight window ${THROUGHPUT.window}/writer`,
    },
    {
      section,
      name: 'Discern: updates per SQLite transaction',
      value: stored.perTransaction,
      unit: '',
      note: `${stored.totalUpdates} updates in ${stored.transactions} transactions, largest ${stored.largestBatch}; ${stored.compactions} compactions`,
    },
    {
      section,
      name: 'Discern: every edit reached the observer',
      value: round.result.converged ? 1 : 0,
      unit: '',
      target: { op: '=', limit: 1 },
      note: `${round.result.delivered}/${round.result.edits} edits; drained in ${round.result.drainMs.toFixed(0)} ms; writers received ${round.result.writerMessages} messages`,
    },
    encodingFigure(section, 'Discern: encodings per batch (mixed origins)', stored.encodings),
    {
      section,
      name: 'Discern: rows left in updates table',
      value: stored.rowsLeft,
      unit: '',
      note: `${stored.bytesLeft} bytes after the room unloaded (compacted)`,
    },
  ];
}
