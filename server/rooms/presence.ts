import type * as Y from 'yjs';
import * as awarenessProtocol from 'y-protocols/awareness';
import type { Limits } from '../config';
import { Refusal } from './refusal';
import { claimClientIds, isAwarenessRefusal, sanitizeAwarenessUpdate, type AwarenessRoom } from './awarenessGuard';
import { FEED_ORIGIN, type RoomFeedLink } from './roomFeed';
import type { Connection, ConnectionState } from './connection';
import { awarenessMessage, broadcast } from './roomMessages';

/** Presence changes are sent to a room at most this often. */
const AWARENESS_INTERVAL_MS = 33;

/**
 * A room's presence: who owns which awareness client id, the states of people connected here and
 * to other processes, and the changes batched for the next send. Presence is never stored.
 */
export class RoomPresence {
  readonly awareness: awarenessProtocol.Awareness;
  /** Client ids whose state changed since the last send. */
  private readonly changed = new Set<number>();
  /** Local presence changes not yet published to the other processes. */
  private readonly toPublish = new Set<number>();
  /** Presence ids of people connected to other processes: no socket here may speak for them. */
  private readonly remoteIds = new Set<number>();
  private scheduled: NodeJS.Timeout | null = null;

  constructor(
    doc: Y.Doc,
    private readonly connections: ReadonlyMap<Connection, ConnectionState>,
    private readonly feedLink: RoomFeedLink | null,
    /** Called when changes are due to be sent (the room's flush, which sends them). */
    private readonly onDue: () => void,
  ) {
    this.awareness = new awarenessProtocol.Awareness(doc);
    // The server is not a participant; it has no presence of its own.
    this.awareness.setLocalState(null);
    this.awareness.on('update', this.onAwarenessUpdate);
  }

  /** Whether changes wait to be sent. */
  get hasChanges(): boolean {
    return this.changed.size > 0;
  }

  get hasStates(): boolean {
    return this.awareness.getStates().size > 0;
  }

  /** Every presence state the room holds, as one message (for a newcomer, or a query). */
  stateMessage(): Uint8Array {
    return awarenessMessage(this.awareness, [...this.awareness.getStates().keys()]);
  }

  /** Presence is stamped: a socket speaks only for the client ids it owns, with the role its key gives. */
  receive(connection: Connection, state: ConnectionState, update: Uint8Array, limits: Pick<Limits, 'maxAwarenessBytes'>): void {
    const result = sanitizeAwarenessUpdate(update, { ids: state.awarenessIds }, connection.role, this.ownership(connection), limits);
    if (isAwarenessRefusal(result)) throw new Refusal(result.code, result.reason);
    awarenessProtocol.applyAwarenessUpdate(this.awareness, result, connection);
  }

  /** The ids a connection writes document changes under are its own for presence too. */
  claim(connection: Connection, state: ConnectionState, clients: Set<number>): void {
    claimClientIds({ ids: state.awarenessIds }, clients, this.ownership(connection));
  }

  /** A connection left: the people it spoke for are gone. */
  remove(connection: Connection, state: ConnectionState): void {
    if (state.awarenessIds.size > 0) {
      awarenessProtocol.removeAwarenessStates(this.awareness, [...state.awarenessIds], connection);
    }
  }

  /** Presence of people connected to another process, stamped and limited there. */
  applyRemote(update: Uint8Array): void {
    awarenessProtocol.applyAwarenessUpdate(this.awareness, update, FEED_ORIGIN);
  }

  /** The batched timer is not needed: the changes are being sent now, or never. */
  unschedule(): void {
    if (this.scheduled) clearTimeout(this.scheduled);
    this.scheduled = null;
  }

  /** Sends the changes to the room's connections, and the local ones to the other processes. */
  send(): void {
    const changed = [...this.changed];
    this.changed.clear();
    broadcast(this.connections.keys(), awarenessMessage(this.awareness, changed));
    if (this.feedLink && this.toPublish.size > 0) {
      this.feedLink.publishAwareness(awarenessProtocol.encodeAwarenessUpdate(this.awareness, [...this.toPublish]));
      this.toPublish.clear();
    }
  }

  destroy(): void {
    this.unschedule();
    this.changed.clear();
    this.awareness.off('update', this.onAwarenessUpdate);
    this.awareness.destroy();
  }

  private ownership(connection: Connection): AwarenessRoom {
    return {
      awareness: this.awareness,
      ownedByAnother: (id) => {
        if (this.remoteIds.has(id)) return true;
        for (const [other, state] of this.connections) if (other !== connection && state.awarenessIds.has(id)) return true;
        return false;
      },
    };
  }

  private readonly onAwarenessUpdate = (
    { added, updated, removed }: { added: number[]; updated: number[]; removed: number[] },
    origin: unknown,
  ): void => {
    for (const id of added) this.changed.add(id);
    for (const id of updated) this.changed.add(id);
    for (const id of removed) this.changed.add(id);
    if (origin === FEED_ORIGIN) {
      for (const id of added) this.remoteIds.add(id);
      for (const id of updated) this.remoteIds.add(id);
      for (const id of removed) this.remoteIds.delete(id);
    } else {
      // A remote state that timed out here is gone here too.
      for (const id of removed) this.remoteIds.delete(id);
      if (this.feedLink) for (const id of [...added, ...updated, ...removed]) this.toPublish.add(id);
    }
    // Cursors move at pointer rate; one presence message per room per frame at 30 Hz is what a
    // person can see, and costs a fraction of one message per move per connection.
    this.scheduled ??= setTimeout(() => {
      this.scheduled = null;
      this.onDue();
    }, AWARENESS_INTERVAL_MS);
  };
}
