import type { Awareness } from 'y-protocols/awareness';
import type { Role } from '../../shared/protocol/ids';

export interface PresenceUser {
  name: string;
  color: string;
  role: Role;
}

/**
 * The awareness local state every Discern client publishes (y-protocols awareness, never the doc):
 * `{ user: { name, color, role }, cursor: {x, y} | null, editing: noteId | null, selection: string[] }`.
 * Cursor coordinates are board coordinates, so they land on the same spot at any zoom.
 */
export interface PresenceState {
  user: PresenceUser;
  cursor: { x: number; y: number } | null;
  editing: string | null;
  selection: string[];
}

/** Another person on the board, as the UI shows them. */
export interface Peer extends PresenceState {
  clientId: number;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/** Awareness states come from other clients, so each is checked before it is drawn. */
export function readPresence(clientId: number, state: unknown): Peer | null {
  if (!isRecord(state) || !isRecord(state.user)) return null;
  const { name, color, role } = state.user;
  if (typeof name !== 'string' || typeof color !== 'string') return null;
  if (role !== 'lead' && role !== 'edit' && role !== 'view') return null;
  const cursor = isRecord(state.cursor) && typeof state.cursor.x === 'number' && typeof state.cursor.y === 'number'
    ? { x: state.cursor.x, y: state.cursor.y }
    : null;
  const editing = typeof state.editing === 'string' ? state.editing : null;
  const selection = Array.isArray(state.selection) ? state.selection.filter((id): id is string => typeof id === 'string') : [];
  return { clientId, user: { name: name.slice(0, 80), color, role }, cursor, editing, selection };
}

/**
 * Writes this client's presence. Cursor moves arrive far faster than the screen refreshes, so they
 * are coalesced to one awareness update per animation frame.
 */
export class LocalPresence {
  private pendingCursor: { x: number; y: number } | null | undefined = undefined;
  private frame: number | null = null;

  constructor(
    private readonly awareness: Awareness,
    user: PresenceUser,
  ) {
    const initial: PresenceState = { user, cursor: null, editing: null, selection: [] };
    awareness.setLocalState(initial);
  }

  setUser(user: PresenceUser): void {
    this.awareness.setLocalStateField('user', user);
  }

  setCursor(cursor: { x: number; y: number } | null): void {
    this.pendingCursor = cursor;
    if (this.frame !== null) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = null;
      if (this.pendingCursor === undefined) return;
      const cursorNow = this.pendingCursor;
      this.pendingCursor = undefined;
      this.awareness.setLocalStateField('cursor', cursorNow);
    });
  }

  setEditing(noteId: string | null): void {
    if (this.awareness.getLocalState()?.editing === noteId) return;
    this.awareness.setLocalStateField('editing', noteId);
  }

  setSelection(ids: readonly string[]): void {
    this.awareness.setLocalStateField('selection', [...ids]);
  }

  destroy(): void {
    if (this.frame !== null) cancelAnimationFrame(this.frame);
    this.frame = null;
  }
}
