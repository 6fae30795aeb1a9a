/**
 * `npx tsx bench/paintProfile.ts [runs] [--profile] [--phone] [--client DIR]`: where the main thread's time goes
 * between navigation and "notes painted" on the desktop 2,000-note board (bench 11's first figure).
 * Wall-clock figures on a loaded machine say little; a trace's thread time (`tdur`) of the renderer's
 * main-thread tasks does not count the time the thread waited for a core, so it compares runs made
 * under different loads. `--profile` adds a CPU profile's self time per function (use an unminified
 * build, `--client`, for readable names).
 */
import type { CDPSession } from 'playwright-core';
import { ensureClientBuilt } from '../scripts/clientBuild';
import { launchBrowser } from '../test/helpers/browser';
import { startServer } from '../test/helpers/server';
import { DESKTOP, PHONE, notesAt, seedBoard, watchForNotes } from './browserLoad';

interface TraceEvent {
  name: string;
  cat: string;
  ph: string;
  ts: number;
  dur?: number;
  tdur?: number;
  pid: number;
  tid: number;
  args?: { name?: string; data?: Record<string, unknown> };
}

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

const CATEGORIES = ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'blink.user_timing', 'loading', 'v8.execute', 'toplevel'].join(',');

async function trace(cdp: CDPSession, run: () => Promise<void>): Promise<TraceEvent[]> {
  const events: TraceEvent[] = [];
  // playwright types trace events as string maps; they are Chromium's trace event objects.
  cdp.on('Tracing.dataCollected', (message) => events.push(...(message.value as unknown as TraceEvent[])));
  const done = new Promise<void>((resolve) => cdp.once('Tracing.tracingComplete', () => resolve()));
  await cdp.send('Tracing.start', { categories: CATEGORIES, transferMode: 'ReportEvents' });
  await run();
  await cdp.send('Tracing.end');
  await done;
  return events;
}

/** What kind of work a top-level task was: its longest child event, with the script's file where there is one. */
function taskKind(task: TraceEvent, children: TraceEvent[]): string {
  let best: TraceEvent | null = null;
  for (const child of children) if (!best || (child.tdur ?? 0) > (best.tdur ?? 0)) best = child;
  if (!best) return task.name;
  const data = best.args?.data ?? {};
  const where = String(data.url ?? data.functionName ?? data.type ?? '').split('/').pop();
  return `${best.name}${where ? ` ${where}` : ''}`;
}

interface Summary {
  text: string;
  /** From the start of the longest task to the paint, in trace time (µs). */
  window: [number, number] | null;
  longestCpuMs: number;
  cpuMs: number;
}

function summarise(events: TraceEvent[], paintedMs: number): Summary {
  const mains = events.filter((event) => event.name === 'thread_name' && event.args?.name === 'CrRendererMain');
  // The board page's own navigation (a new page first loads about:blank, maybe in another process).
  const nav = events.find(
    (event) => event.name === 'navigationStart' && String(event.args?.data?.documentLoaderURL ?? '').includes('/b/') && mains.some((m) => m.pid === event.pid),
  );
  if (!nav) return { text: 'no navigationStart in the trace', window: null, longestCpuMs: Number.NaN, cpuMs: Number.NaN };
  const main = mains.find((m) => m.pid === nav.pid)!;
  const end = nav.ts + paintedMs * 1000;
  const onMain = events.filter((event) => event.pid === main.pid && event.tid === main.tid && event.ph === 'X' && event.ts >= nav.ts && event.ts <= end);
  const tasks = onMain.filter((event) => event.name === 'ThreadControllerImpl::RunTask').sort((a, b) => a.ts - b.ts);
  const lines: string[] = [];
  let busy = 0;
  let cpu = 0;
  const byKind = new Map<string, number>();
  for (const task of tasks) {
    busy += task.dur ?? 0;
    cpu += task.tdur ?? 0;
    const children = onMain.filter((event) => event !== task && event.ts >= task.ts && event.ts < task.ts + (task.dur ?? 0) && !event.name.includes('RunTask'));
    const kind = taskKind(task, children);
    byKind.set(kind, (byKind.get(kind) ?? 0) + (task.tdur ?? 0));
    if ((task.tdur ?? 0) >= 10_000) lines.push(`    at ${((task.ts - nav.ts) / 1000).toFixed(0).padStart(5)} ms  wall ${((task.dur ?? 0) / 1000).toFixed(1).padStart(6)}  cpu ${((task.tdur ?? 0) / 1000).toFixed(1).padStart(6)}  ${kind}`);
  }
  for (const event of events) {
    if (event.pid !== main.pid || !/^WebSocket/.test(event.name)) continue;
    lines.push(`    at ${((event.ts - nav.ts) / 1000).toFixed(0).padStart(5)} ms  ${event.name}`);
  }
  const kinds = [...byKind].sort((a, b) => b[1] - a[1]).slice(0, 12).map(([kind, t]) => `    ${(t / 1000).toFixed(1).padStart(7)} ms cpu  ${kind}`);
  // From the longest task (the first sync's, on a big board) to the paint: what the notes wait for once they are here.
  const longest = tasks.reduce<TraceEvent | null>((best, task) => (!best || (task.tdur ?? 0) > (best.tdur ?? 0) ? task : best), null);
  const text = [`  painted ${paintedMs.toFixed(0)} ms; main thread busy ${(busy / 1000).toFixed(0)} ms wall, ${(cpu / 1000).toFixed(0)} ms cpu in ${tasks.length} tasks`, '  tasks over 10 ms cpu:', ...lines, '  cpu by kind:', ...kinds].join('\n');
  return { text, window: longest ? [longest.ts, end] : null, longestCpuMs: (longest?.tdur ?? 0) / 1000, cpuMs: cpu / 1000 };
}

function profileTimes(profile: { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[]; startTime: number }, window: [number, number] | null): string {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const keyOf = (id: number): string => {
    const frame = byId.get(id)!.callFrame;
    return `${frame.functionName || '(anonymous)'} ${frame.url.split('/').pop()}:${frame.lineNumber + 1}`;
  };
  const self = new Map<string, number>();
  const total = new Map<string, number>();
  let at = profile.startTime;
  profile.samples.forEach((id, i) => {
    at += profile.timeDeltas[i] ?? 0;
    if (window && (at < window[0] || at > window[1])) return;
    const dt = profile.timeDeltas[i + 1] ?? 0;
    self.set(keyOf(id), (self.get(keyOf(id)) ?? 0) + dt);
    const seen = new Set<string>();
    for (let node: number | undefined = id; node !== undefined; node = parent.get(node)) seen.add(keyOf(node));
    for (const key of seen) total.set(key, (total.get(key) ?? 0) + dt);
  });
  const top = (times: Map<string, number>, count: number) =>
    [...times]
      .sort((a, b) => b[1] - a[1])
      .slice(0, count)
      .map(([key, t]) => `    ${(t / 1000).toFixed(1).padStart(7)} ms  ${key}`);
  return ['  self:', ...top(self, 35), '  inclusive:', ...top(total, 60)].join('\n');
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const runs = Number(args.find((arg) => /^\d+$/.test(arg)) ?? 3);
  const withProfile = args.includes('--profile');
  // `--phone`: the phone-sized outline's first notes (bench 11's third figure) instead.
  const phone = args.includes('--phone');
  // Several builds (`--client A --client B`) are loaded in turn, A B A B…, so that they share the machine's load.
  const clientDirs = args.flatMap((arg, i) => (args[i - 1] === '--client' ? [arg] : []));
  if (clientDirs.length === 0) clientDirs.push(ensureClientBuilt({ test: true }));
  const browser = await launchBrowser();
  const servers = [];
  for (const clientDir of clientDirs) servers.push(await startServer({ clientDir }));
  try {
    const urls = await Promise.all(servers.map(async (server) => `${server.httpUrl}${await seedBoard(server, 2000)}`));
    const totals = clientDirs.map(() => ({ painted: [] as number[], syncCpu: [] as number[], cpu: [] as number[] }));
    for (let run = 0; run <= runs; run++) {
      for (const [which, url] of urls.entries()) {
        const context = await browser.newContext(phone ? { viewport: PHONE, isMobile: true, hasTouch: true } : { viewport: DESKTOP });
        const page = await context.newPage();
        await watchForNotes(page, phone ? 'outline' : 'canvas', 2000);
        const cdp = await context.newCDPSession(page);
        if (withProfile) {
          await cdp.send('Profiler.enable');
          await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
          await cdp.send('Profiler.start');
        }
        let paintedMs = 0;
        const events = await trace(cdp, async () => {
          await page.goto(url);
          paintedMs = await notesAt(page);
        });
        // The first load warms the server's room and SQLite pages, as for any later visitor.
        if (run > 0) {
          const summary = summarise(events, paintedMs);
          console.log(`run ${run}, ${clientDirs[which]}:\n${summary.text}`);
          totals[which]!.painted.push(paintedMs);
          totals[which]!.syncCpu.push(summary.longestCpuMs);
          totals[which]!.cpu.push(summary.cpuMs);
          if (withProfile) {
            const { profile } = (await cdp.send('Profiler.stop')) as { profile: { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[]; startTime: number } };
            console.log(`  CPU profile, from the longest task to the paint:\n${profileTimes(profile, summary.window)}`);
          }
        }
        await context.close();
      }
    }
    const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;
    for (const [which, total] of totals.entries()) {
      console.log(
        `${clientDirs[which]}: painted median ${median(total.painted).toFixed(0)} ms [${total.painted.map((v) => v.toFixed(0)).join(', ')}]; ` +
          `longest task cpu median ${median(total.syncCpu).toFixed(0)} ms [${total.syncCpu.map((v) => v.toFixed(0)).join(', ')}]; ` +
          `main-thread cpu to paint median ${median(total.cpu).toFixed(0)} ms [${total.cpu.map((v) => v.toFixed(0)).join(', ')}]`,
      );
    }
  } finally {
    await browser.close();
    await Promise.all(servers.map((server) => server.close()));
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
