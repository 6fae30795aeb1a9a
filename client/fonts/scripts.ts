import { ARABIC_FAMILY, CHINESE_FAMILY, EMOJI_FAMILY, HEBREW_FAMILY, KOREAN_FAMILY, SANS_FAMILY } from './families';

/** The families some text needs, each with the characters of the text it draws (no repeats). */
export type FamilyChars = Map<string, string>;

const ARABIC = /\p{Script=Arabic}/u;
const HEBREW = /\p{Script=Hebrew}/u;
const HANGUL = /\p{Script=Hangul}/u;
// Han, kana (the Chinese font has them), CJK punctuation and full-width forms.
const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\u3000-\u303f\uff00-\uffef]/u;
// Emoji shown as pictures: not ©, ® or digits, which are emoji only with a VS16 after them.
const EMOJI = /\p{Emoji_Presentation}|\p{Extended_Pictographic}(?=\uFE0F)|\p{Regional_Indicator}/u;
const CONTROL = /[\p{Cc}\p{Zl}\p{Zp}]/u;
/** Text in ASCII only: no emoji (they need a code point above it) and nothing but Noto Sans to draw. */
const ASCII = /^[\x00-\x7f]*$/;

/** Which family draws `char` (one code point), as NOTE_FONT_FAMILY would pick it. */
export function familyOf(char: string): string {
  if (ARABIC.test(char)) return ARABIC_FAMILY;
  if (HEBREW.test(char)) return HEBREW_FAMILY;
  if (HANGUL.test(char)) return KOREAN_FAMILY;
  if (CJK.test(char)) return CHINESE_FAMILY;
  return SANS_FAMILY;
}

/**
 * The families `texts` need and the characters each draws: what `document.fonts.load` is asked
 * for, one family at a time, so a note in Chinese loads the Chinese slices it uses and not the
 * Korean font's Han slices, and a digit never loads an emoji slice.
 */
export function familiesFor(texts: Iterable<string>): FamilyChars {
  const chars = new Map<string, Set<string>>();
  const add = (family: string, char: string) => {
    let set = chars.get(family);
    if (!set) chars.set(family, (set = new Set()));
    set.add(char);
  };
  for (const text of texts) {
    if (ASCII.test(text)) {
      // Most notes on most boards: every printable character is Noto Sans's, no property tests needed
      // (a 2,000-note board's first render read every character through six Unicode regexes).
      for (const char of text) if (char >= ' ' && char !== '\x7f') add(SANS_FAMILY, char);
      continue;
    }
    const codePoints = [...text];
    codePoints.forEach((char, i) => {
      if (CONTROL.test(char) || char === '\uFE0F') return;
      // Emoji: the code point and a VS16 after it, which is what makes ❤ a picture.
      const emoji = EMOJI.test(codePoints[i + 1] === '\uFE0F' ? char + '\uFE0F' : char);
      add(emoji ? EMOJI_FAMILY : familyOf(char), char);
    });
  }
  return new Map([...chars].map(([family, set]) => [family, [...set].join('')]));
}

/** Whether `text` has a character outside what the stylesheet's fonts cover at once (CJK, Hangul, emoji). */
export function needsLazyFaces(families: FamilyChars): boolean {
  return families.has(CHINESE_FAMILY) || families.has(KOREAN_FAMILY) || families.has(EMOJI_FAMILY);
}
