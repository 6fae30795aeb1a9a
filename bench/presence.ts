import { performance } from 'node:perf_hooks';
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import { MessageType } from '../shared/protocol/messageTypes';
import { RawSyncClient } from './rawClient';
import { sleep, waitUntil } from './stats';
import type { LoadWorker } from './loadWorker';
import type { SyncTarget } from './target';
import type { Figure } from './report';
import { startServerLoad, type ServerLoad } from './serverCpu';
import { MessageProbe, type HandledMessages } from './validationCost';

export interface PresenceParams {
  url: string;
  clients: number;
  hz: number;
  warmupMs: number;
}

export interface PresenceClientResult {
  seconds: number;
  /** Awareness messages the clients sent per second in the measured window, all together. */
  sentPerSecond: number;
  /** Frames (websocket messages) the server sent to one client per second, mean and worst client. */
  framesPerClientPerSecond: number;
  maxFramesPerClientPerSecond: number;
  bytesPerClientPerSecond: number;
}

interface Person {
  awareness: awarenessProtocol.Awareness;
  client: RawSyncClient;
  sent: number;
}

/** The people moving cursors between `presenceStart` and `presenceStop` (worker side). */
let moving: { people: Person[]; loops: Promise<void>[]; stop: () => void; markAt: number; marks: Array<[number, number]>; sentAtMark: number } | null = null;

function sendCursor(person: Person, tick: number): void {
  person.awareness.setLocalStateField('cursor', { x: 100 + (tick % 300), y: 100 + ((tick * 7) % 200) });
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.Awareness);
  encoding.writeVarUint8Array(encoder, awarenessProtocol.encodeAwarenessUpdate(person.awareness, [person.awareness.clientID]));
  person.client.socket.send(encoding.toUint8Array(encoder));
  person.sent++;
}

/**
 * Client side: `clients` people with the board open, each moving a cursor at `hz`. Like Discern's
 * client (client/sync/ownAwareness.ts) each sends only its own state, in the shape
 * client/board/presence.ts writes. The clients count what arrives and do not decode it. Resolves
 * after the warm-up, when the measured window opens; `presenceStop` closes it.
 */
export async function presenceStart(params: PresenceParams): Promise<{ connectMs: number }> {
  const connectStart = performance.now();
  const people: Person[] = Array.from({ length: params.clients }, (_, index) => {
    const awareness = new awarenessProtocol.Awareness(new Y.Doc());
    awareness.setLocalState({
      user: { name: `Person ${index}`, color: '#3366cc', role: 'edit' },
      cursor: { x: 100, y: 100 },
      editing: null,
      selection: [],
      viewport: null,
      follow: false,
      summon: null,
    });
    return { awareness, client: new RawSyncClient(params.url), sent: 0 };
  });
  await Promise.all(people.map((person) => person.client.synced));
  const connectMs = performance.now() - connectStart;
  // Each person's moves are due at their own phase plus k / hz, so a late timer does not shift the rest.
  const period = 1000 / params.hz;
  const start = performance.now();
  let running = true;
  const loops = people.map(async (person, index) => {
    const phase = (index / people.length) * period;
    for (let tick = 0; running; tick++) {
      const wait = start + phase + tick * period - performance.now();
      if (wait > 0) await sleep(wait);
      if (!running) break;
      sendCursor(person, tick);
    }
  });
  await sleep(params.warmupMs);
  moving = {
    people,
    loops,
    stop: () => {
      running = false;
    },
    markAt: performance.now(),
    marks: people.map((person) => [person.client.messagesReceived, person.client.bytesReceived]),
    sentAtMark: people.reduce((sum, person) => sum + person.sent, 0),
  };
  return { connectMs };
}

export async function presenceStop(_params: Record<string, never>): Promise<PresenceClientResult> {
  if (!moving) throw new Error('presence: not started');
  const { people, loops, stop, markAt, marks, sentAtMark } = moving;
  moving = null;
  const seconds = (performance.now() - markAt) / 1000;
  const frames = people.map((person, index) => (person.client.messagesReceived - marks[index]![0]) / seconds);
  const bytes = people.map((person, index) => (person.client.bytesReceived - marks[index]![1]) / seconds);
  const sent = people.reduce((sum, person) => sum + person.sent, 0) - sentAtMark;
  stop();
  await Promise.all(loops);
  await Promise.all(people.map((person) => person.client.close()));
  for (const person of people) person.awareness.destroy();
  return {
    seconds,
    sentPerSecond: sent / seconds,
    framesPerClientPerSecond: frames.reduce((sum, value) => sum + value, 0) / frames.length,
    maxFramesPerClientPerSecond: Math.max(...frames),
    bytesPerClientPerSecond: bytes.reduce((sum, value) => sum + value, 0) / bytes.length,
  };
}

export const PRESENCE = { clients: 100, hz: 30, warmupMs: 1000, durationMs: 5000 } as const;

export interface PresenceRound {
  result: PresenceClientResult;
  connectMs: number;
  load: ServerLoad;
  handled: HandledMessages | null;
}

/** Main side: the server's main-thread CPU over the measured window (the clients are in the load worker). */
export async function presenceRound(target: SyncTarget, load: LoadWorker): Promise<PresenceRound> {
  const board = await target.newBoard('Presence');
  const { connectMs } = await load.run('presenceStart', { url: board.editUrl, clients: PRESENCE.clients, hz: PRESENCE.hz, warmupMs: PRESENCE.warmupMs });
  const probe = target.name === 'Discern' ? new MessageProbe().install() : null;
  const serverLoad = startServerLoad();
  let result: PresenceClientResult;
  let handled: HandledMessages | null = null;
  let used: ServerLoad;
  try {
    await sleep(PRESENCE.durationMs);
    used = serverLoad.stop();
  } finally {
    handled = probe?.uninstall() ?? null;
    result = await load.run('presenceStop', {});
  }
  await waitUntil(() => target.openRooms() === 0, 5000);
  return { result, connectMs, load: used, handled };
}

export function presenceFigures(section: string, round: PresenceRound): Figure[] {
  const { result, load } = round;
  return [
    {
      section,
      name: 'server CPU',
      value: load.cores,
      unit: 'cores',
      target: { op: '<=', limit: 0.5 },
      note: `${load.cpuSource} CPU ${load.cpuMs.toFixed(0)} ms over ${(load.wallMs / 1000).toFixed(1)} s; event loop ${(load.loopBusy * 100).toFixed(0)}% busy`,
    },
    {
      section,
      name: 'frames sent to each client',
      value: result.framesPerClientPerSecond,
      unit: 'frames/s',
      note: `worst client ${result.maxFramesPerClientPerSecond.toFixed(0)}/s; every frame batches the presence that changed since the last`,
    },
    {
      section,
      name: 'bytes sent to each client',
      value: result.bytesPerClientPerSecond / 1024,
      unit: 'KB/s',
      note: `${((result.bytesPerClientPerSecond * 8) / 1000).toFixed(0)} kbit/s: each move carries the mover's whole presence state`,
    },
    {
      section,
      name: 'cursor moves sent, all clients',
      value: result.sentPerSecond,
      unit: 'msg/s',
      note: `asked for ${PRESENCE.clients} × ${PRESENCE.hz} = ${PRESENCE.clients * PRESENCE.hz}/s; ${PRESENCE.clients} clients connected in ${round.connectMs.toFixed(0)} ms`,
    },
  ];
}
