import { rmSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import * as Y from 'yjs';
import { nanoid } from 'nanoid';
import { Awareness } from 'y-protocols/awareness';
import type { WebsocketProvider } from 'y-websocket';
import { BoardCommandError, BoardModel } from '../../shared/board/model';
import { voterIdFor } from '../../shared/protocol/voter';
import { startServer, synced, tempDataDir, type CreatedBoard, type TestServer } from '../helpers/server';
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
 * FUZZ_RUNS sets the number of seeds (default 50). A failure prints its seed and path; replay it with
 * FUZZ_SEED=<seed> FUZZ_PATH=<path> (add FUZZ_SHRINK=1 to let fast-check shrink it).
 */

const CLIENTS = 10;
const RUNS = Number(process.env.FUZZ_RUNS ?? 50);
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

  private constructor(
    private server: TestServer,
    readonly board: CreatedBoard,
    readonly clients: FuzzClient[],
  ) {}

  static async start(): Promise<FuzzRun> {
    const server = await startServer({ dataDir: tempDataDir() });
    const board = await server.createBoard('Fuzz');
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
    const run = new FuzzRun(server, board, clients);
    run.connectAll();
    await Promise.all(clients.map((client) => synced(client.provider)));
    return run;
  }

  /** (Re)creates every client's provider against the current server; offline clients stay offline. */
  private connectAll(): void {
    for (const client of this.clients) {
      client.provider?.destroy();
      client.provider = stockProvider(this.server.wsUrl, this.board.id, client.key, client.doc, {
        params: { voter: client.secret },
        awareness: client.awareness,
        connect: client.online,
      });
      onRefusal(client.provider, (refusal) => this.refusals.push({ ...refusal, client: client.name }));
    }
  }

  /** Stops the server (it stores every room) and starts a new one on the same data dir and a new port. */
  async restart(): Promise<void> {
    const dataDir = this.server.dataDir;
    await this.server.close();
    this.server = await startServer({ dataDir });
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
        const room = this.server.app.rooms.get(this.board.id);
        if (!room) throw new Error('the board is not open on the server');
        const expected = fingerprint(room.doc);
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
    await waitFor(() => expect(this.server.app.rooms.size, 'rooms open after everyone left').toBe(0));
    const reloaded = this.freshClient();
    await synced(reloaded);
    await waitFor(() => {
      expect(rootsJson(reloaded.doc), 'a client of the board loaded from storage').toBe(expected.roots);
      expect(holdsUpdate(reloaded.doc, Y.encodeStateAsUpdate(this.clients[0]!.doc))).toBe(true);
    });
  }

  private freshClient(): WebsocketProvider {
    const provider = stockProvider(this.server.wsUrl, this.board.id, this.board.keys.view);
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
    await this.server.close();
    rmSync(this.server.dataDir, { recursive: true, force: true });
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

async function runScenario({ openingNotes, openingVote, steps, restarts }: Scenario): Promise<void> {
  const restartAt = restarts.map((position) => position % (steps.length + 1));
  const run = await FuzzRun.start();
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

function replayParameters(): fc.Parameters<[Scenario]> {
  const seed = process.env.FUZZ_SEED;
  const path = process.env.FUZZ_PATH;
  return {
    numRuns: RUNS,
    ...(seed ? { seed: Number(seed) } : {}),
    ...(path ? { path } : {}),
    // Each run starts real servers; shrinking a failure could take many minutes, so it is opt-in.
    endOnFailure: process.env.FUZZ_SHRINK !== '1',
  };
}

describe('convergence fuzz', () => {
  it(
    `${RUNS} random meetings with disconnects and two restarts end byte-identical on every client`,
    async () => {
      const details = await fc.check(fc.asyncProperty(scenario, runScenario), replayParameters());
      if (details.failed) {
        const replay = `FUZZ_SEED=${details.seed} FUZZ_PATH="${details.counterexamplePath ?? ''}" npx vitest run test/server/convergence.test.ts`;
        const cause = details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance);
        throw new Error(`${fc.defaultReportMessage(details)}\n\nWhat failed: ${cause}\n\nReplay this run with:\n  ${replay}`);
      }
    },
    Math.max(180_000, RUNS * 6_000),
  );
});
