import { performance } from 'node:perf_hooks';
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import * as decoding from 'lib0/decoding';
import * as syncProtocol from 'y-protocols/sync';
import { BoardModel } from '../shared/board/model';
import { MessageType } from '../shared/protocol/messageTypes';
import { seedNotes } from './seedNotes';
import type { Figure } from './report';

const NOTES = 2000;
const UPDATES = 2000;
const PASSES = 3;

/** Another person's edits as the server forwards them: moves, with every fourth one a text edit. */
function remoteEdits(): { state: Uint8Array; messages: Uint8Array[] } {
  const doc = new Y.Doc();
  const model = new BoardModel(doc);
  const ids = seedNotes(model, NOTES);
  const state = Y.encodeStateAsUpdate(doc);
  const messages: Uint8Array[] = [];
  doc.on('update', (update: Uint8Array) => {
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MessageType.Sync);
    syncProtocol.writeUpdate(encoder, update);
    messages.push(encoding.toUint8Array(encoder));
  });
  let seed = 777;
  for (let edit = 0; edit < UPDATES; edit++) {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    const id = ids[seed % ids.length]!;
    const note = model.getNote(id)!;
    if (edit % 4 === 3) model.setNoteText(id, `${note.text.slice(0, 20)} edit ${edit}`);
    else model.moveNote(id, note.x + (edit % 2 === 0 ? 3 : -3), note.y);
  }
  model.destroy();
  doc.destroy();
  return { state, messages };
}

/** What a y-websocket provider does with a sync message it receives: decode it and apply it. */
function receive(doc: Y.Doc, message: Uint8Array): void {
  const decoder = decoding.createDecoder(message);
  decoding.readVarUint(decoder);
  syncProtocol.readSyncMessage(decoder, encoding.createEncoder(), doc, 'server');
}

/** One pass: a client on the full board receives every edit; returns CPU and wall time per update, µs. */
function pass(state: Uint8Array, messages: readonly Uint8Array[], withModel: boolean): { cpuUs: number; wallUs: number; notes: number } {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, state);
  const model = withModel ? new BoardModel(doc) : null;
  let reads = 0;
  // As React's useSyncExternalStore would: every change is followed by a read of the snapshot.
  const unsubscribe = model?.subscribe(() => {
    reads += model.getSnapshot().notes.length;
  });
  const cpu = process.cpuUsage();
  const start = performance.now();
  for (const message of messages) receive(doc, message);
  const wallUs = ((performance.now() - start) * 1000) / messages.length;
  const used = process.cpuUsage(cpu);
  const notes = model ? model.getSnapshot().notes.length : doc.getMap('notes').size;
  unsubscribe?.();
  model?.destroy();
  doc.destroy();
  if (withModel && reads === 0) throw new Error('client cost: the model never told its listener');
  return { cpuUs: (used.user + used.system) / messages.length, wallUs, notes };
}

/**
 * Client-side cost of one received update on a 2,000-note board: a stock client (a plain Y.Doc fed
 * by the provider's sync handler) against Discern's (the same, plus BoardModel keeping its snapshot
 * and one listener reading it). Runs in the main thread with the servers and load clients stopped,
 * so the process CPU is this work's alone; the socket itself costs both the same and is left out.
 */
export function measureClientCost(): Figure[] {
  const { state, messages } = remoteEdits();
  let stock = { cpuUs: Number.POSITIVE_INFINITY, wallUs: Number.POSITIVE_INFINITY, notes: 0 };
  let discern = { ...stock };
  for (let index = 0; index < PASSES; index++) {
    const plain = pass(state, messages, false);
    const modelled = pass(state, messages, true);
    if (plain.wallUs < stock.wallUs) stock = plain;
    if (modelled.wallUs < discern.wallUs) discern = modelled;
  }
  if (stock.notes !== NOTES || discern.notes !== NOTES) throw new Error(`client cost: expected ${NOTES} notes, stock ${stock.notes}, Discern ${discern.notes}`);
  const section = `9 client-side cost per received update (${NOTES.toLocaleString('en-US')} notes)`;
  const detail = `${UPDATES} forwarded edits (¾ moves, ¼ text), best of ${PASSES} passes`;
  return [
    { section, name: 'stock client (Y.Doc + provider sync handler)', value: stock.cpuUs, unit: 'µs CPU', note: `${detail}; wall ${stock.wallUs.toFixed(1)} µs` },
    {
      section,
      name: "Discern's client (BoardModel snapshot + a reader)",
      value: discern.cpuUs,
      unit: 'µs CPU',
      target: { op: '<', limit: 1000 },
      note: `wall ${discern.wallUs.toFixed(1)} µs; a 60 fps frame is 16,700 µs`,
    },
    { section, name: 'Discern ÷ stock', value: discern.cpuUs / stock.cpuUs, unit: '×', note: 'what the snapshot engine adds on top of Yjs itself' },
  ];
}
