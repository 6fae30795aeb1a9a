import { parentPort } from 'node:worker_threads';
import { fanoutClients } from './fanout';
import { throughputClients } from './throughput';
import { openManyRooms, closeManyRooms } from './manyRooms';
import { seedColdBoard, coldSync } from './coldLoad';
import { stockFanoutClients } from './stockFanout';
import { presenceStart, presenceStop } from './presence';

/** What the load worker can be asked to do; each task resolves with plain, cloneable data. */
const tasks = {
  ping: async (_params: Record<string, never>) => 'pong' as const,
  fanout: fanoutClients,
  throughput: throughputClients,
  openManyRooms,
  closeManyRooms,
  seedColdBoard,
  coldSync,
  stockFanout: stockFanoutClients,
  presenceStart,
  presenceStop,
};
export type ClientTasks = typeof tasks;

interface Request {
  id: number;
  task: keyof ClientTasks;
  params: never;
}

parentPort?.on('message', (request: Request) => {
  const task = tasks[request.task] as (params: unknown) => Promise<unknown>;
  task(request.params).then(
    (result) => parentPort?.postMessage({ id: request.id, result }),
    (error: unknown) => parentPort?.postMessage({ id: request.id, error: error instanceof Error ? error.stack ?? error.message : String(error) }),
  );
});
