import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type CreatedBoard, type TestServer } from '../helpers/server';
import { inBatches, syncOnce } from '../helpers/rawSync';
import { collector } from '../helpers/gc';
import { waitFor } from '../helpers/waitFor';

/**
 * Sockets come and go all day: 10,000 connect/sync/disconnect cycles over 100 boards must leave
 * nothing behind. Every room is unloaded again, every socket forgotten, and the heap (after garbage
 * collection) stays within 10 % of where it was once the server was warm.
 */

const BOARDS = 100;
const CYCLES = 10_000;
/** Cycles before the baseline, so lazy caches and compiled code are not counted as growth. */
const WARM_UP = 1_000;
/** Sockets in flight at once: well under the per-address connection limit. */
const CONCURRENCY = 40;

/** Heap in use after full collections, once pending finalizers and closes have had their turn. */
async function settledHeap(gc: () => void): Promise<number> {
  for (let round = 0; round < 4; round++) {
    gc();
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return process.memoryUsage().heapUsed;
}

let server: TestServer;
let boards: CreatedBoard[];

beforeAll(async () => {
  server = await startServer({ limits: { boardsPerIpPerHour: 10 * BOARDS } });
  boards = [];
  for (let index = 0; index < BOARDS; index++) boards.push(await server.createBoard(`Board ${index}`));
});

afterAll(async () => server?.close());

describe('memory under connect/disconnect churn', () => {
  it(`${CYCLES.toLocaleString('en')} sync cycles over ${BOARDS} boards leave no rooms, no sockets and no heap growth`, async () => {
    const gc = collector();
    const urls = boards.map((board) => `${server.wsUrl}/sync/${board.id}?key=${board.keys.edit}`);
    const cycle = (index: number): Promise<boolean> => syncOnce(urls[index % BOARDS]!);
    const drained = async (): Promise<void> => {
      await waitFor(() => {
        expect(server.app.rooms.size, 'open rooms').toBe(0);
        expect(server.app.websocketServer.clients.size, 'open sockets').toBe(0);
      });
    };

    expect((await inBatches(WARM_UP, CONCURRENCY, cycle)).every(Boolean)).toBe(true);
    await drained();
    const baseline = await settledHeap(gc);

    const answered = await inBatches(CYCLES, CONCURRENCY, cycle);
    expect(answered.filter((ok) => !ok).length, 'cycles without a sync answer').toBe(0);
    await drained();
    const after = await settledHeap(gc);

    const growth = (after - baseline) / baseline;
    const mb = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
    expect(growth, `heap ${mb(baseline)} → ${mb(after)}`).toBeLessThan(0.1);
  }, 180_000);
});
