import { Worker } from 'node:worker_threads';
import type { ClientTasks } from './loadClients';

type TaskName = keyof ClientTasks;
type TaskParams<K extends TaskName> = Parameters<ClientTasks[K]>[0];
type TaskResult<K extends TaskName> = Awaited<ReturnType<ClientTasks[K]>>;

interface Reply {
  id: number;
  result?: unknown;
  error?: string;
}

/**
 * The load generator: every benchmark client runs in one worker thread, so the server keeps the
 * main thread (and its heap figures) to itself and the two cores are split server / clients.
 */
export interface LoadWorker {
  run<K extends TaskName>(task: K, params: TaskParams<K>): Promise<TaskResult<K>>;
  close(): Promise<void>;
}

export async function startLoadWorker(): Promise<LoadWorker> {
  // Node 20 does not pass tsx's loader on to workers, so the worker registers it before importing the entry.
  const entry = new URL('./loadClients.ts', import.meta.url).href;
  const tsxApi = import.meta.resolve('tsx/esm/api');
  const boot = `import { register } from ${JSON.stringify(tsxApi)}; register(); await import(${JSON.stringify(entry)});`;
  const worker = new Worker(boot, { eval: true, execArgv: [] });
  const pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  let nextId = 1;
  let failure: Error | null = null;

  const failAll = (error: Error): void => {
    failure = error;
    for (const { reject } of pending.values()) reject(error);
    pending.clear();
  };
  worker.on('message', (reply: Reply) => {
    const waiting = pending.get(reply.id);
    if (!waiting) return;
    pending.delete(reply.id);
    if (reply.error !== undefined) waiting.reject(new Error(`load worker: ${reply.error}`));
    else waiting.resolve(reply.result);
  });
  worker.on('error', (error) => failAll(error));
  worker.on('exit', (code) => failAll(new Error(`load worker exited with ${code}`)));

  const run = <K extends TaskName>(task: K, params: TaskParams<K>): Promise<TaskResult<K>> => {
    if (failure) return Promise.reject(failure);
    const id = nextId++;
    return new Promise((resolve, reject) => {
      pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      worker.postMessage({ id, task, params });
    });
  };
  await run('ping', {});
  return {
    run,
    async close() {
      worker.removeAllListeners('exit');
      await worker.terminate();
    },
  };
}
