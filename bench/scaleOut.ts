import { startPostgres } from '../test/helpers/postgres';
import { startRedis } from '../test/helpers/redis';
import { FANOUT } from './fanout';
import { THROUGHPUT } from './throughput';
import type { LoadWorker } from './loadWorker';
import type { Figure } from './report';
import { startBenchServer, type BenchServer } from './server';
import { startServerLoad } from './serverCpu';
import { distribution, waitUntil } from './stats';

const ROUNDS = 3;
/** A person-paced meeting of 50: one writer at 10 edits/s, the readers split over the processes. */
const MEETING = { readers: 50, edits: 100, warmup: 10, intervalMs: 100 } as const;

interface ScaleRound {
  p50: number;
  p99: number;
  missing: number;
  /** Main-thread CPU of every server in the round, per update delivered to a reader, µs. */
  cpuPerDeliveredUs: number;
}

/** One round: a board on the first server, the writer there, readers spread over all `servers`. */
async function scaleRound(servers: readonly BenchServer[], load: LoadWorker, params: typeof MEETING | typeof FANOUT): Promise<ScaleRound> {
  const board = await servers[0]!.newBoard('Scale-out');
  const readerUrls = servers.map((server) => `${server.syncUrl}/${board.id}?key=${encodeURIComponent(board.editKey)}`);
  const serverLoad = startServerLoad();
  const result = await load.run('fanout', { url: board.editUrl, readerUrls, ...params });
  const used = serverLoad.stop();
  await waitUntil(() => servers.every((server) => server.openRooms() === 0), 5000);
  const pairs = distribution(result.latencies);
  const delivered = (params.edits + params.warmup) * params.readers;
  return { p50: pairs.p50, p99: pairs.p99, missing: result.missing, cpuPerDeliveredUs: (used.cpuMs * 1000) / delivered };
}

/** Saturation: 20 writers as fast as a 32-edit window allows, split over the servers; one observer on the first. */
async function saturationRound(servers: readonly BenchServer[], load: LoadWorker): Promise<number> {
  const board = await servers[0]!.newBoard('Scale-out saturation');
  const writerUrls = servers.map((server) => `${server.syncUrl}/${board.id}?key=${encodeURIComponent(board.editKey)}`);
  const result = await load.run('throughput', { url: board.editUrl, writerUrls, ...THROUGHPUT });
  await waitUntil(() => servers.every((server) => server.openRooms() === 0), 5000);
  return result.deliveredInWindow / ((result.endWall - result.startWall) / 1000);
}

const best = (rounds: readonly ScaleRound[], field: keyof ScaleRound): number => Math.min(...rounds.map((round) => round[field]));
const all = (rounds: readonly ScaleRound[], field: keyof ScaleRound, digits = 2): string => rounds.map((round) => round[field].toFixed(digits)).join(' / ');

/**
 * Issue 12's scale-out figures: one process on SQLite against two processes sharing Postgres and
 * Redis (here two servers in the bench's main thread, so main-thread CPU covers both), alternating
 * rounds. Two processes cannot show a gain on two cores that also run the clients, Redis and
 * Postgres; the targets are what the hop costs.
 */
export async function scaleOutFigures(load: LoadWorker): Promise<Figure[]> {
  const [postgres, redis] = await Promise.all([startPostgres(), startRedis()]);
  const servers: BenchServer[] = [];
  try {
    const single = await startBenchServer();
    servers.push(single);
    const databaseUrl = await postgres.createDatabase();
    const pair = [await startBenchServer({ databaseUrl, redisUrl: redis.url }), await startBenchServer({ databaseUrl, redisUrl: redis.url })];
    servers.push(...pair);
    const rounds = { meetingOne: [] as ScaleRound[], meetingTwo: [] as ScaleRound[], burstOne: [] as ScaleRound[], burstTwo: [] as ScaleRound[] };
    const saturation = { one: [] as number[], two: [] as number[] };
    for (let round = 0; round < ROUNDS; round++) {
      rounds.meetingOne.push(await scaleRound([single], load, MEETING));
      rounds.meetingTwo.push(await scaleRound(pair, load, MEETING));
      rounds.burstOne.push(await scaleRound([single], load, FANOUT));
      rounds.burstTwo.push(await scaleRound(pair, load, FANOUT));
      saturation.one.push(await saturationRound([single], load));
      saturation.two.push(await saturationRound(pair, load));
    }
    const [saturatedOne, saturatedTwo] = [Math.max(...saturation.one), Math.max(...saturation.two)];
    const section = '12 scale-out: 1 process on SQLite vs 2 on Postgres + Redis (writer on one, 50 readers split)';
    const missing = [...rounds.meetingTwo, ...rounds.burstTwo].reduce((sum, round) => sum + round.missing, 0);
    return [
      { section, name: '10 edits/s, edit → reader p50: 1 process', value: best(rounds.meetingOne, 'p50'), unit: 'ms', note: `best of ${ROUNDS} (${all(rounds.meetingOne, 'p50')})` },
      { section, name: '10 edits/s, edit → reader p50: 2 processes', value: best(rounds.meetingTwo, 'p50'), unit: 'ms', note: `best of ${ROUNDS} (${all(rounds.meetingTwo, 'p50')})` },
      { section, name: '10 edits/s, edit → reader p99: 1 process', value: best(rounds.meetingOne, 'p99'), unit: 'ms', note: `best of ${ROUNDS} (${all(rounds.meetingOne, 'p99')})` },
      {
        section,
        name: '10 edits/s, edit → reader p99: 2 processes',
        value: best(rounds.meetingTwo, 'p99'),
        unit: 'ms',
        target: { op: '<=', limit: 15 },
        note: `best of ${ROUNDS} (${all(rounds.meetingTwo, 'p99')}); 2 ÷ 1 = ${(best(rounds.meetingTwo, 'p99') / best(rounds.meetingOne, 'p99')).toFixed(2)}×`,
      },
      { section, name: 'burst (1 edit / 5 ms) p99: 1 process', value: best(rounds.burstOne, 'p99'), unit: 'ms', note: `best of ${ROUNDS} (${all(rounds.burstOne, 'p99')})` },
      { section, name: 'burst (1 edit / 5 ms) p99: 2 processes', value: best(rounds.burstTwo, 'p99'), unit: 'ms', note: `best of ${ROUNDS} (${all(rounds.burstTwo, 'p99')})` },
      { section, name: 'server CPU per delivered update: 1 process, SQLite', value: best(rounds.burstOne, 'cpuPerDeliveredUs'), unit: 'µs', note: `best of ${ROUNDS} (${all(rounds.burstOne, 'cpuPerDeliveredUs')})` },
      {
        section,
        name: 'server CPU per delivered update: 2 processes ÷ 1',
        value: best(rounds.burstTwo, 'cpuPerDeliveredUs') / best(rounds.burstOne, 'cpuPerDeliveredUs'),
        unit: '×',
        target: { op: '<=', limit: 2 },
        note: `2 processes: ${best(rounds.burstTwo, 'cpuPerDeliveredUs').toFixed(2)} µs (Postgres commit + Redis publish and read + a second apply and encode)`,
      },
      { section, name: 'delivered updates/s at saturation: 1 process', value: Math.round(saturatedOne), unit: 'updates/s', note: `best of ${ROUNDS} (${saturation.one.map(Math.round).join(' / ')}); 20 writers, 32-edit window, one observer` },
      {
        section,
        name: 'delivered updates/s at saturation: 2 processes',
        value: Math.round(saturatedTwo),
        unit: 'updates/s',
        note: `best of ${ROUNDS} (${saturation.two.map(Math.round).join(' / ')}); writers split, observer on the first: ${(saturatedTwo / saturatedOne).toFixed(2)}× one process (on two shared cores, no gain is expected)`,
      },
      { section, name: 'updates lost on 2 processes', value: missing, unit: 'updates', target: { op: '=', limit: 0 }, note: 'every edit reached every reader, in the writer’s order (a reader counts an edit only once the clock it left arrives)' },
    ];
  } finally {
    for (const server of servers) await server.close();
    await Promise.all([postgres.destroy(), redis.stop()]);
  }
}
