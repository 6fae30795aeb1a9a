import { bidiClassOf } from '../export/pdfBidi';

export type TextDirection = 'ltr' | 'rtl';

/**
 * A note's base direction, from its first strong character (the rule of HTML's `dir="auto"` and
 * of UAX #9's paragraph level): a note that starts in Arabic or Hebrew reads right to left, lines
 * aligned right, even with Latin words or numbers in it; a note with no letters reads left to right.
 */
export function textDirection(text: string): TextDirection {
  for (const char of text) {
    const bidi = bidiClassOf(char);
    if (bidi === 'R') return 'rtl';
    if (bidi === 'L') return 'ltr';
  }
  return 'ltr';
}
