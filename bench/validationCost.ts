import { setImmediate as nextTurn } from 'node:timers/promises';
import { performance } from 'node:perf_hooks';
import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import * as syncProtocol from 'y-protocols/sync';
import * as awarenessProtocol from 'y-protocols/awareness';
import { Room } from '../server/rooms/room';
import type { Connection } from '../server/rooms/connection';
import { DEFAULT_LIMITS } from '../server/config';
import { MessageType } from '../shared/protocol/messageTypes';
import type { BenchServer } from './server';
import { BENCH_LIMITS } from './server';
import type { ServerLoad } from './serverCpu';
import type { Figure } from './report';

/** Messages kept for the replay: a prefix, so every update's dependencies come before it. */
const RECORD_CAP = 4000;

/** A message and who sent it; the socket itself is not kept, so recording holds no closed peer alive. */
interface Recorded {
  peer: number;
  role: Connection['role'];
  voterId: string | null;
  message: Uint8Array;
}

export interface HandledMessages {
  /** Incoming document updates and presence messages the rooms handled, and the time that took. */
  messages: number;
  handleMs: number;
  recorded: Recorded[];
}

function isReplayable(message: Uint8Array): boolean {
  if (message[0] === MessageType.Awareness) return true;
  return message[0] === MessageType.Sync && (message[1] === syncProtocol.messageYjsSyncStep2 || message[1] === syncProtocol.messageYjsUpdate);
}

/**
 * Times every incoming document update and presence message in Discern's rooms in situ
 * (`Room.handleMessage`: decode, the format and role checks, apply, the checks on the result), and
 * keeps a copy of the first few thousand for `replayValidation`. Storing and forwarding happen later,
 * in the room's flush, and are not in this time.
 */
export class MessageProbe {
  private restore: (() => void) | null = null;
  private readonly state: HandledMessages = { messages: 0, handleMs: 0, recorded: [] };

  install(): this {
    const prototype = Room.prototype;
    const original = prototype.handleMessage;
    const state = this.state;
    const peerIndex = new WeakMap<Connection, number>();
    let peers = 0;
    prototype.handleMessage = function handleMessage(this: Room, peer: Connection, message: Uint8Array): void {
      if (!isReplayable(message)) return original.call(this, peer, message);
      if (state.recorded.length < RECORD_CAP) {
        let index = peerIndex.get(peer);
        if (index === undefined) peerIndex.set(peer, (index = peers++));
        state.recorded.push({ peer: index, role: peer.role, voterId: peer.voterId, message: message.slice() });
      }
      const start = performance.now();
      try {
        original.call(this, peer, message);
      } finally {
        state.handleMs += performance.now() - start;
        state.messages++;
      }
    };
    this.restore = () => {
      prototype.handleMessage = original;
    };
    return this;
  }

  uninstall(): HandledMessages {
    this.restore?.();
    this.restore = null;
    return this.state;
  }
}

/** Per message, replayed: Discern's room against bare Yjs, the reference's work minus its sends. */
export interface ValidationCost {
  messages: number;
  roomUs: number;
  bareUs: number;
  refused: number;
}

/** What a stock server does with an incoming message before it sends it on: decode and apply. */
function bareReplay(recorded: readonly Recorded[]): number {
  const doc = new Y.Doc();
  const awareness = new awarenessProtocol.Awareness(doc);
  awareness.setLocalState(null);
  let elapsed = 0;
  for (const { peer, message } of recorded) {
    const start = performance.now();
    const decoder = decoding.createDecoder(message);
    if (decoding.readVarUint(decoder) === MessageType.Sync) {
      decoding.readVarUint(decoder);
      Y.applyUpdate(doc, decoding.readVarUint8Array(decoder), peer);
    } else {
      awarenessProtocol.applyAwarenessUpdate(awareness, decoding.readVarUint8Array(decoder), peer);
    }
    elapsed += performance.now() - start;
  }
  awareness.destroy();
  doc.destroy();
  return elapsed;
}

/** The same messages through a real Room on a fresh board, each original socket played by a silent peer. */
async function roomReplay(server: BenchServer, recorded: readonly Recorded[]): Promise<{ ms: number; refused: number }> {
  let failures = 0;
  const board = await server.createBoard('Validation replay');
  const room = await Room.load(board.id, server.app.storage, {
    compactEvery: 500,
    limits: { ...DEFAULT_LIMITS, ...BENCH_LIMITS },
    // Thrown from the room's flush this would end the process; a replay that cannot store is reported instead.
    onError: () => {
      failures++;
    },
  });
  const peers = new Map<number, Connection>();
  let elapsed = 0;
  let refused = 0;
  for (const [index, { peer, role, voterId, message }] of recorded.entries()) {
    let stand = peers.get(peer);
    if (!stand) {
      stand = { role, voterId, send: () => undefined, close: () => undefined };
      peers.set(peer, stand);
      room.addConnection(stand);
    }
    const start = performance.now();
    try {
      room.handleMessage(stand, message);
    } catch {
      refused++;
    }
    elapsed += performance.now() - start;
    // Let the room flush (store, forward) between batches, as it does between ticks when live.
    if (index % 50 === 49) await nextTurn();
  }
  for (const stand of peers.values()) room.removeConnection(stand);
  await room.close();
  if (failures > 0) throw new Error(`validation replay: the room failed ${failures} time(s)`);
  return { ms: elapsed, refused };
}

/**
 * Replays a scenario's recorded messages twice each way and keeps the faster pass of each, so both
 * sides run equally warm. The difference is what the server-side validation costs per message.
 */
export async function replayValidation(server: BenchServer, recorded: readonly Recorded[]): Promise<ValidationCost> {
  let bare = Number.POSITIVE_INFINITY;
  let room = Number.POSITIVE_INFINITY;
  let refused = 0;
  for (let pass = 0; pass < 2; pass++) {
    bare = Math.min(bare, bareReplay(recorded));
    const replay = await roomReplay(server, recorded);
    room = Math.min(room, replay.ms);
    refused = replay.refused;
  }
  const count = Math.max(1, recorded.length);
  return { messages: recorded.length, roomUs: (room * 1000) / count, bareUs: (bare * 1000) / count, refused };
}

/**
 * Two rows for a scenario: the in-situ time Discern's rooms spent on incoming messages, and the
 * replayed split of that into Yjs's own work and the validation Discern adds. Shares are of the
 * main thread's busy time (event-loop utilization × wall time): like the in-situ timing it is wall
 * time, so both grow alike when other processes take the core, and the share stays meaningful.
 */
export function validationFigures(section: string, handled: HandledMessages, load: ServerLoad, cost: ValidationCost): Figure[] {
  const validationUs = Math.max(0, cost.roomUs - cost.bareUs);
  const validationMs = (validationUs * handled.messages) / 1000;
  const busyMs = Math.max(1, load.loopBusy * load.wallMs);
  return [
    {
      section,
      name: 'Discern: incoming message handling (in situ)',
      value: handled.messages ? (handled.handleMs * 1000) / handled.messages : Number.NaN,
      unit: 'µs/msg',
      note: `${handled.messages} messages, ${handled.handleMs.toFixed(0)} ms = ${((100 * handled.handleMs) / busyMs).toFixed(0)}% of the server's busy time (decode + validate + apply; storing and sending come after)`,
    },
    {
      section,
      name: 'Discern: validation per message (replayed)',
      value: validationUs,
      unit: 'µs/msg',
      note: `${cost.messages} messages replayed: room ${cost.roomUs.toFixed(1)} µs vs bare Yjs apply ${cost.bareUs.toFixed(1)} µs; ≈ ${((100 * validationMs) / busyMs).toFixed(0)}% of the server's busy time here${cost.refused ? `; ${cost.refused} refused on replay` : ''}`,
    },
  ];
}
