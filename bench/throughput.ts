import { setImmediate as nextTurn } from 'node:timers/promises';
import { performance } from 'node:perf_hooks';
import * as Y from 'yjs';
import { BoardModel } from '../shared/board/model';
import { ZONES, zoneRect } from '../shared/board/zones';
import { RawSyncClient } from './rawClient';
import { distribution, sleep, waitUntil, wallNow } from './stats';
import type { BenchServer } from './server';
import { boardUrl } from './server';
import type { LoadWorker } from './loadWorker';
import type { Figure } from './report';
import { EncodingCounter, encodingFigure } from './encodeOnce';

export interface ThroughputParams {
  url: string;
  writers: number;
  durationMs: number;
  /** Edits a writer may have in flight (made but not yet seen by the observer) before it waits. */
  window: number;
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
 * Writers receive the forwarded batches too but only count them (a browser would apply them).
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
    const client = new RawSyncClient(params.url, { doc });
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
  const end = performance.now() + params.durationMs;
  let step = 0;
  while (performance.now() < end) {
    let edited = false;
    for (const writer of writers) {
      acknowledge(writer);
      if (writer.clockAfter.length - writer.acked >= params.window) continue;
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

/** Main side: counts commits by wrapping the storage's appendUpdates for the duration of the run. */
export async function measureThroughput(server: BenchServer, load: LoadWorker): Promise<Figure[]> {
  const board = await server.createBoard('Throughput');
  const storage = server.app.storage;
  const commits: Array<{ at: number; updates: number }> = [];
  let compactions = 0;
  const append = storage.appendUpdates;
  const compact = storage.compact;
  storage.appendUpdates = function appendUpdates(boardId, updates) {
    const seq = append.call(this, boardId, updates);
    if (boardId === board.id) commits.push({ at: wallNow(), updates: updates.length });
    return seq;
  };
  storage.compact = function countedCompact(boardId, merged, upToSeq) {
    if (boardId === board.id) compactions++;
    compact.call(this, boardId, merged, upToSeq);
  };
  const counter = new EncodingCounter().install();
  const utilization = performance.eventLoopUtilization();
  let result: ThroughputClientResult;
  try {
    result = await load.run('throughput', { url: boardUrl(server.syncUrl, board), ...THROUGHPUT });
  } finally {
    counter.uninstall();
    storage.appendUpdates = append;
    storage.compact = compact;
  }
  const serverBusy = performance.eventLoopUtilization(utilization).utilization;
  const latency = distribution(result.latencies);
  const seconds = (result.endWall - result.startWall) / 1000;
  const inWindow = commits.filter((commit) => commit.at >= result.startWall && commit.at <= result.endWall);
  const windowUpdates = inWindow.reduce((sum, commit) => sum + commit.updates, 0);
  const totalUpdates = commits.reduce((sum, commit) => sum + commit.updates, 0);
  const largestBatch = Math.max(0, ...commits.map((commit) => commit.updates));
  await waitUntil(() => server.app.rooms.size === 0, 5000);
  const rows = server.sqlite().db
    .prepare<[string], { rows: number; bytes: number }>('SELECT count(*) AS rows, coalesce(sum(length(data)), 0) AS bytes FROM updates WHERE board_id = ?')
    .get(board.id)!;

  const section = `3 storage commits (${THROUGHPUT.writers} writers, ${THROUGHPUT.durationMs / 1000} s)`;
  return [
    {
      section,
      name: 'updates committed per second',
      value: windowUpdates / seconds,
      unit: 'updates/s',
      target: { op: '>=', limit: 2000 },
      note: `${windowUpdates} updates committed in ${seconds.toFixed(2)} s; in-flight window ${THROUGHPUT.window}/writer`,
    },
    {
      section,
      name: 'server event loop busy',
      value: serverBusy * 100,
      unit: '%',
      note: 'main-thread event-loop utilization over the run (setup included)',
    },
    {
      section,
      name: 'edit → observer under load, p50',
      value: latency.p50,
      unit: 'ms',
      note: `p99 ${latency.p99.toFixed(1)}, max ${latency.max.toFixed(1)} ms over ${latency.count} edits (queueing under full load)`,
    },
    {
      section,
      name: 'updates per SQLite transaction',
      value: totalUpdates / Math.max(1, commits.length),
      unit: '',
      note: `${totalUpdates} updates in ${commits.length} transactions, largest ${largestBatch}; ${compactions} compactions`,
    },
    {
      section,
      name: 'delivered to another client per second',
      value: result.deliveredInWindow / seconds,
      unit: 'updates/s',
      note: `${result.edits} edits made (${result.minWriterEdits}–${result.maxWriterEdits} per writer), drained in ${result.drainMs.toFixed(0)} ms`,
    },
    {
      section,
      name: 'every edit reached the observer',
      value: result.converged ? 1 : 0,
      unit: '',
      target: { op: '=', limit: 1 },
      note: `${result.delivered}/${result.edits} edits; writers received ${result.writerMessages} messages`,
    },
    encodingFigure(section, 'encodings per batch (mixed origins)', counter.summary()),
    {
      section,
      name: 'rows left in updates table',
      value: rows.rows,
      unit: '',
      note: `${rows.bytes} bytes after the room unloaded (compacted)`,
    },
  ];
}
