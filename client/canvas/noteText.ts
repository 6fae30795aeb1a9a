import { measureNoteText, type Measure } from './textMeasure';

/** Padding inside a note, board pixels. */
export const NOTE_PADDING = 12;
/** Short notes get big type, so that they read from across a room on the shared screen. */
export const MAX_NOTE_FONT = 36;
/** A note marked large may read bigger still: a heading, or one word for the whole room. */
export const MAX_LARGE_NOTE_FONT = 96;
/** The smallest size note text is shrunk to (body text size at zoom 1); past it the note shows "+ more". */
export const MIN_NOTE_FONT = 14;
export const LINE_HEIGHT = 1.25;
/** Below this on-screen size text is unreadable, so it is not drawn at all (level of detail). */
export const MIN_READABLE_SCREEN_FONT = 4;
/** Space kept under the text for the author line, board pixels. */
export const AUTHOR_SPACE = 14;
/**
 * Lines are laid out this much narrower than the box: a line is measured as the sum of its words
 * and spaces but drawn as one string, and kerning across a space can differ by a fraction of a pixel.
 */
const WIDTH_SLACK = 1;

/** The box note text is laid out in, relative to the note's top left. */
export interface TextBox {
  x: number;
  y: number;
  width: number;
  height: number;
}

export function noteTextBox(note: { w: number; h: number }): TextBox {
  return {
    x: NOTE_PADDING,
    y: NOTE_PADDING,
    width: Math.max(1, note.w - 2 * NOTE_PADDING),
    height: Math.max(0, note.h - 2 * NOTE_PADDING - AUTHOR_SPACE),
  };
}

/** Note text broken into the lines that are drawn, at one font size. */
export interface TextLayout {
  fontSize: number;
  lineHeight: number;
  /** Exactly the lines drawn, top to bottom; with `overflow`, the ones that fit. */
  lines: readonly string[];
  /** True when the text needs more lines than the box holds: the note shows "+ more". */
  overflow: boolean;
}

export function maxLinesAt(box: Pick<TextBox, 'height'>, fontSize: number): number {
  // A hair of tolerance: 4 lines of 1.25 × 24 px exactly fill a 120 px box.
  return Math.max(0, Math.floor((box.height + 1e-6) / (fontSize * LINE_HEIGHT)));
}

let graphemeSegmenter: Intl.Segmenter | null = null;

/** User-perceived characters, so a broken word never splits an emoji or a combining accent. */
function graphemes(word: string): string[] {
  graphemeSegmenter ??= new Intl.Segmenter(undefined, { granularity: 'grapheme' });
  return Array.from(graphemeSegmenter.segment(word), (part) => part.segment);
}

/**
 * Pieces of a word too wide for a line alone, each as long as fits. A piece is at least one
 * character, even when that one character is wider than the line.
 */
function breakWord(word: string, width: number, fontSize: number, measure: Measure): string[] {
  const pieces: string[] = [];
  let piece = '';
  let used = 0;
  for (const char of graphemes(word)) {
    const w = measure(char, fontSize);
    if (piece && used + w > width) {
      pieces.push(piece);
      piece = '';
      used = 0;
    }
    piece += char;
    used += w;
  }
  if (piece) pieces.push(piece);
  // Summed widths ignore shaping across characters: check each piece whole and move its overhang on.
  for (let i = 0; i < pieces.length; i++) {
    let current = pieces[i]!;
    const chars = graphemes(current);
    let moved = '';
    while (chars.length > 1 && measure(chars.join(''), fontSize) > width) moved = chars.pop()! + moved;
    if (moved) {
      current = chars.join('');
      pieces[i] = current;
      if (i + 1 < pieces.length) pieces[i + 1] = moved + pieces[i + 1]!;
      else pieces.push(moved);
    }
  }
  return pieces;
}

/**
 * Breaks `text` into lines no wider than `box.width` at `fontSize`, from measured widths: at
 * spaces, keeping paragraph breaks, and breaking a word only when it cannot fit a line alone.
 * Stops once the box is full and reports the overflow rather than cutting a word.
 */
export function layoutText(text: string, box: Pick<TextBox, 'width' | 'height'>, fontSize: number, measure: Measure = measureNoteText): TextLayout {
  const lineHeight = fontSize * LINE_HEIGHT;
  const maxLines = maxLinesAt(box, fontSize);
  const width = Math.max(1, box.width - WIDTH_SLACK);
  const lines: string[] = [];
  // Blank lines at the end carry nothing to read; they never make a note "hold more".
  const shown = text.trimEnd();
  if (shown === '') return { fontSize, lineHeight, lines, overflow: false };
  const space = measure(' ', fontSize);
  let overflow = false;
  const push = (line: string): boolean => {
    if (lines.length >= maxLines) {
      overflow = true;
      return false;
    }
    lines.push(line);
    return true;
  };
  paragraphs: for (const paragraph of shown.split('\n')) {
    let line = '';
    let used = 0;
    for (const word of paragraph.split(WORD_GAPS)) {
      if (!word) continue;
      const w = measure(word, fontSize);
      if (line && used + space + w <= width) {
        line += ` ${word}`;
        used += space + w;
        continue;
      }
      if (line && !push(line)) break paragraphs;
      if (w <= width) {
        line = word;
        used = w;
        continue;
      }
      const pieces = breakWord(word, width, fontSize, measure);
      for (const piece of pieces.slice(0, -1)) if (!push(piece)) break paragraphs;
      line = pieces.at(-1) ?? '';
      used = measure(line, fontSize);
    }
    if (!push(line)) break;
  }
  return { fontSize, lineHeight, lines, overflow };
}

/** Whether all of `text` fits the note at `fontSize`. */
export function fitsAt(text: string, note: { w: number; h: number }, fontSize: number, measure: Measure = measureNoteText): boolean {
  return !layoutText(text, noteTextBox(note), fontSize, measure).overflow;
}

/** Words are measured once at this size for the search; widths scale with the size, near enough to choose. */
const SEARCH_SIZE = 100;
/**
 * How much narrower than the box the scaled widths must still fit for the measured layout to be taken
 * as fitting too, unchecked. Chromium's canvas widths scale with the size to within a thousandth of a
 * pixel (measured on Noto Sans and the system's sans-serif, 14–96 px), so 1 % is far more than the
 * difference; text that only fits more tightly is laid out and measured at the size found, as before.
 */
const SCALED_FIT_MARGIN = 0.01;
const WORD_GAPS = /[ \t\r\f\v]+/;

/**
 * Lines `paragraphs` (word widths in em) need at `fontSize`: the same greedy wrapping as layoutText,
 * on numbers only, so the size search costs no string work. A word wider than a line counts the
 * lines its pieces fill.
 */
function linesNeeded(paragraphs: readonly number[][], space: number, box: Pick<TextBox, 'width'>, fontSize: number, narrower = 0): number {
  const width = (Math.max(1, box.width - WIDTH_SLACK) * (1 - narrower)) / fontSize;
  let lines = 0;
  for (const words of paragraphs) {
    lines += 1;
    let used = -1;
    for (const w of words) {
      if (used >= 0 && used + space + w <= width) {
        used += space + w;
        continue;
      }
      if (used >= 0) lines += 1;
      if (w <= width) {
        used = w;
        continue;
      }
      const full = Math.ceil(w / width) - 1;
      lines += full;
      used = w - full * width;
    }
  }
  return lines;
}

/**
 * The largest whole font size (MIN_NOTE_FONT…max) at which all of `text` fits a note of this size,
 * measured; MIN_NOTE_FONT when it does not fit even then (the note then shows "+ more"). The
 * search runs on word widths measured once; the answer is then checked with the real layout at
 * that size (the lines that are drawn), stepping down in the rare case rounding disagrees.
 */
export function fitFontSize(text: string, w: number, h: number, measure: Measure = measureNoteText, max = MAX_NOTE_FONT): number {
  const box = noteTextBox({ w, h });
  const shown = text.trimEnd();
  if (shown === '') return max;
  const space = measure(' ', SEARCH_SIZE) / SEARCH_SIZE;
  const paragraphs = shown.split('\n').map((paragraph) =>
    paragraph
      .split(WORD_GAPS)
      .filter(Boolean)
      .map((word) => measure(word, SEARCH_SIZE) / SEARCH_SIZE),
  );
  const fits = (size: number, narrower = 0) => linesNeeded(paragraphs, space, box, size, narrower) <= maxLinesAt(box, size);
  // Smaller type never needs more lines, so the sizes that fit form a range below the largest one.
  let size: number;
  if (fits(max)) size = max;
  else if (!fits(MIN_NOTE_FONT)) size = MIN_NOTE_FONT;
  else {
    let lo = MIN_NOTE_FONT;
    let hi = max - 1;
    while (lo < hi) {
      const mid = Math.ceil((lo + hi) / 2);
      if (fits(mid)) lo = mid;
      else hi = mid - 1;
    }
    size = lo;
  }
  // Checking the answer with the real layout measures every word again at that size: on a board's
  // first render, thousands of notes' words, most of them on notes that are not on screen. Greedy
  // wrapping never needs fewer lines for wider words, so a fit with room to spare needs no check
  // (a word wider than a line is broken by characters, which the scaled count only approximates).
  const lineWidth = Math.max(1, box.width - WIDTH_SLACK) / size;
  const unbroken = paragraphs.every((words) => words.every((w) => w <= lineWidth * (1 - SCALED_FIT_MARGIN)));
  if (unbroken && fits(size, SCALED_FIT_MARGIN)) return size;
  while (size > MIN_NOTE_FONT && layoutText(text, box, size, measure).overflow) size -= 1;
  return size;
}
