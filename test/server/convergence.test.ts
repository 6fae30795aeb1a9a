import { rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import * as Y from 'yjs';
import { nanoid } from 'nanoid';
import { Awareness } from 'y-protocols/awareness';
import type { WebsocketProvider } from 'y-websocket';
import { BoardCommandError, BoardModel } from '../../shared/board/model';
import { voterIdFor } from '../../shared/protocol/voter';
import { startServer, synced, tempDataDir, type CreatedBoard, type TestServer } from '../helpers/server';
import { sharedPostgres } from '../helpers/postgres';
import { startRedis, type RunningRedis } from '../helpers/redis';
import { stockProvider, onRefusal, type Refusal } from '../helpers/stockClient';
import { fingerprint, holdsUpdate, rootsJson, type DocFingerprint } from '../helpers/docState';
import { fuzzStep, isModelStep, runModelStep, voteBudget, type FuzzStep } from '../helpers/boardFuzz';
import { ZONES, type Zone } from '../../shared/board/zones';
import { waitFor } from '../helpers/waitFor';

/**
 * Convergence under everything a meeting throws at the server at once: ten stock y-websocket
 * clients (one lead) editing notes, links and votes, dropping off and coming back, and the server
 * restarting twice on the same data. At the end every client, a fresh client and a client that
 * loads the board from storage hold the same document.
 *
 * Honest clients only: each acts on what it sees, votes under its own voter id, and the lead runs
 * the vote. A vote starts and ends at a barrier (everyone connected and in step before and after),
 * because a dot cast while an `endVote` is in flight is refused by rule, not by accident. Anything
 * else an honest client does must be accepted: a refusal (any 4xxx close) fails the run.
 *
 * The same fuzz runs on one process with SQLite, and on two processes sharing Postgres and Redis,
 * with the clients spread over both and each restart hitting one of them.
 *
 * FUZZ_RUNS sets the number of seeds (default 50 on one process, FUZZ_RUNS_CLUSTER 10 on two). A
 * failure prints its seed and path; replay it with FUZZ_SEED=<seed> FUZZ_PATH=<path> (add
 * FUZZ_SHRINK=1 to let fast-check shrink it).
 */

const CLIENTS = 10;
const RUNS = Number(process.env.FUZZ_RUNS ?? 50);
const CLUSTER_RUNS = Number(process.env.FUZZ_RUNS_CLUSTER ?? 10);

/** Where the board lives: one server, or several processes behaving as one. */
interface Topology {
  readonly servers: TestServer[];
  /** Stops server `index` (it stores every room) and starts it again on the same storage, on a new port. */
  restart(index: number): Promise<void>;
  close(): Promise<void>;
}

async function oneProcess(): Promise<Topology> {
  const servers = [await startServer({ dataDir: tempDataDir() })];
  return {
    servers,
    async restart() {
      const dataDir = servers[0]!.dataDir;
      await servers[0]!.close();
      servers[0] = await startServer({ dataDir });
    },
    async close() {
      await servers[0]!.close();
      rmSync(servers[0]!.dataDir, { recursive: true, force: true });
    },
  };
}

let redis: RunningRedis | null = null;
afterAll(async () => {
  await redis?.stop();
});

async function twoProcesses(): Promise<Topology> {
  redis ??= await startRedis();
  const databaseUrl = await (await sharedPostgres()).createDatabase();
  const start = () => startServer({ databaseUrl, redisUrl: redis!.url });
  const servers = [await start(), await start()];
  return {
    servers,
    async restart(index) {
      await servers[index]!.close();
      servers[index] = await start();
    },
    async close() {
      await Promise.all(servers.map((server) => server.close()));
    },
  };
}
const SETTLE_MS = 10_000;

interface FuzzClient {
  readonly name: string;
  readonly key: string;
  readonly doc: Y.Doc;
  readonly awareness: Awareness;
  readonly model: BoardModel;
  readonly secret: string;
  readonly voterId: string;
  provider: WebsocketProvider;
  online: boolean;
}

// Each stock provider adds a process 'exit' listener; eleven of them are expected here, not a leak.
process.setMaxListeners(64);

const delay = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** Roots first: when replicas differ, their JSON shows how. */
function expectSameDoc(doc: Y.Doc, expected: DocFingerprint, who: string): void {
  const actual = fingerprint(doc);
  expect(actual.roots, `${who}: roots`).toBe(expected.roots);
  expect(actual.stateVector, `${who}: state vector`).toBe(expected.stateVector);
  expect(actual.snapshot, `${who}: delete set`).toBe(expected.snapshot);
}

/** One run: a server on its own data dir, one board, ten clients; the lead is client 0. */
class FuzzRun {
  readonly refusals: Array<Refusal & { client: string }> = [];
  private readonly extraProviders: WebsocketProvider[] = [];

  private restarts = 0;

  private constructor(
    private readonly topology: Topology,
    readonly board: CreatedBoard,
    readonly clients: FuzzClient[],
  ) {}

  static async start(topology: Topology): Promise<FuzzRun> {
    const board = await topology.servers[0]!.createBoard('Fuzz');
    const clients = Array.from({ length: CLIENTS }, (_, index): FuzzClient => {
      const doc = new Y.Doc();
      const secret = nanoid();
      return {
        name: index === 0 ? 'lead' : `client ${index}`,
        key: index === 0 ? board.keys.lead : board.keys.edit,
        doc,
        awareness: new Awareness(doc),
        model: new BoardModel(doc),
        secret,
        voterId: voterIdFor(secret),
        // Replaced at once by connectAll; the placeholder keeps the type honest.
        provider: undefined as unknown as WebsocketProvider,
        online: true,
      };
    });
    const run = new FuzzRun(topology, board, clients);
    run.connectAll();
    await Promise.all(clients.map((client) => synced(client.provider)));
    return run;
  }

  /** (Re)creates every client's provider against the current servers, spread over them; offline clients stay offline. */
  private connectAll(): void {
    const { servers } = this.topology;
    for (const [index, client] of this.clients.entries()) {
      client.provider?.destroy();
      client.provider = stockProvider(servers[index % servers.length]!.wsUrl, this.board.id, client.key, client.doc, {
        params: { voter: client.secret },
        awareness: client.awareness,
        connect: client.online,
      });
      onRefusal(client.provider, (refusal) => this.refusals.push({ ...refusal, client: client.name }));
    }
  }

  /** Restarts one server (in turn, when there are several) on the same storage and a new port. */
  async restart(): Promise<void> {
    await this.topology.restart(this.restarts++ % this.topology.servers.length);
    this.connectAll();
  }

  setOnline(client: FuzzClient, online: boolean): void {
    client.online = online;
    if (online) client.provider.connect();
    else client.provider.disconnect();
  }

  /** Every client connected, synced, and holding exactly the server's document. */
  async settle(): Promise<void> {
    for (const client of this.clients) if (!client.online) this.setOnline(client, true);
    await waitFor(
      () => {
        if (this.refusals.length > 0) throw new Error(`an honest client was refused: ${JSON.stringify(this.refusals)}`);
        const rooms = this.topology.servers.map((server) => server.app.rooms.get(this.board.id));
        if (rooms.some((room) => !room)) throw new Error('the board is not open on every server');
        const expected = fingerprint(rooms[0]!.doc);
        for (const [index, room] of rooms.slice(1).entries()) expectSameDoc(room!.doc, expected, `server ${index + 2}`);
        for (const client of this.clients) {
          expect(client.provider.synced, `${client.name} synced`).toBe(true);
          expectSameDoc(client.doc, expected, client.name);
        }
      },
      { timeout: SETTLE_MS },
    );
  }

  /** A lead-only vote command, run at a barrier so no dot is in flight when the vote changes. */
  async leadVote(step: Extract<FuzzStep, { type: 'startVote' | 'endVote' }>): Promise<void> {
    await this.settle();
    const lead = this.clients[0]!.model;
    try {
      if (step.type === 'startVote') lead.startVote(step.budget);
      else lead.endVote();
    } catch (error) {
      if (error instanceof BoardCommandError) return;
      throw error;
    }
    await this.settle();
  }

  async runStep(step: FuzzStep): Promise<void> {
    if (isModelStep(step)) {
      const client = this.clients[step.client]!;
      runModelStep(client.model, step, client.name, client.voterId);
    } else if (step.type === 'startVote' || step.type === 'endVote') {
      await this.leadVote(step);
    } else if (step.type === 'disconnect' || step.type === 'reconnect') {
      this.setOnline(this.clients[step.client]!, step.type === 'reconnect');
    } else {
      // Steps between pauses run in one tick, so the server receives several clients' edits at once.
      await (step.ms === 0 ? nextTurn() : delay(step.ms));
    }
  }

  /**
   * The end state: all clients in step with the server, a fresh client identical to them, and a client
   * that loads the board from storage (after everyone left) holding the same roots and every change.
   */
  async checkConverged(): Promise<void> {
    await this.settle();
    const expected = fingerprint(this.clients[0]!.doc);
    const fresh = this.freshClient();
    await synced(fresh);
    await waitFor(() => expectSameDoc(fresh.doc, expected, 'a fresh client'));

    for (const client of this.clients) client.provider.disconnect();
    fresh.disconnect();
    for (const server of this.topology.servers) {
      await waitFor(() => expect(server.app.rooms.size, 'rooms open after everyone left').toBe(0));
    }
    const reloaded = this.freshClient();
    await synced(reloaded);
    await waitFor(() => {
      expect(rootsJson(reloaded.doc), 'a client of the board loaded from storage').toBe(expected.roots);
      expect(holdsUpdate(reloaded.doc, Y.encodeStateAsUpdate(this.clients[0]!.doc))).toBe(true);
    });
  }

  private freshClient(): WebsocketProvider {
    const servers = this.topology.servers;
    // The last server: on two processes, not the one most clients' edits entered through.
    const provider = stockProvider(servers[servers.length - 1]!.wsUrl, this.board.id, this.board.keys.view);
    this.extraProviders.push(provider);
    return provider;
  }

  async close(): Promise<void> {
    for (const provider of this.extraProviders) provider.destroy();
    for (const client of this.clients) {
      client.provider.destroy();
      client.model.destroy();
      client.awareness.destroy();
      client.doc.destroy();
    }
    await this.topology.close();
  }
}

/**
 * A run: the opening (the lead puts up a few notes and may start a vote, so links and dots have
 * something to act on from the first step), the steps, and where in them the two restarts fall.
 */
interface Scenario {
  openingNotes: Zone[];
  openingVote: number | null;
  steps: FuzzStep[];
  restarts: [number, number];
}

const scenario: fc.Arbitrary<Scenario> = fc.record({
  openingNotes: fc.array(fc.constantFrom(...ZONES), { maxLength: 8 }),
  openingVote: fc.option(voteBudget, { freq: 2 }),
  steps: fc.array(fuzzStep(CLIENTS), { minLength: 30, maxLength: 60 }),
  restarts: fc.tuple(fc.nat({ max: 60 }), fc.nat({ max: 60 })),
});

async function runScenario(topology: () => Promise<Topology>, { openingNotes, openingVote, steps, restarts }: Scenario): Promise<void> {
  const restartAt = restarts.map((position) => position % (steps.length + 1));
  const run = await FuzzRun.start(await topology());
  try {
    const lead = run.clients[0]!;
    for (const zone of openingNotes) lead.model.addNote({ zone, author: lead.name, text: `opening ${zone}` });
    if (openingVote !== null) await run.leadVote({ type: 'startVote', budget: openingVote });
    for (let index = 0; index <= steps.length; index++) {
      for (const position of restartAt) if (position === index) await run.restart();
      const step = steps[index];
      if (step) await run.runStep(step);
    }
    await run.checkConverged();
  } finally {
    await run.close();
  }
}

function replayParameters(runs: number): fc.Parameters<[Scenario]> {
  const seed = process.env.FUZZ_SEED;
  const path = process.env.FUZZ_PATH;
  return {
    numRuns: runs,
    ...(seed ? { seed: Number(seed) } : {}),
    ...(path ? { path } : {}),
    // Each run starts real servers; shrinking a failure could take many minutes, so it is opt-in.
    endOnFailure: process.env.FUZZ_SHRINK !== '1',
  };
}

async function checkScenarios(runs: number, topology: () => Promise<Topology>, testName: string): Promise<void> {
  const details = await fc.check(fc.asyncProperty(scenario, (drawn) => runScenario(topology, drawn)), replayParameters(runs));
  if (details.failed) {
    const replay = `FUZZ_SEED=${details.seed} FUZZ_PATH="${details.counterexamplePath ?? ''}" npx vitest run test/server/convergence.test.ts -t "${testName}"`;
    const cause = details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance);
    throw new Error(`${fc.defaultReportMessage(details)}\n\nWhat failed: ${cause}\n\nReplay this run with:\n  ${replay}`);
  }
}

describe('convergence fuzz', () => {
  it(
    `${RUNS} random meetings with disconnects and two restarts end byte-identical on every client`,
    () => checkScenarios(RUNS, oneProcess, 'random meetings with disconnects'),
    Math.max(180_000, RUNS * 6_000),
  );

  it(
    `${CLUSTER_RUNS} random meetings across two processes on Postgres and Redis end byte-identical everywhere`,
    () => checkScenarios(CLUSTER_RUNS, twoProcesses, 'across two processes'),
    Math.max(180_000, CLUSTER_RUNS * 10_000),
  );
});
