import { onFontsLoaded } from '../fonts/noteFonts';
import { invalidateTextLayout } from './zoneFonts';

let watching = false;

/**
 * Makes note layout (zoneFonts.ts: measured widths, zone sizes, lines) forget every measurement
 * whenever a webfont finishes loading: lines measured in a fallback font would otherwise be drawn,
 * in the new font, where they no longer fit. The new layout version redraws the note shapes and the
 * painted notes; tiles are dropped by their owner (TiledNotes). Idempotent, so each painting
 * component can call it.
 */
export function forgetLayoutsWhenFontsLoad(): void {
  if (watching) return;
  watching = true;
  onFontsLoaded(invalidateTextLayout);
}
