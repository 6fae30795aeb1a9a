// The fonts of people's words: families, loading, direction. See families.ts and noteFonts.ts.
export { NOTE_FONT_FAMILY, UI_FONT_FAMILY } from './families';
export { textDirection, type TextDirection } from './direction';
export { loadFontsForTyping, onFontsLoaded, whenNoteFontsReady } from './noteFonts';
export { useFontsVersion } from './useFontsVersion';
