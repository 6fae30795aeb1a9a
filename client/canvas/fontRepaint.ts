import { onFontsLoaded } from '../fonts/noteFonts';
import { invalidateTextLayout } from './notePainter';

let watching = false;

/**
 * Makes the painter forget its measured lines whenever a webfont finishes loading: lines measured
 * in a fallback font would otherwise be drawn, in the new font, where they no longer fit. Konva's
 * text nodes remount on their own (NoteShape keys them on the fonts' version), and tiles are dropped
 * by their owner (TiledNotes). Idempotent, so each painting component can call it.
 * Merge note: once note layout moves to noteText.ts, call its invalidateTextLayout() here instead.
 */
export function forgetLayoutsWhenFontsLoad(): void {
  if (watching) return;
  watching = true;
  onFontsLoaded(invalidateTextLayout);
}
