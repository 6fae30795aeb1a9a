/**
 * Measured text widths for note layout. Every width comes from the canvas's `measureText` with the
 * exact font string the note text is drawn with, cached per font size and word, so laying out
 * thousands of notes measures each distinct word once per size.
 */

import { NOTE_FONT_FAMILY } from '../fonts/families';

/** Width in board pixels of `text` drawn at `fontSize` in the note font. */
export type Measure = (text: string, fontSize: number) => number;

/** Quotes family names with spaces, as Konva does, so our font string is the one Konva would build. */
function normalizeFontFamily(family: string): string {
  return family
    .split(',')
    .map((name) => {
      const trimmed = name.trim();
      return trimmed.includes(' ') && !/["']/.test(trimmed) ? `"${trimmed}"` : trimmed;
    })
    .join(', ');
}

/** The note font stack (client/fonts/families.ts): Noto webfonts for every script, then the system's. */
let family = NOTE_FONT_FAMILY;

/** The current family, normalised: measuring and painting ask for a font string thousands of times a frame. */
let normalizedFamily = normalizeFontFamily(family);

/** The CSS font string note text is measured and drawn with (Konva's `fontStyle fontVariant size family`). */
export function noteFont(fontSize: number, fontFamily: string = family): string {
  return `normal normal ${fontSize}px ${fontFamily === family ? normalizedFamily : normalizeFontFamily(fontFamily)}`;
}

export function noteFontFamily(): string {
  return family;
}

/** Past this many cached widths the cache starts over: a long session must not grow without bound. */
const MAX_CACHED_WIDTHS = 60_000;
const widths = new Map<number, Map<string, number>>();
let cachedCount = 0;
let context: CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D | null | undefined;
/** The font last given to the context: reading `ctx.font` back returns a normalised string. */
let contextFont = '';

function measuringContext(): CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D | null {
  if (context !== undefined) return context;
  context = null;
  // jsdom has canvas elements without a 2D context (and complains when asked): no measuring there.
  const jsdom = typeof navigator !== 'undefined' && /jsdom/i.test(navigator.userAgent);
  if (!jsdom && typeof OffscreenCanvas !== 'undefined') context = new OffscreenCanvas(1, 1).getContext('2d');
  else if (!jsdom && typeof document !== 'undefined') context = document.createElement('canvas').getContext('2d');
  return context;
}

/**
 * Without a canvas (unit tests in node or jsdom) widths are estimated from an average glyph width.
 * The browser never uses this; tests that care about layout inject their own measure.
 */
function estimate(text: string, fontSize: number): number {
  return [...text].length * fontSize * 0.55;
}

/** The cached canvas measure the canvas, the painter and the zone sizes share. */
export const measureNoteText: Measure = (text, fontSize) => {
  let bySize = widths.get(fontSize);
  if (!bySize) {
    bySize = new Map();
    widths.set(fontSize, bySize);
  }
  const known = bySize.get(text);
  if (known !== undefined) return known;
  const ctx = measuringContext();
  let width: number;
  if (ctx) {
    const font = noteFont(fontSize);
    if (contextFont !== font) {
      ctx.font = font;
      contextFont = font;
    }
    width = ctx.measureText(text).width;
  } else {
    width = estimate(text, fontSize);
  }
  if (cachedCount >= MAX_CACHED_WIDTHS) clearMeasureCache();
  bySize.set(text, width);
  cachedCount += 1;
  return width;
};

export function clearMeasureCache(): void {
  widths.clear();
  contextFont = '';
  cachedCount = 0;
}

/** Changes the family widths are measured in; zoneFonts.setNoteFontFamily also relays every note out. */
export function setMeasuredFamily(next: string): boolean {
  if (next === family) return false;
  family = next;
  normalizedFamily = normalizeFontFamily(next);
  clearMeasureCache();
  return true;
}
