import * as encoding from 'lib0/encoding';
import type { Awareness } from 'y-protocols/awareness';
import { CloseCode } from '../../shared/protocol/closeCodes';
import { Role } from '../../shared/protocol/ids';

/**
 * Presence (y-protocols awareness) as the server lets it through. Awareness has no authority of its
 * own: any client may write any client id's state, and the `role` in it is whatever the client says.
 * The Room passes every incoming awareness update through `sanitizeAwarenessUpdate` and applies only
 * what comes back, so that:
 *
 * - a socket sets or removes only the client ids it owns (see "Ownership" below); entries for other
 *   ids are dropped without error, because stock y-websocket clients re-send every state they heard;
 * - `state.user.role` is the socket's real role, written by the server;
 * - `summon` (the leader's "bring everyone to me") is removed from the states of non-lead sockets;
 * - a message with more than `MAX_AWARENESS_ENTRIES` entries, or a state over `maxAwarenessBytes`,
 *   is refused with 4413; bytes that do not decode, invalid JSON, or a state that is not an object
 *   or null, with 4400. A refused message changes nothing.
 *
 * Ownership: a socket owns at most `maxIdsPerSocket` ids (default 4). It gains an id by announcing
 * a state for it (or by sending document structs under it, `claimClientIds`), but only while the id
 * is free: not the room's own id, not owned by another socket, and with no live state in the room.
 * Relayed states are always of live ids, so a stock client never takes someone else's id by
 * relaying it. When a socket already owns the most ids it may, a newly announced id replaces the one
 * it has owned longest, whose state is removed in the same update: a client that changes its id keeps
 * working, and one socket still never shows more than that many people. Removing its own state (a
 * `null`) does not give up the id; the Room releases a socket's ids (and removes their states) when
 * it closes. The guard is the only writer of `AwarenessOwner.ids` while the socket is open.
 *
 * How often a socket may send is the Room's per-socket message rate, not this module's concern.
 */

/** The client ids one socket owns, oldest first (a Set keeps insertion order). */
export interface AwarenessOwner {
  readonly ids: Set<number>;
}

/** What the guard reads from the room. */
export interface AwarenessRoom {
  /** The room's Awareness: its live states, clocks, and its own (never claimable) client id. */
  readonly awareness: Awareness;
  /** True when another open socket of the room owns `clientId`. */
  ownedByAnother(clientId: number): boolean;
}

export interface AwarenessLimits {
  /** Largest JSON of one state, in UTF-8 bytes (Limits.maxAwarenessBytes). */
  maxAwarenessBytes: number;
  /** Client ids one socket may own at once; default `DEFAULT_MAX_IDS_PER_SOCKET`. */
  maxIdsPerSocket?: number;
}

/** Why an awareness message was refused: the sender is closed with `code`. */
export interface AwarenessRefusal {
  readonly code: typeof CloseCode.MalformedMessage | typeof CloseCode.TooLarge;
  readonly reason: string;
}

export const DEFAULT_MAX_IDS_PER_SOCKET = 4;
/** A Discern client sends one entry per message; a stock client relays the room's states, a few dozen. */
export const MAX_AWARENESS_ENTRIES = 100;

export function isAwarenessRefusal(value: Uint8Array | AwarenessRefusal): value is AwarenessRefusal {
  return !(value instanceof Uint8Array);
}

class Refused extends Error {
  constructor(readonly refusal: AwarenessRefusal) {
    super(refusal.reason);
  }
}

function malformed(reason: string): never {
  throw new Refused({ code: CloseCode.MalformedMessage, reason });
}

function tooLarge(reason: string): never {
  throw new Refused({ code: CloseCode.TooLarge, reason });
}

/** A strict reader: lib0's readVarUint accepts endless continuation bytes (and can return NaN). */
class Reader {
  private pos = 0;
  constructor(private readonly bytes: Uint8Array) {}

  get done(): boolean {
    return this.pos >= this.bytes.length;
  }

  varUint(): number {
    let value = 0;
    let multiplier = 1;
    // 8 bytes hold 56 bits, more than any safe integer needs.
    for (let index = 0; index < 8; index++) {
      if (this.pos >= this.bytes.length) malformed('awareness update ends early');
      const byte = this.bytes[this.pos++]!;
      value += (byte & 0x7f) * multiplier;
      if (byte < 0x80) {
        if (!Number.isSafeInteger(value)) malformed('awareness number out of range');
        return value;
      }
      multiplier *= 128;
    }
    return malformed('awareness number too long');
  }

  /** The raw bytes of a length-prefixed string, refused before copying when over `max`. */
  stringBytes(max: number): Uint8Array {
    const length = this.varUint();
    if (length > max) tooLarge(`presence state over ${max} bytes`);
    if (this.pos + length > this.bytes.length) malformed('awareness update ends early');
    const slice = this.bytes.subarray(this.pos, this.pos + length);
    this.pos += length;
    return slice;
  }
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Parses one state and writes the server's word into it; returns its JSON. */
function stampState(bytes: Uint8Array, role: Role): string {
  let state: unknown;
  try {
    state = JSON.parse(utf8.decode(bytes));
  } catch {
    return malformed('presence state is not valid JSON');
  }
  if (state === null) return 'null';
  if (!isPlainObject(state)) return malformed('presence state must be an object or null');
  if (isPlainObject(state.user)) state.user.role = role;
  if (role !== Role.Lead) delete state.summon;
  try {
    return JSON.stringify(state);
  } catch {
    // Nesting deep enough to exhaust the stack.
    return malformed('presence state cannot be re-encoded');
  }
}

interface Entry {
  clock: number;
  json: string;
}

function isFree(clientId: number, owner: AwarenessOwner, room: AwarenessRoom): boolean {
  return (
    !owner.ids.has(clientId) &&
    clientId !== room.awareness.clientID &&
    !room.awareness.getStates().has(clientId) &&
    !room.ownedByAnother(clientId)
  );
}

/** Whether applying (clientId, clock) would change the room: y-protocols ignores clocks not newer. */
function isNewer(clientId: number, clock: number, room: AwarenessRoom): boolean {
  return clock > (room.awareness.meta.get(clientId)?.clock ?? 0);
}

/**
 * Checks an awareness update from one socket and returns the update to apply to the room's
 * Awareness instead (`applyAwarenessUpdate(room.awareness, result, connection)`), or why it was refused.
 * The result may hold no entries; applying that changes nothing. `owner.ids` is updated with the
 * ids this message claimed (and loses the ids it replaced), so call this only for messages that
 * will be applied.
 */
export function sanitizeAwarenessUpdate(
  update: Uint8Array,
  owner: AwarenessOwner,
  role: Role,
  room: AwarenessRoom,
  limits: AwarenessLimits,
): Uint8Array | AwarenessRefusal {
  const maxIds = limits.maxIdsPerSocket ?? DEFAULT_MAX_IDS_PER_SOCKET;
  try {
    const reader = new Reader(update);
    const count = reader.varUint();
    // Checked before decoding any entry, so 10^5 foreign ids cost one varint.
    if (count > MAX_AWARENESS_ENTRIES) tooLarge(`awareness update with ${count} entries`);
    const kept = new Map<number, Entry>();
    const claimed: number[] = [];
    for (let index = 0; index < count; index++) {
      const clientId = reader.varUint();
      const clock = reader.varUint();
      const bytes = reader.stringBytes(limits.maxAwarenessBytes);
      const owned = owner.ids.has(clientId) || claimed.includes(clientId);
      // Foreign entries are dropped unread: relays from stock clients, or forgeries.
      if (!owned && (!isFree(clientId, owner, room) || !isNewer(clientId, clock, room))) continue;
      const json = stampState(bytes, role);
      if (!owned) {
        // A removal of an id nobody owns proves nothing: it is not a claim.
        if (json === 'null') continue;
        claimed.push(clientId);
      }
      const previous = kept.get(clientId);
      if (!previous || clock >= previous.clock) kept.set(clientId, { clock, json });
    }
    if (!reader.done) malformed('bytes after the last awareness entry');
    for (const clientId of claimed) {
      owner.ids.add(clientId);
      if (owner.ids.size > maxIds) evictOldest(owner, kept, room);
    }
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, kept.size);
    for (const [clientId, { clock, json }] of kept) {
      encoding.writeVarUint(encoder, clientId);
      encoding.writeVarUint(encoder, clock);
      encoding.writeVarString(encoder, json);
    }
    return encoding.toUint8Array(encoder);
  } catch (error) {
    if (error instanceof Refused) return error.refusal;
    throw error;
  }
}

/** Gives up the id owned longest; its live state, if any, is removed in the same update. */
function evictOldest(owner: AwarenessOwner, kept: Map<number, Entry>, room: AwarenessRoom): void {
  const oldest = owner.ids.values().next().value;
  if (oldest === undefined) return;
  owner.ids.delete(oldest);
  kept.delete(oldest);
  const meta = room.awareness.meta.get(oldest);
  if (meta && room.awareness.getStates().has(oldest)) kept.set(oldest, { clock: meta.clock + 1, json: 'null' });
}

/**
 * Gives a socket the ids its accepted document updates brought new structs under (`UpdatePlan.clients`), while they
 * are free and it owns fewer than the limit. Unlike an announced presence, these never replace an id
 * the socket owns: an offline client's backlog can hold many old ids of its own past sessions.
 */
export function claimClientIds(
  owner: AwarenessOwner,
  clientIds: Iterable<number>,
  room: AwarenessRoom,
  limits: Pick<AwarenessLimits, 'maxIdsPerSocket'> = {},
): void {
  const maxIds = limits.maxIdsPerSocket ?? DEFAULT_MAX_IDS_PER_SOCKET;
  for (const clientId of clientIds) {
    if (owner.ids.size >= maxIds) return;
    if (isFree(clientId, owner, room)) owner.ids.add(clientId);
  }
}
