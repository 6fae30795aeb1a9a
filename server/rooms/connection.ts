import type { Role } from '../../shared/protocol/ids';
import { TokenBucket } from './tokenBucket';
import { FirstSync } from './firstSync';

/** One connected client, whatever the transport. */
export interface Connection {
  readonly role: Role;
  /** Derived by the server from the socket's voter secret; null when it sent none (it cannot vote). */
  readonly voterId: string | null;
  send(message: Uint8Array): void;
  close(code: number, reason: string): void;
}

/** What the room keeps for each connection. */
export interface ConnectionState {
  /** Awareness client ids this connection owns (kept by awarenessGuard). */
  readonly awarenessIds: Set<number>;
  /** Step 1 and awareness queries make the server encode state: a few, then one a second. */
  readonly costly: TokenBucket;
  /** Until the connection's answer to our step 1 arrives: its edits may build on a backlog still to come. */
  readonly firstSync: FirstSync;
}

export function newConnectionState(): ConnectionState {
  return { awarenessIds: new Set(), costly: new TokenBucket(1, 10), firstSync: new FirstSync() };
}
