import type { NoteView } from '../../shared/board/note';
import type { Rect } from '../../shared/board/zones';
import { intersects } from './viewport';

/** The topmost note under a board point (notes are in stacking order, newest last). */
export function noteAt(notes: readonly NoteView[], point: { x: number; y: number }): NoteView | null {
  for (let i = notes.length - 1; i >= 0; i--) {
    const note = notes[i];
    if (note && point.x >= note.x && point.x <= note.x + note.w && point.y >= note.y && point.y <= note.y + note.h) {
      return note;
    }
  }
  return null;
}

export function notesIn(notes: readonly NoteView[], area: Rect): string[] {
  return notes.filter((note) => intersects(note, area)).map((note) => note.id);
}

/** Size of the resize handle on screen, in CSS pixels; constant at every zoom so it stays grabbable. */
export const HANDLE_SCREEN_SIZE = 18;

export function handleRect(note: NoteView, scale: number): Rect {
  const size = HANDLE_SCREEN_SIZE / scale;
  return { x: note.x + note.w - size * 0.7, y: note.y + note.h - size * 0.7, w: size, h: size };
}

export function pointInRect(point: { x: number; y: number }, rect: Rect): boolean {
  return point.x >= rect.x && point.x <= rect.x + rect.w && point.y >= rect.y && point.y <= rect.y + rect.h;
}
