import type { Awareness } from 'y-protocols/awareness';
import type { Role } from '../../shared/protocol/ids';
import { isHexColor, personColor } from '../../shared/board/colors';

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
 * `follow` says this screen follows the leader. BoardProvider sends only this client's own state.
 * The server accepts a state only from the socket that owns its client id, writes `user.role` from
 * that socket's key, and removes `summon` unless the key is the leader's (server/rooms/awarenessGuard.ts),
 * so a participant can neither speak for the leader nor claim to be one.
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
export interface Participant extends PresenceState {
  clientId: number;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isFiniteNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

/** Longest name shown for a participant (the name prompt allows 80 characters). */
export const MAX_PEER_NAME = 80;
/** Shown for a participant whose name is empty or only spaces and control characters. */
export const UNNAMED_PEER = 'Guest';
/** Board coordinates of a cursor beyond this are not on any board (notes stay within ±100,000). */
export const MAX_CURSOR_COORDINATE = 1_000_000;
/** Bounds of a participant's viewport: offsets, scale and screen size that no real screen produces are ignored. */
export const VIEWPORT_BOUNDS = { maxOffset: 100_000_000, minScale: 0.001, maxScale: 1000, maxSide: 100_000 } as const;
/** Longest note id and most note ids read from a participant's `editing` and `selection`. */
const MAX_NOTE_ID_LENGTH = 100;
const MAX_SELECTION = 10_000;

/** A participant's colour goes into inline styles and canvas fills: only `#rrggbb`, else one derived from its id. */
function readColor(clientId: number, value: unknown): string {
  return isHexColor(value) ? value : personColor(String(clientId));
}

/** Names are shown in avatars, cursor labels and titles: no control characters, trimmed, bounded. */
function readName(value: string): string {
  const cleaned = value.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, ' ').trim();
  // By code points, so that an emoji at the cut is not split into half a surrogate pair.
  const name = Array.from(cleaned.slice(0, MAX_PEER_NAME * 2)).slice(0, MAX_PEER_NAME).join('').trim();
  return name || UNNAMED_PEER;
}

function isNoteId(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0 && value.length <= MAX_NOTE_ID_LENGTH;
}

function readCursor(value: unknown): { x: number; y: number } | null {
  if (!isRecord(value)) return null;
  const { x, y } = value;
  if (!isFiniteNumber(x) || !isFiniteNumber(y)) return null;
  if (Math.abs(x) > MAX_CURSOR_COORDINATE || Math.abs(y) > MAX_CURSOR_COORDINATE) return null;
  return { x, y };
}

/**
 * A participant's viewport, or null unless every number is finite and within `VIEWPORT_BOUNDS` (a follower
 * would otherwise fit an infinitely large or empty area to its screen).
 */
export function readViewport(value: unknown): SharedViewport | null {
  if (!isRecord(value)) return null;
  const { x, y, scale, width, height } = value;
  if (!isFiniteNumber(x) || !isFiniteNumber(y) || !isFiniteNumber(scale) || !isFiniteNumber(width) || !isFiniteNumber(height)) return null;
  const { maxOffset, minScale, maxScale, maxSide } = VIEWPORT_BOUNDS;
  if (Math.abs(x) > maxOffset || Math.abs(y) > maxOffset) return null;
  if (scale < minScale || scale > maxScale) return null;
  if (width < 1 || height < 1 || width > maxSide || height > maxSide) return null;
  return { x, y, scale, width, height };
}

/** A summon's time must be a plausible clock reading; whether it is in the future is `freshSummon`'s call. */
function readSummon(value: unknown): SummonRequest | null {
  if (!isRecord(value) || !isFiniteNumber(value.at) || value.at <= 0) return null;
  const viewport = readViewport(value.viewport);
  return viewport ? { at: value.at, viewport } : null;
}

/**
 * Awareness states come from other clients, so each is checked before it is drawn. The server
 * writes each state's `user.role` from the socket's key and drops `summon` from non-leaders, so the
 * role read here is the one the key gives (docs/protocol.md); everything else is the participant's word and
 * is bounded here: colours, names, coordinates, ids.
 */
export function readPresence(clientId: number, state: unknown): Participant | null {
  if (!isRecord(state) || !isRecord(state.user)) return null;
  const { name, color, role } = state.user;
  if (typeof name !== 'string') return null;
  if (role !== 'lead' && role !== 'edit' && role !== 'view') return null;
  const selection = Array.isArray(state.selection) ? state.selection.slice(0, MAX_SELECTION).filter(isNoteId) : [];
  return {
    clientId,
    user: { name: readName(name), color: readColor(clientId, color), role },
    cursor: readCursor(state.cursor),
    editing: isNoteId(state.editing) ? state.editing : null,
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
