/**
 * Right-to-left text in a left-to-right document, the part of the Unicode bidirectional
 * algorithm (UAX #9) a record's lines need. The PDF draws a line left to right, so the pieces of
 * a line are put in the order the eye meets them: a stretch of Arabic or Hebrew — with the
 * spaces, punctuation and numbers between its words — is reversed as a whole, numbers inside it
 * still read left to right, and brackets in it are mirrored. Around it the line stays left to
 * right, so `الجيران المسنون - Ana` shows the Arabic words right to left, then ` - Ana`.
 */

/** A piece's direction: strong left-to-right, strong right-to-left, a number, or neutral. */
export type BidiClass = 'L' | 'R' | 'D' | 'N';

const RTL = /^[\u0590-\u05ff\u0600-\u065f\u066a-\u06ef\u06fa-\u08ff\ufb1d-\ufdff\ufe70-\ufefc\u{10800}-\u{10fff}\u{1e800}-\u{1efff}]/u;
const DIGIT = /^\p{Nd}/u;
const STRONG_L = /^[\p{L}\p{Mc}]/u;

/** The class of a grapheme or word, from its first character. */
export function bidiClassOf(text: string): BidiClass {
  if (RTL.test(text)) return 'R';
  if (DIGIT.test(text)) return 'D';
  if (STRONG_L.test(text)) return 'L';
  return 'N';
}

const MIRRORS: Readonly<Record<string, string>> = { '(': ')', ')': '(', '[': ']', ']': '[', '{': '}', '}': '{', '<': '>', '>': '<', '«': '»', '»': '«', '‹': '›', '›': '‹' };

/** A neutral shown inside right-to-left text takes its mirror image: `(` shows as `)`. */
export function mirrored(text: string): string {
  return MIRRORS[text] ?? text;
}

/**
 * The pieces of one line in visual order. A right-to-left run starts at a right-to-left piece
 * and ends at the last right-to-left piece or number before the next left-to-right piece;
 * neutrals at its ends belong to the line around it. Each piece keeps its own inner order
 * (a number stays `24`); `inRtl` marks the pieces that were reversed, whose neutrals mirror.
 */
export function visualOrder<T extends { bidi: BidiClass }>(pieces: readonly T[]): Array<{ piece: T; inRtl: boolean }> {
  const out: Array<{ piece: T; inRtl: boolean }> = [];
  let i = 0;
  while (i < pieces.length) {
    if (pieces[i]!.bidi !== 'R') {
      out.push({ piece: pieces[i]!, inRtl: false });
      i++;
      continue;
    }
    let end = i;
    for (let j = i; j < pieces.length && pieces[j]!.bidi !== 'L'; j++) {
      if (pieces[j]!.bidi === 'R' || pieces[j]!.bidi === 'D') end = j;
    }
    for (let k = end; k >= i; k--) out.push({ piece: pieces[k]!, inRtl: true });
    i = end + 1;
  }
  return out;
}
