import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { startReferenceServer } from '../../bench/referenceServer';
import { startBenchServer, type BenchServer } from '../../bench/server';
import { compare } from '../../bench/sideBySide';
import { formatJson, meets } from '../../bench/report';
import { mainThreadCpuMs } from '../../bench/serverCpu';
import { MessageProbe, replayValidation } from '../../bench/validationCost';
import type { SyncTarget } from '../../bench/target';
import { BoardModel } from '../../shared/board/model';
import { Zone } from '../../shared/board/zones';
import { waitFor } from '../helpers/waitFor';

/** Two stock providers on one board of `target`; resolves once an edit made in one is in the other. */
async function editTravels(target: SyncTarget): Promise<void> {
  const board = await target.newBoard('Bench test');
  const docs = [new Y.Doc(), new Y.Doc()];
  const providers = docs.map(
    (doc) =>
      new WebsocketProvider(target.syncUrl, board.id, doc, {
        params: { key: board.editKey },
        WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
        disableBc: true,
      }),
  );
  try {
    await waitFor(() => expect(providers.every((provider) => provider.synced)).toBe(true));
    const writer = new BoardModel(docs[0]!);
    const reader = new BoardModel(docs[1]!);
    writer.addNote({ zone: Zone.Who, author: 'bench', text: 'travels', x: 40, y: 200 });
    await waitFor(() => expect(reader.getSnapshot().notes.map((note) => note.text)).toEqual(['travels']));
    writer.destroy();
    reader.destroy();
  } finally {
    for (const provider of providers) provider.destroy();
    for (const doc of docs) doc.destroy();
  }
}

describe('the bench', () => {
  let discern: BenchServer;
  let reference: SyncTarget;
  beforeAll(async () => {
    discern = await startBenchServer();
    reference = await startReferenceServer();
  });
  afterAll(async () => {
    await reference?.close();
    await discern?.close();
  });

  it('syncs stock clients through both servers, and both unload (or report) their rooms', async () => {
    await editTravels(reference);
    await editTravels(discern);
    await waitFor(() => expect(discern.openRooms()).toBe(0));
    await waitFor(() => expect(reference.openRooms()).toBe(0));
  });

  it('creates more boards than a production address may in an hour (the raised limit it names)', async () => {
    for (let index = 0; index < 70; index++) await discern.newBoard(`board ${index}`);
  });

  it('times and replays validation on the messages Discern handled', async () => {
    const probe = new MessageProbe().install();
    let handled;
    try {
      await editTravels(discern);
    } finally {
      handled = probe.uninstall();
    }
    expect(handled.messages).toBeGreaterThan(0);
    expect(handled.recorded.length).toBe(handled.messages);
    const cost = await replayValidation(discern, handled.recorded);
    expect(cost.refused).toBe(0);
    expect(cost.roomUs).toBeGreaterThan(0);
    expect(cost.bareUs).toBeGreaterThan(0);
  });

  it('reports best rounds and their ratio, and misses a target it does not meet', () => {
    const rows = compare({ Discern: [30, 10, 20], reference: [8, 5, 9] }, { section: 's', name: 'p99', unit: 'ms', better: 'lower', target: { op: '<', limit: 50 }, ratioTarget: { op: '<=', limit: 1.5 } });
    expect(rows.map((row) => row.value)).toEqual([10, 5, 2]);
    expect(meets(rows[0]!.value, rows[0]!.target!)).toBe(true);
    expect(meets(rows[2]!.value, rows[2]!.target!)).toBe(false);
    expect(JSON.parse(formatJson(rows, {})).figures[2]).toMatchObject({ pass: false });
  });

  it("reads the main thread's own CPU time, which grows with work", () => {
    const before = mainThreadCpuMs();
    // Work, not wall time: beside other suites on two cores, 60 ms of wall clock may get far less
    // CPU. Busy until the reading has grown enough, or 5 s have passed (then it did not grow).
    const giveUp = performance.now() + 5_000;
    let after = mainThreadCpuMs();
    while (after.ms - before.ms < 40 && performance.now() < giveUp) {
      const slice = performance.now() + 20;
      while (performance.now() < slice) Math.sqrt(Math.random());
      after = mainThreadCpuMs();
    }
    expect(after.ms - before.ms).toBeGreaterThanOrEqual(after.source === 'main thread' ? 40 : 0);
  });
});
