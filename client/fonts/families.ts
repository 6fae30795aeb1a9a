/**
 * The font families Discern draws people's words in, and the scripts each one is for. The Noto
 * families are webfonts shipped with the app (client/fonts/fonts.css and lazyFaces.ts), so notes
 * look the same, and never turn into boxes, on a machine with no fonts for Arabic, Chinese, Korean
 * or emoji: a TV's browser, a kiosk, or CI's Chromium.
 */

export const SANS_FAMILY = 'Noto Sans';
export const ARABIC_FAMILY = 'Noto Sans Arabic';
export const HEBREW_FAMILY = 'Noto Sans Hebrew';
export const CHINESE_FAMILY = 'Noto Sans SC';
export const KOREAN_FAMILY = 'Noto Sans KR';
/** Noto Color Emoji, or Noto Emoji (outlines) where the browser cannot draw COLRv1 glyphs (lazyFaces.ts). */
export const EMOJI_FAMILY = 'Discern Emoji';

/**
 * The family list of note text on the canvas, in the DOM and in exported images. Per character the
 * browser takes the first family that has it: Latin, Cyrillic, Greek and Vietnamese from Noto Sans,
 * then the other scripts' fonts. Emoji come before the CJK fonts, which list some emoji of their own
 * in black and white. Simplified Chinese comes before Korean, whose Han glyphs have Korean forms.
 */
export const NOTE_FONT_FAMILY = [SANS_FAMILY, ARABIC_FAMILY, HEBREW_FAMILY, EMOJI_FAMILY, CHINESE_FAMILY, KOREAN_FAMILY]
  .map((family) => `"${family}"`)
  .concat('sans-serif')
  .join(', ');

/**
 * The interface's own text (labels, titles, names people typed) stays in the system's font, with
 * the shipped fonts behind it for the characters the system cannot draw.
 */
export const UI_FONT_FAMILY = ['system-ui', '-apple-system', '"Segoe UI"', 'Roboto', `"${ARABIC_FAMILY}"`, `"${HEBREW_FAMILY}"`, `"${EMOJI_FAMILY}"`, `"${CHINESE_FAMILY}"`, `"${KOREAN_FAMILY}"`, 'sans-serif'].join(', ');
