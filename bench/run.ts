/**
 * `npm run bench`: measures the real sync server on this machine and prints a table of figures
 * against their targets, then one JSON line. The server runs in this thread (started with
 * buildServer on 127.0.0.1, port 0, a temporary DATA_DIR); every client runs in one load worker.
 * Misses are reported, not failed; only a crash makes the exit code non-zero.
 */
import os from 'node:os';
import v8 from 'node:v8';
import { runInNewContext } from 'node:vm';
import { startBenchServer, type BenchServer } from './server';
import { startLoadWorker, type LoadWorker } from './loadWorker';
import { formatJson, formatTable, meets, type Figure } from './report';
import { measureFanout } from './fanout';
import { measureEncodeOnce } from './encodeOnce';
import { measureThroughput } from './throughput';
import { measureManyRooms } from './manyRooms';
import { measureColdLoad } from './coldLoad';
import { measureModel } from './model';
import { measureCanvasFigures } from './canvasFrames';

/** global.gc when node ran with --expose-gc; otherwise the flag is switched on now and gc fetched from a fresh context. */
function exposeGc(): () => void {
  const existing = (globalThis as { gc?: () => void }).gc;
  if (existing) return existing;
  v8.setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

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

  console.log(`Discern bench — node ${process.version}, ${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'unknown cpu'})`);
  let server: BenchServer | null = null;
  let load: LoadWorker | null = null;
  try {
    server = await startBenchServer();
    load = await startLoadWorker();
    const s = server;
    const l = load;
    await step('fan-out', () => measureFanout(s, l));
    await step('encode once', () => measureEncodeOnce(s, l));
    await step('storage commits', () => measureThroughput(s, l));
    await step('many rooms', () => measureManyRooms(s, l, gc));
    await step('cold load', () => measureColdLoad(s, l));
  } finally {
    await load?.close();
    await server?.close();
  }
  await step('model', () => measureModel());
  await step('canvas in Chromium', () => measureCanvasFigures());

  const seconds = (performance.now() - started) / 1000;
  const targeted = figures.filter((figure) => figure.target);
  const passed = targeted.filter((figure) => meets(figure.value, figure.target!)).length;
  console.log('');
  console.log(formatTable(figures));
  console.log('');
  console.log(`${passed}/${targeted.length} targets met in ${seconds.toFixed(1)} s. Server in the main thread, clients in one worker thread, loopback only.`);
  console.log(formatJson(figures, {
    bench: 'discern',
    node: process.version,
    cores: os.cpus().length,
    seconds: Number(seconds.toFixed(1)),
    passed,
    targets: targeted.length,
  }));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
