import { jsPDF } from 'jspdf';
import { bidiClassOf, mirrored, visualOrder, type BidiClass } from './pdfBidi';
import type { FontBook } from './pdfFonts';
import { measureTextImage, renderTextImage } from './textImage';

/**
 * Text in any script laid out for the PDF: cut into pieces that each draw with one embedded font
 * (selectable, searchable text) or, where no embedded font can, as a picture drawn by the browser;
 * wrapped to the page width; and drawn line by line in visual order (see pdfBidi.ts).
 */

export interface TextStyle {
  size: number;
  bold: boolean;
}

/** A grapheme, an Arabic word or a number: the smallest thing drawn, measured and reordered. */
export interface TextPiece {
  bidi: BidiClass;
  /** As written (logical order). */
  text: string;
  /** The PDF font that draws it, or null when it is drawn as a picture. */
  font: string | null;
  /** What the font draws, left to right: an Arabic word is shaped here and reversed. */
  visual: string;
  width: number;
  space: boolean;
  /** Where a line may break: CJK between any two characters, elsewhere after a space. */
  breakBefore: boolean;
  breakAfter: boolean;
}

/** jsPDF's Arabic shaper (contextual forms and lam-alef ligatures), untyped in its API. */
interface ArabicShaper {
  processArabic(text: string): string;
  __arabicParser__: { isInArabicSubstitutionA(letter: string): boolean };
}
const shaper = jsPDF.API as unknown as ArabicShaper;

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
const ARABIC = /^[\u0600-\u065f\u066a-\u06ef\u06fa-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufefc]/;
const ARABIC_PUNCTUATION = new Set(['\u060c', '\u061b', '\u061f', '\u066a', '\u066b', '\u066c', '\u066d']);
const DIGIT = /^\p{Nd}$/u;
const CJK = /^[\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}\u3000-\u303f\uff00-\uffef]/u;

/** The one font that has a glyph for every character of `text` (bold if it can), or null. */
function fontFor(book: FontBook, text: string, bold: boolean): string | null {
  const first = text.codePointAt(0)!;
  for (const font of new Set([book.pdfFontFor(first, bold), book.pdfFontFor(first, false)])) {
    if (font && [...text].every((char) => book.hasGlyph(font, char.codePointAt(0)!))) return font;
  }
  return null;
}

/**
 * An Arabic word as jsPDF can draw it: shaped into presentation forms, then reversed. Null when
 * the shaper does not know a letter, or the word has vowel marks (which would need positioning
 * jsPDF does not do): the word is then a picture, drawn by the browser as a whole.
 */
function shapedArabic(book: FontBook, word: string, bold: boolean): { font: string; visual: string } | null {
  for (const char of word) {
    if (!shaper.__arabicParser__.isInArabicSubstitutionA(char) && !ARABIC_PUNCTUATION.has(char)) return null;
  }
  const shaped = shaper.processArabic(word);
  const font = fontFor(book, shaped, bold);
  return font ? { font, visual: [...shaped].reverse().join('') } : null;
}

/** Groups graphemes into the pieces that are shaped or reordered as one: Arabic words, numbers. */
function groupGraphemes(text: string): string[] {
  const groups: string[] = [];
  let kind: 'arabic' | 'digit' | null = null;
  for (const { segment } of graphemes.segment(text)) {
    const next = ARABIC.test(segment) ? 'arabic' : DIGIT.test(segment) ? 'digit' : null;
    if (next && next === kind) groups[groups.length - 1] += segment;
    else groups.push(segment);
    kind = next;
  }
  return groups;
}

/** `text` (one line, NFC) as measured pieces in logical order. */
export function textPieces(pdf: jsPDF, book: FontBook, text: string, style: TextStyle): TextPiece[] {
  return groupGraphemes(text).map((group) => {
    const arabic = ARABIC.test(group) ? shapedArabic(book, group, style.bold) : null;
    // A grapheme of several code points (a letter with marks, an emoji sequence) needs shaping
    // that jsPDF does not do; digits and Arabic words are groups of single code points.
    const single = [...group].length === 1 || DIGIT.test(group.charAt(0));
    const font = arabic ? arabic.font : ARABIC.test(group) || !single ? null : fontFor(book, group, style.bold);
    const visual = arabic ? arabic.visual : group;
    let width: number;
    if (font) {
      pdf.setFont(font, 'normal');
      pdf.setFontSize(style.size);
      width = pdf.getStringUnitWidth(visual) * style.size;
    } else {
      width = measureTextImage(group, style.size, book.canvasFamilies, style.bold);
    }
    const space = /^\s+$/u.test(group);
    const cjk = CJK.test(group);
    return { bidi: bidiClassOf(group), text: group, font, visual, width, space, breakBefore: cjk, breakAfter: space || cjk };
  });
}

const widthOf = (pieces: readonly TextPiece[]) => pieces.reduce((sum, piece) => sum + piece.width, 0);
function trimSpaces(pieces: TextPiece[]): TextPiece[] {
  let from = 0;
  let to = pieces.length;
  while (from < to && pieces[from]!.space) from++;
  while (to > from && pieces[to - 1]!.space) to--;
  return pieces.slice(from, to);
}

/**
 * Pieces cut into lines no wider than `firstWidth` (the first line) and `restWidth`: words
 * move to the next line whole; a word wider than a line is cut between graphemes.
 */
export function wrapPieces(pieces: readonly TextPiece[], firstWidth: number, restWidth: number): TextPiece[][] {
  const words: TextPiece[][] = [];
  for (const piece of pieces) {
    const last = words[words.length - 1];
    const previous = last?.[last.length - 1];
    if (!last || !previous || piece.breakBefore || previous.breakAfter) words.push([piece]);
    else last.push(piece);
  }
  const lines: TextPiece[][] = [];
  let line: TextPiece[] = [];
  const room = () => (lines.length === 0 ? firstWidth : restWidth);
  for (const word of words) {
    if (line.length > 0 && widthOf(trimSpaces([...line, ...word])) > room()) {
      lines.push(trimSpaces(line));
      line = [];
    }
    if (widthOf(trimSpaces(word)) <= room()) {
      line.push(...word);
      continue;
    }
    for (const piece of word) {
      if (line.length > 0 && !piece.space && widthOf(trimSpaces([...line, piece])) > room()) {
        lines.push(trimSpaces(line));
        line = [];
      }
      line.push(piece);
    }
  }
  if (line.length > 0 || lines.length === 0) lines.push(trimSpaces(line));
  return lines;
}

/**
 * Draws one line with its left end at `x` and its baseline at `baseline`, in visual order:
 * runs of pieces with the same font as one text string, the rest as pictures. jsPDF's own bidi
 * pass is told the text is already visual, so it leaves the order alone.
 */
export function drawPieces(pdf: jsPDF, book: FontBook, line: readonly TextPiece[], x: number, baseline: number, style: TextStyle): void {
  let run: { font: string; text: string; x: number } | null = null;
  const flush = () => {
    if (!run) return;
    pdf.setFont(run.font, 'normal');
    pdf.setFontSize(style.size);
    pdf.text(run.text, run.x, baseline, { isInputVisual: true, isOutputVisual: true });
    run = null;
  };
  for (const { piece, inRtl } of visualOrder(line)) {
    if (piece.font) {
      const text = inRtl && piece.bidi === 'N' ? mirrored(piece.visual) : piece.visual;
      if (run && run.font === piece.font) run.text += text;
      else {
        flush();
        run = { font: piece.font, text, x };
      }
    } else {
      flush();
      if (!piece.space) {
        const image = renderTextImage(piece.text, style.size, book.canvasFamilies, style.bold);
        const alias = `text:${style.size}:${style.bold}:${piece.text}`;
        pdf.addImage(image.dataUrl, 'PNG', x, baseline - image.ascent, image.width, image.ascent + image.descent, alias);
      }
    }
    x += piece.width;
  }
  flush();
}
