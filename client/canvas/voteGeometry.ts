import type { NoteView } from '../../shared/board/note';
import { noteAt } from './hitTest';
import { inCircle, type Point } from './linkGeometry';

/** Radius of a note's "+" / "−" dot buttons on screen (CSS px), at every zoom. */
export const VOTE_BUTTON_SCREEN_RADIUS = 10;

/** The "+" button sits inside the note's top-right corner, the "−" to its left. */
export function voteButtons(note: Pick<NoteView, 'x' | 'y' | 'w'>, scale: number): { plus: Circle; minus: Circle } {
  const r = VOTE_BUTTON_SCREEN_RADIUS / scale;
  const y = note.y + r + 4 / scale;
  const plusX = note.x + note.w - r - 4 / scale;
  return { plus: { x: plusX, y, r }, minus: { x: plusX - 2 * r - 4 / scale, y, r } };
}

export interface Circle {
  x: number;
  y: number;
  r: number;
}

/**
 * The dot button under a board point: +1 on a note's "+", −1 on its "−" (shown only where the voter
 * has dots). The topmost note under the point decides, so a button hidden under another note is not hit.
 */
export function voteButtonAt(
  notes: readonly NoteView[],
  point: Point,
  scale: number,
  mine: ReadonlyMap<string, number>,
): { noteId: string; delta: 1 | -1 } | null {
  const note = noteAt(notes, point);
  if (!note) return null;
  const { plus, minus } = voteButtons(note, scale);
  if (inCircle(point, plus, 1.2)) return { noteId: note.id, delta: 1 };
  if ((mine.get(note.id) ?? 0) > 0 && inCircle(point, minus, 1.2)) return { noteId: note.id, delta: -1 };
  return null;
}
