import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import * as Y from 'yjs';
import { BoardModel } from '../../shared/board/model';
import { startChildServer, killHard, type ChildServer } from '../helpers/childServer';
import { synced, tempDataDir, type CreatedBoard } from '../helpers/server';
import { stockProvider } from '../helpers/stockClient';
import { BusyWriter, textVersion } from '../helpers/busyWriter';
import { holdsUpdate } from '../helpers/docState';
import { waitFor } from '../helpers/waitFor';

/**
 * Commit before forward, under fire: five stock clients keep writing to a server in its own process,
 * which is killed with SIGKILL at a random moment while they write. Whatever any client had received
 * from another client by then must be on the board after the restart, and the SQLite file must be
 * intact. Each cycle's restarted server is the next cycle's victim; every earlier board is checked
 * again after every later crash.
 *
 * CRASH_CYCLES sets the number of cycles (default 20; `npm run test:crash` runs 100).
 */

const CYCLES = Number(process.env.CRASH_CYCLES ?? 20);
const WRITERS = 5;
/** The kill lands this long (at random, up to) after every writer has received something. */
const MAX_KILL_DELAY_MS = 400;

// Each stock provider adds a process 'exit' listener; a cycle holds six of them at most.
process.setMaxListeners(64);

interface Ledger {
  board: CreatedBoard;
  /** Everything the writers had received from the server when it died, as one update. */
  received: Uint8Array;
  /** Note id → the newest text version any writer other than its author had seen. */
  seen: Map<string, { author: string; version: number }>;
}

const delay = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

let dataDir: string;
let server: ChildServer | null = null;
const ledgers: Ledger[] = [];

/** The running child server, started again if a failed cycle left it dead. */
async function liveServer(): Promise<ChildServer> {
  if (server && server.process.exitCode === null && server.process.signalCode === null) return server;
  // One board per cycle; `npm run test:crash` creates more than the default hourly allowance.
  server = await startChildServer(dataDir, { BOARDS_PER_IP_PER_HOUR: '100000' });
  return server;
}

beforeAll(async () => {
  dataDir = tempDataDir();
  await liveServer();
});

afterAll(async () => {
  if (server) await killHard(server.process);
  server = null;
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

async function createBoard(server: ChildServer): Promise<CreatedBoard> {
  const response = await fetch(`${server.httpUrl}/api/boards`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ title: 'Crash loop' }),
  });
  expect(response.status).toBe(201);
  return (await response.json()) as CreatedBoard;
}

/** Reads the database file as it was left by the kill, without changing it. */
function integrityOf(file: string): unknown {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return db.pragma('integrity_check', { simple: true });
  } finally {
    db.close();
  }
}

/** A fresh read-only client of the board on the current server, synced; the caller destroys it. */
async function readBoard(server: ChildServer, boardId: string, viewKey: string): Promise<{ doc: Y.Doc; done: () => void }> {
  const provider = stockProvider(server.wsUrl, boardId, viewKey);
  await synced(provider);
  return {
    doc: provider.doc,
    done: () => {
      provider.destroy();
      provider.awareness.destroy();
      provider.doc.destroy();
    },
  };
}

/** Fails with the first note whose seen text is missing or older on the board. */
function expectEverythingSeen(doc: Y.Doc, ledger: Ledger): void {
  const model = new BoardModel(doc);
  try {
    for (const [id, { author, version }] of ledger.seen) {
      const now = model.getNote(id);
      expect(now, `note ${id} by ${author}, seen by another client`).toBeDefined();
      expect(textVersion(now?.text), `text version of note ${id} by ${author}`).toBeGreaterThanOrEqual(version);
    }
    expect(holdsUpdate(doc, ledger.received), 'every update a client had received is on the board').toBe(true);
  } finally {
    model.destroy();
  }
}

async function crashWhileWriting(server: ChildServer, board: CreatedBoard): Promise<Ledger> {
  const writers = Array.from(
    { length: WRITERS },
    (_, index) => new BusyWriter(`writer ${index + 1}`, stockProvider(server.wsUrl, board.id, board.keys.edit)),
  );
  try {
    await Promise.all(writers.map((writer) => synced(writer.provider)));
    for (const writer of writers) writer.start();
    // Not before everyone has something from someone else: otherwise the cycle would prove nothing.
    await waitFor(() => {
      for (const writer of writers) expect(writer.seenFromOthers().size, `${writer.name} received notes`).toBeGreaterThan(0);
    });
    await delay(Math.random() * MAX_KILL_DELAY_MS);
    // The writers are still writing and connected when the process dies.
    await killHard(server.process);
    // Bytes the server sent before it died may still be on their way through the loopback.
    await delay(50);
    for (const writer of writers) writer.stop();
    for (const writer of writers) expect(writer.refusals, `${writer.name} was refused`).toEqual([]);

    const seen = new Map<string, { author: string; version: number }>();
    for (const writer of writers) {
      for (const [id, note] of writer.seenFromOthers()) {
        if ((seen.get(id)?.version ?? -1) < note.version) seen.set(id, note);
      }
    }
    return { board, received: Y.mergeUpdates(writers.map((writer) => writer.receivedUpdate())), seen };
  } finally {
    // Before the restart: a writer that reconnected would resend its edits and hide any loss.
    for (const writer of writers) writer.destroy();
  }
}

describe('crash loop: kill -9 while five clients write', () => {
  for (let cycle = 1; cycle <= CYCLES; cycle++) {
    it(`cycle ${cycle}: what any client received survives, and the database is intact`, async () => {
      const victim = await liveServer();
      const board = await createBoard(victim);
      const ledger = await crashWhileWriting(victim, board);
      // The file as the kill left it, before a new server opens (and recovers) it.
      expect(integrityOf(join(dataDir, 'discern.sqlite'))).toBe('ok');
      const restarted = await liveServer();

      const { doc, done } = await readBoard(restarted, board.id, board.keys.view);
      try {
        expectEverythingSeen(doc, ledger);
      } finally {
        done();
      }
      // The board of the cycle before has now been through one more crash; it must still hold all.
      const previous = ledgers.at(-1);
      if (previous) {
        const earlier = await readBoard(restarted, previous.board.id, previous.board.keys.view);
        try {
          expectEverythingSeen(earlier.doc, previous);
        } finally {
          earlier.done();
        }
      }
      ledgers.push(ledger);
    }, 60_000);
  }
});
