import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { textDirection } from '../../client/fonts/direction';
import { ARABIC_FAMILY, CHINESE_FAMILY, EMOJI_FAMILY, HEBREW_FAMILY, KOREAN_FAMILY, NOTE_FONT_FAMILY, SANS_FAMILY, UI_FONT_FAMILY } from '../../client/fonts/families';
import { familiesFor, needsLazyFaces } from '../../client/fonts/scripts';

describe('the fonts a text needs', () => {
  it('asks each family only for the characters it draws', () => {
    const families = familiesFor(['مرحبا بالجيران 你好邻居 안녕하세요 Привет Xin chào 🙏', 'שלום']);
    expect(families.get(ARABIC_FAMILY)).toBe([...new Set('مرحبابالجيران')].join(''));
    expect(families.get(CHINESE_FAMILY)).toBe('你好邻居');
    expect(families.get(KOREAN_FAMILY)).toBe('안녕하세요');
    expect(families.get(HEBREW_FAMILY)).toBe([...new Set('שלום')].join(''));
    expect(families.get(EMOJI_FAMILY)).toBe('🙏');
    expect(families.get(SANS_FAMILY)).toContain('П');
    expect(families.get(SANS_FAMILY)).toContain('à');
    expect(needsLazyFaces(families)).toBe(true);
  });

  it('loads nothing but the Latin font for a Latin board, even with digits, © and ❤ written as text', () => {
    const families = familiesFor(['Soup kitchen, Fridays 5–7 © 2026 ❤', 'Ana']);
    expect([...families.keys()]).toEqual([SANS_FAMILY]);
    expect(needsLazyFaces(families)).toBe(false);
    // ❤ with VS16 is an emoji picture.
    expect(familiesFor(['❤\uFE0F']).get(EMOJI_FAMILY)).toBe('❤');
  });

  it('draws ASCII text in Noto Sans alone, control characters left out', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary-ascii' }), (text) => {
        const families = familiesFor([text]);
        expect([...families.keys()].filter((family) => family !== SANS_FAMILY)).toEqual([]);
        expect(new Set(families.get(SANS_FAMILY) ?? '')).toEqual(new Set([...text].filter((char) => !/\p{Cc}/u.test(char))));
      }),
    );
  });

  it('covers every character of any text exactly once', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (text) => {
        const drawn = [...familiesFor([text]).values()].join('');
        const expected = new Set([...text].filter((char) => !/[\p{Cc}\p{Zl}\p{Zp}\uFE0F]/u.test(char)));
        expect(new Set(drawn)).toEqual(expected);
        expect([...drawn].length).toBe(expected.size);
      }),
    );
  });
});

describe('a note’s direction', () => {
  it('follows its first strong letter', () => {
    expect(textDirection('مرحبا Hello')).toBe('rtl');
    expect(textDirection('Hello مرحبا')).toBe('ltr');
    expect(textDirection('12 – שלום')).toBe('rtl');
    expect(textDirection('🙏 你好')).toBe('ltr');
    expect(textDirection('')).toBe('ltr');
  });
});

describe('the family lists', () => {
  it('are the same in the stylesheet as in the code', () => {
    const css = readFileSync(new URL('../../client/fonts/fonts.css', import.meta.url), 'utf8');
    expect(css).toContain(`--note-font: ${NOTE_FONT_FAMILY};`);
    expect(css).toContain(`--ui-font: ${UI_FONT_FAMILY};`);
  });

  it('name the static faces the stylesheet declares', () => {
    const css = readFileSync(new URL('../../client/fonts/fonts.css', import.meta.url), 'utf8');
    for (const family of [SANS_FAMILY, ARABIC_FAMILY, HEBREW_FAMILY]) expect(css).toContain(`font-family: '${family}';`);
    // Each rule has a unicode-range: without one, the browser would fetch the file for any text.
    expect(css.match(/@font-face/g)?.length).toBe(css.match(/unicode-range:/g)?.length);
  });
});
