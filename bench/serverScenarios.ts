import type { BenchServer } from './server';
import type { LoadWorker } from './loadWorker';
import type { SyncTarget } from './target';
import type { Figure } from './report';
import type { ServerLoad } from './serverCpu';
import { alternate, compare, pick } from './sideBySide';
import { STOCK_FANOUT, stockFanoutRound } from './stockFanout';
import { FANOUT, fanoutRound } from './fanout';
import { SUSTAINED, THROUGHPUT, storageFigures, sustainedRound, throughputRound } from './throughput';
import { MANY_ROOMS, manyRoomsRound } from './manyRooms';
import { PRESENCE, presenceFigures, presenceRound } from './presence';
import { replayValidation, validationFigures, type HandledMessages } from './validationCost';
import { heldDocuments } from './referenceServer';

/** What every Discern round reports, for the validation rows. */
interface Measured {
  load: ServerLoad;
  handled: HandledMessages | null;
}

/** Validation rows from Discern's last round: in-situ handling time, and the replayed split. */
async function validation(section: string, server: BenchServer, rounds: readonly Measured[]): Promise<Figure[]> {
  const last = rounds.at(-1);
  if (!last?.handled) return [];
  const cost = await replayValidation(server, last.handled.recorded);
  return validationFigures(section, last.handled, last.load, cost);
}

function cpu(section: string, results: { Discern: Measured[]; reference: Measured[] }): Figure[] {
  return compare(pick(results, (round) => round.load.cores), {
    section,
    name: 'server CPU (main thread)',
    unit: 'cores',
    better: 'lower',
    note: `${results.Discern[0]?.load.cpuSource ?? ''} CPU over the run, setup included`,
  });
}

/** 1: a meeting of 50 stock clients taking turns at 10 edits a second. */
export async function stockFanoutFigures(targets: readonly SyncTarget[], server: BenchServer, load: LoadWorker): Promise<Figure[]> {
  const results = await alternate(targets, (target) => stockFanoutRound(target, load));
  const section = `1 fan-out: ${STOCK_FANOUT.clients} stock clients, ${1000 / STOCK_FANOUT.intervalMs} edits/s round the room (Discern vs reference)`;
  const samples = results.Discern[0]?.samples ?? 0;
  return [
    ...compare(pick(results, (round) => round.p50), { section, name: 'edit → another client p50', unit: 'ms', better: 'lower' }),
    ...compare(pick(results, (round) => round.p99), {
      section,
      name: 'edit → another client p99',
      unit: 'ms',
      better: 'lower',
      target: { op: '<', limit: 50 },
      ratioTarget: { op: '<=', limit: 2 },
      note: `${samples} samples a round = ${STOCK_FANOUT.edits} edits × ${STOCK_FANOUT.clients - 1} others, after ${STOCK_FANOUT.warmup} warm-up edits`,
    }),
    ...compare(pick(results, (round) => round.everyoneP99), { section, name: 'edit → every other client p99', unit: 'ms', better: 'lower' }),
    {
      section,
      name: 'Discern: updates lost',
      value: Math.max(...results.Discern.map((round) => round.missing)),
      unit: '',
      target: { op: '=', limit: 0 },
      note: `reference lost ${Math.max(...results.reference.map((round) => round.missing))}`,
    },
    ...cpu(section, results),
    ...(await validation(section, server, results.Discern)),
  ];
}

/** 2: one writer every 5 ms to 50 lean readers, a burst no person makes. */
export async function burstFanoutFigures(targets: readonly SyncTarget[], server: BenchServer, load: LoadWorker): Promise<Figure[]> {
  const results = await alternate(targets, (target) => fanoutRound(target, load));
  const section = `2 fan-out burst: 1 writer every ${FANOUT.intervalMs} ms → ${FANOUT.readers} lean readers (Discern vs reference)`;
  return [
    ...compare(pick(results, (round) => round.p50), { section, name: 'edit → reader p50', unit: 'ms', better: 'lower' }),
    ...compare(pick(results, (round) => round.p99), {
      section,
      name: 'edit → reader p99',
      unit: 'ms',
      better: 'lower',
      target: { op: '<', limit: 50 },
      note: `${results.Discern[0]?.samples ?? 0} samples a round = ${FANOUT.edits} edits × ${FANOUT.readers} readers, after ${FANOUT.warmup} warm-up edits`,
    }),
    ...compare(pick(results, (round) => round.everyoneP99), {
      section,
      name: 'edit → all readers p99',
      unit: 'ms',
      better: 'lower',
      target: { op: '<', limit: 50 },
    }),
    {
      section,
      name: 'Discern: updates lost',
      value: Math.max(...results.Discern.map((round) => round.missing)),
      unit: '',
      target: { op: '=', limit: 0 },
      note: `edit rate achieved ${Math.min(...results.Discern.map((round) => round.editsPerSecond)).toFixed(0)}/s at worst; reference lost ${Math.max(...results.reference.map((round) => round.missing))}`,
    },
    ...cpu(section, results),
    ...(await validation(section, server, results.Discern)),
  ];
}

/** 4: writers as fast as their window allows; what reaches another client (and, on Discern, SQLite). */
export async function throughputFigures(targets: readonly SyncTarget[], server: BenchServer, load: LoadWorker): Promise<Figure[]> {
  const results = await alternate(targets, (target) => throughputRound(target, load));
  const section = `4 saturation: ${THROUGHPUT.writers} writers, ${THROUGHPUT.durationMs / 1000} s, ${THROUGHPUT.window}-edit window (Discern vs reference)`;
  const bestDiscern = results.Discern.reduce((best, round) => (round.deliveredPerSecond > best.deliveredPerSecond ? round : best));
  return [
    ...compare(pick(results, (round) => round.deliveredPerSecond), {
      section,
      name: 'updates delivered to another client',
      unit: 'updates/s',
      better: 'higher',
      ratioTarget: { op: '>=', limit: 1.5 },
      note: 'Discern commits each to SQLite before sending it; the reference stores nothing',
    }),
    ...compare(pick(results, (round) => round.p50), { section, name: 'edit → observer under load p50', unit: 'ms', better: 'lower' }),
    ...cpu(section, results),
    ...storageFigures(section, bestDiscern),
    ...(await validation(section, server, results.Discern)),
  ];
}

/** 4b: the sustained load, paced at 2,000 edits/s: does the event loop stay responsive? */
export async function sustainedFigures(targets: readonly SyncTarget[], server: BenchServer, load: LoadWorker): Promise<Figure[]> {
  const results = await alternate(targets, (target) => sustainedRound(target, load));
  const rate = (SUSTAINED.writers * 1000) / SUSTAINED.intervalMs;
  const section = `4b sustained: ${SUSTAINED.writers} writers × ${1000 / SUSTAINED.intervalMs} edits/s = ${rate.toLocaleString('en-US')} edits/s for ${SUSTAINED.durationMs / 1000} s (Discern vs reference)`;
  return [
    ...compare(pick(results, (round) => round.loopP99), {
      section,
      name: 'server event-loop delay p99',
      unit: 'ms',
      better: 'lower',
      target: { op: '<=', limit: 20 },
      note: `monitorEventLoopDelay at 1 ms resolution on the main thread; Discern's max per round ${results.Discern.map((round) => round.loopMax.toFixed(0)).join(' / ')} ms`,
    }),
    ...compare(pick(results, (round) => round.editsPerSecond), {
      section,
      name: 'edits made',
      unit: 'edits/s',
      better: 'higher',
      target: { op: '>=', limit: rate * 0.95 },
      note: `asked for ${rate}; a writer waits when ${SUSTAINED.window} of its edits are not yet delivered, so a slow server lowers this`,
    }),
    ...compare(pick(results, (round) => round.p99), { section, name: 'edit → observer p99', unit: 'ms', better: 'lower' }),
    ...cpu(section, results),
    ...(await validation(section, server, results.Discern)),
  ];
}

/** 5: many small meetings at once: memory per room, and rooms released when everyone leaves. */
export async function manyRoomsFigures(targets: readonly SyncTarget[], server: BenchServer, load: LoadWorker, gc: () => void): Promise<Figure[]> {
  const results = await alternate(targets, (target) => manyRoomsRound(target, load, gc));
  const section = `5 many rooms: ${MANY_ROOMS} boards × 2 clients (Discern vs reference)`;
  const last = results.Discern.at(-1)!;
  return [
    ...compare(pick(results, (round) => round.openMs), { section, name: `open ${MANY_ROOMS} rooms, ${MANY_ROOMS * 2} clients synced`, unit: 'ms', better: 'lower' }),
    ...compare(pick(results, (round) => round.heapPerRoomKB), {
      section,
      name: 'server heap per open room',
      unit: 'KB',
      better: 'lower',
      target: { op: '<', limit: 200 },
      note: 'heapUsed Δ after gc, incl. 2 sockets',
    }),
    {
      section,
      name: 'Discern: rooms open after clients left',
      value: Math.max(...results.Discern.map((round) => round.roomsLeft)),
      unit: '',
      target: { op: '=', limit: 0 },
      note: last.unloadMs === null ? 'timed out after 10 s' : `all unloaded ${last.unloadMs.toFixed(0)} ms after close began`,
    },
    {
      section,
      name: 'Discern: server heap left per room after unload',
      value: last.heapLeftPerRoomKB,
      unit: 'KB',
      note: `should be ~0 (no leak); the reference still holds ${heldDocuments()} documents in memory (it unloads nothing without persistence), ${results.reference.at(-1)!.heapLeftPerRoomKB.toFixed(1)} KB/room`,
    },
    ...(await validation(section, server, results.Discern)),
  ];
}

/** 6: 100 people moving cursors at 30 Hz, Discern only (the reference echoes every move to everyone at once). */
export async function presenceFiguresFor(server: BenchServer, load: LoadWorker): Promise<Figure[]> {
  const round = await presenceRound(server, load);
  const section = `6 presence: ${PRESENCE.clients} clients moving cursors at ${PRESENCE.hz} Hz (Discern)`;
  return [...presenceFigures(section, round), ...(await validation(section, server, [round]))];
}
