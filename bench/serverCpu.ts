import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';

/** Linux reports thread times in clock ticks of 1/USER_HZ s; USER_HZ is 100 on every mainstream architecture. */
const TICK_MS = 10;

/**
 * CPU time of this process's main thread, in ms. The servers run in the main thread and the load
 * clients in a worker, so `process.cpuUsage()` (the whole process) would mix the two; on Linux the
 * main thread's own times are in /proc (its thread id is the process id). Elsewhere this falls back
 * to the whole process and says so. Resolution is one tick (10 ms).
 */
export function mainThreadCpuMs(): { ms: number; source: 'main thread' | 'whole process' } {
  try {
    const stat = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces) start at field 3; utime and stime are fields 14 and 15.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]);
    if (Number.isFinite(ticks)) return { ms: ticks * TICK_MS, source: 'main thread' };
  } catch {
    // Not Linux: fall through.
  }
  const usage = process.cpuUsage();
  return { ms: (usage.user + usage.system) / 1000, source: 'whole process' };
}

export interface ServerLoad {
  wallMs: number;
  /** Main-thread CPU over the interval, ms, and as cores (1 = one core busy all the time). */
  cpuMs: number;
  cores: number;
  cpuSource: 'main thread' | 'whole process';
  /** Event-loop utilization of the main thread over the interval, 0–1. */
  loopBusy: number;
}

/** Starts measuring the server's (main thread's) load; `stop` returns what it used since. */
export function startServerLoad(): { stop(): ServerLoad } {
  const wallStart = performance.now();
  const cpuStart = mainThreadCpuMs();
  const elu = performance.eventLoopUtilization();
  return {
    stop() {
      const wallMs = performance.now() - wallStart;
      const cpu = mainThreadCpuMs();
      const cpuMs = cpu.ms - cpuStart.ms;
      return { wallMs, cpuMs, cores: cpuMs / wallMs, cpuSource: cpu.source, loopBusy: performance.eventLoopUtilization(elu).utilization };
    },
  };
}
