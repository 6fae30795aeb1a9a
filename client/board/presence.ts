import type { Awareness } from 'y-protocols/awareness';
import type { Role } from '../../shared/protocol/ids';

export interface PresenceUser {
  name: string;
  color: string;
  role: Role;
}

/**
 * What a screen shows: its stage transform (screen = board × scale + (x, y)) and its size in CSS
 * pixels, so another screen can work out the board area it shows and fit that area to its own size.
 */
export interface SharedViewport {
  x: number;
  y: number;
  scale: number;
  width: number;
  height: number;
}

/** A leader's "bring everyone to me": `at` (server-corrected clock) makes each request new. */
export interface SummonRequest {
  at: number;
  viewport: SharedViewport;
}

/**
 * The awareness local state every Discern client publishes (y-protocols awareness, never the doc):
 * `{ user: { name, color, role }, cursor: {x, y} | null, editing: noteId | null, selection: string[],
 *    viewport: SharedViewport | null, follow: boolean, summon: SummonRequest | null }`.
 * Cursor coordinates are board coordinates, so they land on the same spot at any zoom.
 * `viewport` is published by leaders who are not themselves following (others leave it null), and
 * `follow` says this screen follows the leader. BoardProvider sends only this client's own state,
 * so a peer cannot speak for the leader by relaying; roles here are still self-declared, though: the
 * server enforces only view-only keys, not who may summon.
 */
export interface PresenceState {
  user: PresenceUser;
  cursor: { x: number; y: number } | null;
  editing: string | null;
  selection: string[];
  viewport: SharedViewport | null;
  follow: boolean;
  summon: SummonRequest | null;
}

/** Another person on the board, as the UI shows them. */
export interface Peer extends PresenceState {
  clientId: number;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function isFiniteNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

/** A peer's viewport, or null unless every number is finite and scale and size are positive. */
export function readViewport(value: unknown): SharedViewport | null {
  if (!isRecord(value)) return null;
  const { x, y, scale, width, height } = value;
  if (!isFiniteNumber(x) || !isFiniteNumber(y) || !isFiniteNumber(scale) || !isFiniteNumber(width) || !isFiniteNumber(height)) return null;
  if (scale <= 0 || width <= 0 || height <= 0) return null;
  return { x, y, scale, width, height };
}

function readSummon(value: unknown): SummonRequest | null {
  if (!isRecord(value) || !isFiniteNumber(value.at)) return null;
  const viewport = readViewport(value.viewport);
  return viewport ? { at: value.at, viewport } : null;
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
  return {
    clientId,
    user: { name: name.slice(0, 80), color, role },
    cursor,
    editing,
    selection,
    viewport: readViewport(state.viewport),
    follow: state.follow === true,
    summon: readSummon(state.summon),
  };
}

/**
 * Writes this client's presence. Cursor moves arrive far faster than the screen refreshes, so they
 * are coalesced to one awareness update per animation frame.
 */
export class LocalPresence {
  private pendingCursor: { x: number; y: number } | null | undefined = undefined;
  private frame: number | null = null;
  private pendingViewport: SharedViewport | null | undefined = undefined;
  private viewportFrame: number | null = null;

  constructor(
    private readonly awareness: Awareness,
    user: PresenceUser,
  ) {
    const initial: PresenceState = { user, cursor: null, editing: null, selection: [], viewport: null, follow: false, summon: null };
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

  /** Like the cursor, a pan or zoom changes the viewport every frame: coalesced to one update per frame. */
  setViewport(viewport: SharedViewport | null): void {
    this.pendingViewport = viewport;
    if (this.viewportFrame !== null) return;
    this.viewportFrame = requestAnimationFrame(() => {
      this.viewportFrame = null;
      if (this.pendingViewport === undefined) return;
      const next = this.pendingViewport;
      this.pendingViewport = undefined;
      const current = readViewport(this.awareness.getLocalState()?.viewport);
      if (current && next && sameViewport(current, next)) return;
      if (!current && !next) return;
      this.awareness.setLocalStateField('viewport', next);
    });
  }

  setFollow(follow: boolean): void {
    if (this.awareness.getLocalState()?.follow === follow) return;
    this.awareness.setLocalStateField('follow', follow);
  }

  summon(request: SummonRequest): void {
    this.awareness.setLocalStateField('summon', request);
  }

  destroy(): void {
    if (this.frame !== null) cancelAnimationFrame(this.frame);
    if (this.viewportFrame !== null) cancelAnimationFrame(this.viewportFrame);
    this.frame = null;
    this.viewportFrame = null;
  }
}

function sameViewport(a: SharedViewport, b: SharedViewport): boolean {
  return a.x === b.x && a.y === b.y && a.scale === b.scale && a.width === b.width && a.height === b.height;
}
