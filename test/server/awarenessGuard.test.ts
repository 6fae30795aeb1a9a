import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import { Awareness, applyAwarenessUpdate, encodeAwarenessUpdate } from 'y-protocols/awareness';
import { CloseCode } from '../../shared/protocol/closeCodes';
import { Role } from '../../shared/protocol/ids';
import {
  claimClientIds,
  isAwarenessRefusal,
  sanitizeAwarenessUpdate,
  type AwarenessOwner,
  type AwarenessRoom,
} from '../../server/rooms/awarenessGuard';

const limits = { maxAwarenessBytes: 8 * 1024 };
const made: Awareness[] = [];
afterEach(() => {
  for (const instance of made.splice(0)) instance.destroy();
});

function awareness(): Awareness {
  const instance = new Awareness(new Y.Doc());
  made.push(instance);
  return instance;
}

/** A client: its own Awareness, publishing `state`. */
function client(state: Record<string, unknown> | null): Awareness {
  const instance = awareness();
  instance.setLocalState(state);
  return instance;
}

function own(instance: Awareness): Uint8Array {
  return encodeAwarenessUpdate(instance, [instance.clientID]);
}

/** The server side: a room Awareness with no state of its own, and the sockets that own ids in it. */
class TestRoom implements AwarenessRoom {
  readonly awareness = awareness();
  readonly owners = new Map<string, AwarenessOwner>();
  constructor() {
    this.awareness.setLocalState(null);
  }

  owner(socket: string): AwarenessOwner {
    let owner = this.owners.get(socket);
    if (!owner) this.owners.set(socket, (owner = { ids: new Set() }));
    return owner;
  }

  ownedByAnother(clientId: number): boolean {
    // Only called for ids the asking socket does not own, so any owner is another socket.
    return [...this.owners.values()].some((owner) => owner.ids.has(clientId));
  }

  /** What the Room does with a message: sanitize, then apply what comes back. */
  receive(socket: string, role: Role, update: Uint8Array, maxIdsPerSocket?: number) {
    const result = sanitizeAwarenessUpdate(update, this.owner(socket), role, this, { ...limits, maxIdsPerSocket });
    if (!isAwarenessRefusal(result)) applyAwarenessUpdate(this.awareness, result, socket);
    return result;
  }

  state(clientId: number): Record<string, unknown> | undefined {
    return this.awareness.getStates().get(clientId);
  }
}

const user = (role: string) => ({ name: 'Ana', color: '#d81b60', role });
const viewport = { x: 0, y: 0, scale: 1, width: 800, height: 600 };

/** An awareness update written by hand, for what no Awareness instance would encode. */
function rawUpdate(entries: readonly (readonly [number, number, string])[], count = entries.length): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, count);
  for (const [clientId, clock, json] of entries) {
    encoding.writeVarUint(encoder, clientId);
    encoding.writeVarUint(encoder, clock);
    encoding.writeVarString(encoder, json);
  }
  return encoding.toUint8Array(encoder);
}

describe('ownership of client ids', () => {
  it('gives a socket the first id it announces and keeps its later changes', () => {
    const room = new TestRoom();
    const ana = client({ user: user('edit'), cursor: null });
    room.receive('ana', Role.Edit, own(ana));
    expect([...room.owner('ana').ids]).toEqual([ana.clientID]);
    ana.setLocalStateField('cursor', { x: 3, y: 4 });
    room.receive('ana', Role.Edit, own(ana));
    expect(room.state(ana.clientID)).toMatchObject({ cursor: { x: 3, y: 4 } });
  });

  it('drops entries for ids another socket owns, and keeps the sender’s own in the same message', () => {
    const room = new TestRoom();
    const lead = client({ user: user('lead'), cursor: { x: 1, y: 1 } });
    room.receive('lead', Role.Lead, own(lead));
    const mallory = client({ user: user('edit') });
    room.receive('mallory', Role.Edit, own(mallory));

    // Mallory writes the leader's id with a newer clock, next to her own.
    const update = rawUpdate([
      [lead.clientID, 50, JSON.stringify({ user: { name: 'Lee', color: '#000000', role: 'lead' }, cursor: { x: 999, y: 999 } })],
      [mallory.clientID, 50, JSON.stringify({ user: user('edit'), cursor: { x: 5, y: 5 } })],
    ]);
    const result = room.receive('mallory', Role.Edit, update);
    expect(isAwarenessRefusal(result)).toBe(false);
    expect(room.state(lead.clientID)).toMatchObject({ cursor: { x: 1, y: 1 }, user: { role: 'lead' } });
    expect(room.state(mallory.clientID)).toMatchObject({ cursor: { x: 5, y: 5 } });
    expect(room.owner('mallory').ids.has(lead.clientID)).toBe(false);
  });

  it('ignores the removal of an id the socket does not own', () => {
    const room = new TestRoom();
    const lead = client({ user: user('lead') });
    room.receive('lead', Role.Lead, own(lead));
    const result = room.receive('view', Role.View, rawUpdate([[lead.clientID, 99, 'null']]));
    expect(isAwarenessRefusal(result)).toBe(false);
    expect(room.state(lead.clientID)).toBeDefined();
    expect(room.owner('view').ids.size).toBe(0);
  });

  it('lets a socket remove its own state, and the id stays its own', () => {
    const room = new TestRoom();
    const ana = client({ user: user('edit') });
    room.receive('ana', Role.Edit, own(ana));
    ana.setLocalState(null);
    room.receive('ana', Role.Edit, own(ana));
    expect(room.state(ana.clientID)).toBeUndefined();
    expect(room.owner('ana').ids.has(ana.clientID)).toBe(true);
    // Nobody else can take it meanwhile.
    room.receive('mallory', Role.Edit, rawUpdate([[ana.clientID, 100, JSON.stringify({ user: user('edit') })]]));
    expect(room.state(ana.clientID)).toBeUndefined();
  });

  it('does not let a stock client that relays the room’s states take their ids', () => {
    const room = new TestRoom();
    const lead = client({ user: user('lead') });
    room.receive('lead', Role.Lead, own(lead));
    // A stock y-websocket client with no state of its own yet re-sends everything it heard.
    const stock = awareness();
    applyAwarenessUpdate(stock, encodeAwarenessUpdate(room.awareness, [lead.clientID]), 'server');
    room.receive('stock', Role.Edit, encodeAwarenessUpdate(stock, [lead.clientID]));
    expect(room.owner('stock').ids.size).toBe(0);
    stock.setLocalState({ user: user('edit') });
    room.receive('stock', Role.Edit, encodeAwarenessUpdate(stock, [stock.clientID, lead.clientID]));
    expect([...room.owner('stock').ids]).toEqual([stock.clientID]);
  });

  it('never lets a socket write the room’s own id', () => {
    const room = new TestRoom();
    room.receive('mallory', Role.Edit, rawUpdate([[room.awareness.clientID, 100, JSON.stringify({ user: user('lead') })]]));
    expect(room.awareness.getLocalState()).toBeNull();
  });

  it('keeps at most the limit of ids; a new id replaces the oldest, whose state is removed', () => {
    const room = new TestRoom();
    const ids: number[] = [];
    for (let index = 0; index < 3; index++) {
      const tab = client({ user: user('edit'), cursor: { x: index, y: index } });
      ids.push(tab.clientID);
      room.receive('socket', Role.Edit, own(tab), 2);
    }
    expect([...room.owner('socket').ids]).toEqual(ids.slice(1));
    expect(room.state(ids[0]!)).toBeUndefined();
    expect(room.state(ids[1]!)).toBeDefined();
    expect(room.state(ids[2]!)).toBeDefined();
  });

  it('takes ids from the structs of a document update while they are free, up to the limit', () => {
    const room = new TestRoom();
    // The room passes the ids an accepted update brought new structs under (UpdatePlan.clients).
    const clientDoc = new Y.Doc();
    const owner = room.owner('socket');
    claimClientIds(owner, [clientDoc.clientID], room);
    expect([...owner.ids]).toEqual([clientDoc.clientID]);
    // The socket may now publish presence under that id.
    room.receive('socket', Role.Edit, rawUpdate([[clientDoc.clientID, 1, JSON.stringify({ user: user('edit') })]]));
    expect(room.state(clientDoc.clientID)).toBeDefined();
    // An id another socket owns is not taken, and a full socket takes no more.
    claimClientIds(room.owner('other'), [clientDoc.clientID, 1, 2, 3, 4, 5], room, { maxIdsPerSocket: 2 });
    expect([...room.owner('other').ids]).toEqual([1, 2]);
    clientDoc.destroy();
  });
});

describe('the server’s word in forwarded states', () => {
  it.each([
    { socket: Role.Edit, claimed: 'lead' },
    { socket: Role.View, claimed: 'edit' },
    { socket: Role.View, claimed: 'lead' },
    { socket: Role.Lead, claimed: 'view' },
  ])('a $socket socket claiming $claimed is shown as $socket', ({ socket, claimed }) => {
    const room = new TestRoom();
    const peer = client({ user: user(claimed) });
    room.receive('peer', socket, own(peer));
    expect(room.state(peer.clientID)).toMatchObject({ user: { name: 'Ana', role: socket } });
  });

  it('drops summon from non-lead sockets and keeps it from a leader', () => {
    const room = new TestRoom();
    const summon = { at: 1e300, viewport };
    const edit = client({ user: user('lead'), viewport, summon });
    const view = client({ user: user('lead'), summon });
    const lead = client({ user: user('lead'), viewport, summon: { at: 1000, viewport } });
    room.receive('edit', Role.Edit, own(edit));
    room.receive('view', Role.View, own(view));
    room.receive('lead', Role.Lead, own(lead));
    expect(room.state(edit.clientID)).not.toHaveProperty('summon');
    // The viewport stays: clients follow only lead-role viewports, and the role is now real.
    expect(room.state(edit.clientID)).toMatchObject({ viewport, user: { role: 'edit' } });
    expect(room.state(view.clientID)).not.toHaveProperty('summon');
    expect(room.state(lead.clientID)).toMatchObject({ summon: { at: 1000, viewport } });
  });

  it('forwards a state without a user object as it is, minus summon', () => {
    const room = new TestRoom();
    const peer = client({ cursor: { x: 1, y: 2 }, user: 'Ana', summon: { at: 1, viewport } });
    room.receive('peer', Role.Edit, own(peer));
    expect(room.state(peer.clientID)).toEqual({ cursor: { x: 1, y: 2 }, user: 'Ana' });
  });
});

describe('refusals', () => {
  it('refuses a state over the size limit with 4413 and changes nothing', () => {
    const room = new TestRoom();
    const peer = client({ user: { ...user('edit'), name: 'x'.repeat(9000) } });
    const result = room.receive('peer', Role.Edit, own(peer));
    expect(result).toMatchObject({ code: CloseCode.TooLarge });
    expect(room.state(peer.clientID)).toBeUndefined();
    expect(room.owner('peer').ids.size).toBe(0);
  });

  it('refuses 10^5 ids at once with 4413, without decoding them', () => {
    const room = new TestRoom();
    const entries = Array.from({ length: 100_000 }, (_, index) => [index + 1, 1, '{}'] as const);
    const update = rawUpdate(entries);
    const started = performance.now();
    const result = room.receive('mallory', Role.View, update);
    expect(performance.now() - started).toBeLessThan(20);
    expect(result).toMatchObject({ code: CloseCode.TooLarge });
    expect(room.awareness.getStates().size).toBe(0);
  });

  it('accepts a message of 100 entries, and shows no more than the socket’s limit of them', () => {
    const room = new TestRoom();
    const entries = Array.from({ length: 100 }, (_, index) => [index + 1, 1, JSON.stringify({ user: user('edit') })] as const);
    expect(isAwarenessRefusal(room.receive('stock', Role.Edit, rawUpdate(entries)))).toBe(false);
    expect([...room.awareness.getStates().keys()]).toEqual([97, 98, 99, 100]);
    expect([...room.owner('stock').ids]).toEqual([97, 98, 99, 100]);
  });

  it.each([
    { name: 'no bytes', bytes: new Uint8Array() },
    { name: 'a truncated count', bytes: new Uint8Array([0x80]) },
    { name: 'an over-long varint', bytes: new Uint8Array([1, ...new Array<number>(200).fill(0x80), 0]) },
    { name: 'a count with missing entries', bytes: rawUpdate([[1, 1, '{}']], 3) },
    { name: 'a string longer than the message', bytes: new Uint8Array([1, 1, 1, 50, 0x7b, 0x7d]) },
    { name: 'bytes after the last entry', bytes: new Uint8Array([...rawUpdate([[1, 1, '{}']]), 7]) },
    { name: 'garbage', bytes: new Uint8Array([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]) },
  ])('refuses $name with 4400', ({ bytes }) => {
    const room = new TestRoom();
    expect(room.receive('mallory', Role.Edit, bytes)).toMatchObject({ code: CloseCode.MalformedMessage });
  });

  it.each([
    { name: 'invalid JSON', json: '{"user":' },
    { name: 'a number for a state', json: '42' },
    { name: 'an array for a state', json: '[1,2]' },
  ])('refuses $name from the socket’s own id with 4400', ({ json }) => {
    const room = new TestRoom();
    expect(room.receive('mallory', Role.Edit, rawUpdate([[7, 1, json]]))).toMatchObject({ code: CloseCode.MalformedMessage });
    expect(room.state(7)).toBeUndefined();
    expect(room.owner('mallory').ids.size).toBe(0);
  });

  it('refuses bytes that are not UTF-8 with 4400', () => {
    const encoder = encoding.createEncoder();
    for (const value of [1, 7, 1, 2]) encoding.writeVarUint(encoder, value);
    encoding.writeUint8(encoder, 0xc3);
    encoding.writeUint8(encoder, 0x28);
    const room = new TestRoom();
    expect(room.receive('mallory', Role.Edit, encoding.toUint8Array(encoder))).toMatchObject({ code: CloseCode.MalformedMessage });
  });
});
