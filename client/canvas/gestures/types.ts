import type { NoteMove } from '../../../shared/board/model';
import type { NoteView } from '../../../shared/board/note';
import type { Zone } from '../../../shared/board/zones';
import type { Point } from '../linkGeometry';
import type { Viewport } from '../viewport';
import type { HitContext } from './hitTarget';
import type { GesturePreviews } from './previews';

/** One pointer event as the gestures see it. */
export interface PointerInput {
  /** Where the pointer is, in CSS px from the canvas's top-left corner. */
  screen: Point;
  /** The same place on the board, at the viewport of this event. */
  board: Point;
  /** Every pointer still pressed after this event (screen points), this one included while pressed. */
  pointers: readonly Point[];
  button: number;
  pointerType: string;
  shiftKey: boolean;
  altKey: boolean;
  /** performance.now() at the event. */
  time: number;
}

/**
 * What the gestures read and may do: the canvas's props of this render, already narrowed by
 * `readOnly` (no selection, no editing, no vote, no links), and the previews drawn while a gesture runs.
 */
export interface GestureContext {
  viewport: Viewport;
  notes: readonly NoteView[];
  selection: ReadonlySet<string>;
  readOnly: boolean;
  canEdit: boolean;
  /** A vote runs and this person may put dots on notes. */
  canVote: boolean;
  /** Space held: a left-button drag pans. */
  panMode: boolean;
  hit: HitContext;
  previews: GesturePreviews;
  setViewport(viewport: Viewport): void;
  select(ids: string[]): void;
  selectLink(id: string | null): void;
  moveNotes(moves: NoteMove[]): void;
  resizeNote(id: string, w: number, h: number): void;
  /** Returns a short message when refused. */
  addLink(from: string, to: string): string | null;
  deleteLink(id: string): void;
  /** One dot more or less; a refusal shows as a hint. */
  vote(noteId: string, delta: 1 | -1): void;
  showHint(testId: string, text: string): void;
  openFullText(note: NoteView): void;
  editNote(id: string): void;
  editPrompt(zone: Zone): void;
  addNoteAt(point: Point, zone: Zone): void;
}

/**
 * A gesture in progress, after tldraw's SelectTool child states: it starts from a press (each
 * module's `start…`, chosen by idle.ts), answers the pointer's moves, and ends on release or cancel.
 * Each handler returns the state that follows: itself, the next gesture, or `null` (idle again).
 */
export interface Gesture {
  readonly kind: 'pan' | 'pinch' | 'press' | 'drag' | 'marquee' | 'resize' | 'link' | 'more';
  move(input: PointerInput, context: GestureContext): Gesture | null;
  /** The last pointer lifted: the gesture commits what it did. */
  up(input: PointerInput, context: GestureContext): Gesture | null;
  /** One of several pointers lifted while others stay down (the default: the gesture goes on). */
  lift?(input: PointerInput, context: GestureContext): Gesture | null;
  /** Escape, a lost pointer or a second finger: the preview goes and nothing half-done is committed. */
  cancel(context: GestureContext): void;
}
