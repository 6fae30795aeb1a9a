import type { NoteView } from '../../shared/board/note';
import { noteFontSize, zoneFontSizes } from '../canvas/zoneFonts';

/**
 * How large note text must be on the shared screen: 28 CSS px on a 1080-px-high screen, in
 * proportion on others (56 on a 4K screen at a device pixel ratio of 1). Read from 5 m, 28 px on a
 * 1080p TV is about what a 4 m projected slide's body text is. CSS px, so a 4K TV that reports 1080
 * CSS px at a device pixel ratio of 2 gets the same physical size.
 */
export const LEGIBLE_TEXT_PX_AT_1080 = 28;

export function legibleTextPx(screenHeight: number): number {
  return (LEGIBLE_TEXT_PX_AT_1080 * screenHeight) / 1080;
}

/**
 * The font size (board px) the canvas draws each note's text at: its zone's one size, worked out
 * from all of the zone's notes, or its own for a note marked large (client/canvas/zoneFonts.ts).
 * Sizes are measured, so a caller recomputes this when the text layout changes (a webfont loaded).
 */
export function drawnFontSizes(notes: readonly NoteView[]): (note: NoteView) => number {
  const fonts = zoneFontSizes(notes);
  return (note) => noteFontSize(note, fonts);
}
