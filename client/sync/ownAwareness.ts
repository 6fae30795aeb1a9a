import * as awarenessProtocol from 'y-protocols/awareness';

/** The `update` event payload of a y-protocols Awareness. */
export interface AwarenessChanges {
  added: number[];
  updated: number[];
  removed: number[];
}

/**
 * The awareness update this client should send after a change, or `null` when the change was only
 * about other people. The stock provider re-broadcasts every state it hears about, so with n people
 * each cursor move is echoed n times and presence traffic grows with the square of the room; the
 * server already fans out each client's own state, so sending only ours keeps it linear.
 */
export function encodeOwnAwarenessUpdate(
  awareness: awarenessProtocol.Awareness,
  changes: AwarenessChanges,
): Uint8Array | null {
  const own = awareness.clientID;
  const touched = changes.added.includes(own) || changes.updated.includes(own) || changes.removed.includes(own);
  if (!touched) return null;
  return awarenessProtocol.encodeAwarenessUpdate(awareness, [own]);
}
