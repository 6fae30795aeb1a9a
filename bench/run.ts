/**
 * `npm run bench`: measures the real sync server on this machine, side by side with the reference
 * (y-websocket 1.5.4's own server code), and prints a table of figures against their targets, then
 * one JSON line. Both servers run in this thread (Discern from buildServer on 127.0.0.1, port 0, a
 * temporary DATA_DIR; the reference on a plain `ws` server); every client runs in one load worker.
 * The exit code is non-zero when a target is missed (after the table and JSON are printed) or the
 * bench crashes.
 */
import os from 'node:os';
import v8 from 'node:v8';
import { runInNewContext } from 'node:vm';
import { startBenchServer, BENCH_LIMITS_NOTE, type BenchServer } from './server';
import { startReferenceServer } from './referenceServer';
import type { SyncTarget } from './target';
import { scaleOutFigures } from './scaleOut';
import { startLoadWorker, type LoadWorker } from './loadWorker';
import { formatJson, formatTable, meets, type Figure } from './report';
import { ROUNDS } from './sideBySide';
import { burstFanoutFigures, manyRoomsFigures, presenceFiguresFor, stockFanoutFigures, sustainedFigures, throughputFigures } from './serverScenarios';
import { measureEncodeOnce } from './encodeOnce';
import { measureColdLoad } from './coldLoad';
import { measureModel } from './model';
import { measureClientCost } from './clientCost';
import { measureCanvasFigures } from './canvasFrames';
import { measureBrowserLoad } from './browserLoad';

/** global.gc when node ran with --expose-gc; otherwise the flag is switched on now and gc fetched from a fresh context. */
function exposeGc(): () => void {
  const existing = (globalThis as { gc?: () => void }).gc;
  if (existing) return existing;
  v8.setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

const REFERENCE_NOTE =
  'reference = y-websocket@1.5.4 bin/utils.js setupWSConnection on a plain ws 8 server, in this process: it stores nothing, checks nothing and limits nothing';

async function main(): Promise<void> {
  const started = performance.now();
  const gc = exposeGc();
  const figures: Figure[] = [];
  const step = async (name: string, measure: () => Promise<Figure[]> | Figure[]): Promise<void> => {
    const start = performance.now();
    process.stdout.write(`  ${name}…`);
    figures.push(...(await measure()));
    process.stdout.write(` ${((performance.now() - start) / 1000).toFixed(1)} s\n`);
  };

  const load1 = os.loadavg()[0]!;
  console.log(`Discern bench — node ${process.version}, ${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'unknown cpu'}), load average ${load1.toFixed(2)} at start`);
  console.log(`Discern server: ${BENCH_LIMITS_NOTE}`);
  console.log(`${REFERENCE_NOTE}; side-by-side scenarios alternate Discern, reference ×${ROUNDS} and report each one's best round`);
  let server: BenchServer | null = null;
  let reference: SyncTarget | null = null;
  let load: LoadWorker | null = null;
  try {
    server = await startBenchServer();
    reference = await startReferenceServer();
    load = await startLoadWorker();
    const s = server;
    const l = load;
    const targets = [server, reference];
    await step(`fan-out, ${ROUNDS}× each`, () => stockFanoutFigures(targets, s, l));
    await step(`fan-out burst, ${ROUNDS}× each`, () => burstFanoutFigures(targets, s, l));
    await step('encode once', () => measureEncodeOnce(s, l));
    await step(`saturation, ${ROUNDS}× each`, () => throughputFigures(targets, s, l));
    await step(`sustained 2,000 edits/s, ${ROUNDS}× each`, () => sustainedFigures(targets, s, l));
    await step(`many rooms, ${ROUNDS}× each`, () => manyRoomsFigures(targets, s, l, gc));
    await step('presence', () => presenceFiguresFor(s, l));
    await step('cold load', () => measureColdLoad(s, l));
    await step('scale-out: 1 vs 2 processes', () => scaleOutFigures(l));
  } finally {
    await load?.close();
    await reference?.close();
    await server?.close();
  }
  await step('model', () => measureModel());
  await step('client-side cost', () => measureClientCost());
  // `npm run bench -- --no-browser` leaves Chromium out while working on the server; the full run keeps it.
  if (!process.argv.includes('--no-browser')) {
    await step('canvas in Chromium', () => measureCanvasFigures());
    await step('page load in Chromium', () => measureBrowserLoad());
  }

  const seconds = (performance.now() - started) / 1000;
  const targeted = figures.filter((figure) => figure.target);
  const missed = targeted.filter((figure) => !meets(figure.value, figure.target!));
  console.log('');
  console.log(formatTable(figures));
  console.log('');
  console.log(
    `${targeted.length - missed.length}/${targeted.length} targets met in ${seconds.toFixed(0)} s; load average ${load1.toFixed(2)} at start, ${os.loadavg()[0]!.toFixed(2)} at end. ` +
      'Servers in the main thread, clients in one worker thread, loopback only.',
  );
  console.log(formatJson(figures, {
    bench: 'discern',
    node: process.version,
    cores: os.cpus().length,
    loadAverage: [Number(load1.toFixed(2)), Number(os.loadavg()[0]!.toFixed(2))],
    seconds: Number(seconds.toFixed(1)),
    passed: targeted.length - missed.length,
    targets: targeted.length,
    limits: BENCH_LIMITS_NOTE,
    reference: REFERENCE_NOTE,
  }));
  if (missed.length > 0) {
    console.error(`\nMISSED ${missed.length}: ${missed.map((figure) => `${figure.section.split(':')[0]} / ${figure.name}`).join('; ')}`);
    process.exitCode = 1;
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
