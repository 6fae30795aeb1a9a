import type { jsPDF } from 'jspdf';
import arabicRanges from '@fontsource/noto-sans-arabic/unicode.json';
import emojiRanges from '@fontsource/noto-color-emoji/unicode.json';
import monoEmojiRanges from '@fontsource/noto-emoji/unicode.json';
import hebrewRanges from '@fontsource/noto-sans-hebrew/unicode.json';
import koreanRanges from '@fontsource/noto-sans-kr/unicode.json';
import sansRanges from '@fontsource/noto-sans/unicode.json';
import chineseRanges from '@fontsource/noto-sans-sc/unicode.json';
import { woffToSfnt } from './woff';

/*
 * The fonts a record's PDF can embed, as the WOFF slices Fontsource publishes on npm: each file
 * covers one range of characters (Noto Sans SC is a hundred slices of a few hundred characters),
 * so a record loads only the slices holding the characters it uses — a Chinese note costs a few
 * 50 kB files, not a 10 MB font. The globs name exactly the files that can be loaded, so the
 * build emits those and no other weights or styles; nothing is fetched until a PDF needs it.
 */
type Urls = Record<string, () => Promise<string>>;
const SANS_FILES: Urls = import.meta.glob<string>('../../node_modules/@fontsource/noto-sans/files/noto-sans-{latin,latin-ext,cyrillic,cyrillic-ext,greek,greek-ext,vietnamese}-{400,700}-normal.woff', { query: '?url', import: 'default' });
const ARABIC_FILES: Urls = import.meta.glob<string>('../../node_modules/@fontsource/noto-sans-arabic/files/noto-sans-arabic-arabic-400-normal.woff', { query: '?url', import: 'default' });
const HEBREW_FILES: Urls = import.meta.glob<string>('../../node_modules/@fontsource/noto-sans-hebrew/files/noto-sans-hebrew-hebrew-400-normal.woff', { query: '?url', import: 'default' });
const CHINESE_FILES: Urls = import.meta.glob<string>('../../node_modules/@fontsource/noto-sans-sc/files/noto-sans-sc-[0-9]*-400-normal.woff', { query: '?url', import: 'default' });
const KOREAN_FILES: Urls = import.meta.glob<string>('../../node_modules/@fontsource/noto-sans-kr/files/noto-sans-kr-[0-9]*-400-normal.woff', { query: '?url', import: 'default' });
const MONO_EMOJI_FILES: Urls = import.meta.glob<string>('../../node_modules/@fontsource/noto-emoji/files/noto-emoji-[0-9]*-400-normal.woff2', { query: '?url', import: 'default' });
const EMOJI_FILES: Urls = import.meta.glob<string>('../../node_modules/@fontsource/noto-color-emoji/files/noto-color-emoji-[0-9]*-400-normal.woff2', { query: '?url', import: 'default' });

interface Family {
  /** Font-name prefix in the PDF and the CSS family on a canvas. */
  key: string;
  css: string;
  /** Fontsource's file-name prefix and its subset → unicode-range table. */
  prefix: string;
  ranges: Readonly<Record<string, string>>;
  subsets: readonly string[] | 'numbered';
  files: Urls;
  weights: readonly Weight[];
  /**
   * Colour emoji: drawn by the browser onto a canvas, since jsPDF cannot embed colour glyphs;
   * the browser reads WOFF2, which is half the size of WOFF for these.
   */
  canvasOnly: boolean;
}
type Weight = 400 | 700;

/** In order of preference when two families cover a character (Han is in both SC and KR). */
const FAMILIES: readonly Family[] = [
  { key: 'NotoSans', css: 'Discern PDF Sans', prefix: 'noto-sans', ranges: sansRanges, subsets: ['latin', 'latin-ext', 'cyrillic', 'cyrillic-ext', 'greek', 'greek-ext', 'vietnamese'], files: SANS_FILES, weights: [400, 700], canvasOnly: false },
  { key: 'NotoSansArabic', css: 'Discern PDF Arabic', prefix: 'noto-sans-arabic', ranges: arabicRanges, subsets: ['arabic'], files: ARABIC_FILES, weights: [400], canvasOnly: false },
  { key: 'NotoSansHebrew', css: 'Discern PDF Hebrew', prefix: 'noto-sans-hebrew', ranges: hebrewRanges, subsets: ['hebrew'], files: HEBREW_FILES, weights: [400], canvasOnly: false },
  { key: 'NotoSansSC', css: 'Discern PDF SC', prefix: 'noto-sans-sc', ranges: chineseRanges, subsets: 'numbered', files: CHINESE_FILES, weights: [400], canvasOnly: false },
  { key: 'NotoSansKR', css: 'Discern PDF KR', prefix: 'noto-sans-kr', ranges: koreanRanges, subsets: 'numbered', files: KOREAN_FILES, weights: [400], canvasOnly: false },
  { key: 'NotoColorEmoji', css: 'Discern PDF Emoji', prefix: 'noto-color-emoji', ranges: emojiRanges, subsets: 'numbered', files: EMOJI_FILES, weights: [400], canvasOnly: true },
  // Noto Color Emoji is COLRv1, which a browser on an older FreeType (Debian 12's Chromium) draws
  // as nothing; the outline emoji font then stands in, in black and white.
  { key: 'NotoEmoji', css: 'Discern PDF Emoji Mono', prefix: 'noto-emoji', ranges: monoEmojiRanges, subsets: 'numbered', files: MONO_EMOJI_FILES, weights: [400], canvasOnly: true },
];
type EmojiFont = 'NotoColorEmoji' | 'NotoEmoji';

/** One loadable file: a family's slice at one weight. */
export interface FontSlice {
  id: string;
  family: Family;
  weight: Weight;
  unicodeRange: string;
  ranges: ReadonlyArray<readonly [number, number]>;
  url: () => Promise<string>;
}

/** `U+0600-06FF,U+200C` → [[0x600, 0x6ff], [0x200c, 0x200c]]. */
export function parseUnicodeRange(text: string): Array<[number, number]> {
  return text.split(',').map((part) => {
    const [from, to] = part.trim().replace(/^U\+/i, '').split('-');
    const lo = Number.parseInt(from ?? '', 16);
    return [lo, to === undefined ? lo : Number.parseInt(to, 16)];
  });
}

function slicesOf(family: Family): FontSlice[] {
  const slices: FontSlice[] = [];
  for (const [subset, unicodeRange] of Object.entries(family.ranges)) {
    const numbered = /^\[(\d+)\]$/.exec(subset);
    if (family.subsets === 'numbered' ? !numbered : !family.subsets.includes(subset)) continue;
    const part = numbered ? numbered[1] : subset;
    for (const weight of family.weights) {
      const file = `../../node_modules/@fontsource/${family.prefix}/files/${family.prefix}-${part}-${weight}-normal.${family.canvasOnly ? 'woff2' : 'woff'}`;
      const url = family.files[file];
      if (!url) continue;
      slices.push({ id: `${family.key}-${part}-${weight}`, family, weight, unicodeRange, ranges: parseUnicodeRange(unicodeRange), url });
    }
  }
  return slices;
}

let catalogue: FontSlice[] | null = null;
/** Every slice that can be loaded, in order of preference. */
export function fontSlices(): readonly FontSlice[] {
  catalogue ??= FAMILIES.flatMap(slicesOf);
  return catalogue;
}

const HANGUL = /[\u1100-\u11ff\u3130-\u318f\ua960-\ua97f\uac00-\ud7ff]/;
/** Families in order of preference for a character: Hangul is the Korean font's first (SC has some too). */
function byPreference<T>(items: readonly T[], char: string, sliceOf: (item: T) => FontSlice): readonly T[] {
  if (!HANGUL.test(char)) return items;
  const isKorean = (item: T) => sliceOf(item).family.key === 'NotoSansKR';
  return [...items.filter(isKorean), ...items.filter((item) => !isKorean(item))];
}

const covers = (slice: FontSlice, cp: number) => slice.ranges.some(([lo, hi]) => cp >= lo && cp <= hi);
const EMOJI = /\p{Extended_Pictographic}|\p{Regional_Indicator}|[\u{1F3FB}-\u{1F3FF}\u{E0020}-\u{E007F}\u20E3]/u;

/**
 * The slices to load for these texts: for each character the first slice that declares it, at
 * 400 and, for text set in bold, at 700 where the family has it. Emoji go to the emoji font
 * only, whatever else declares them (Noto Sans SC lists a few hundred).
 */
export function slicesFor(texts: ReadonlyArray<{ text: string; bold: boolean }>, emojiFont: EmojiFont = 'NotoColorEmoji'): FontSlice[] {
  const wanted = new Set<FontSlice>();
  const all = fontSlices();
  for (const { text, bold } of texts) {
    for (const char of new Set(text)) {
      const cp = char.codePointAt(0)!;
      if (cp < 0x20) continue;
      const emoji = EMOJI.test(char);
      const candidates = byPreference(all, char, (slice) => slice).filter((slice) => (emoji ? slice.family.key === emojiFont : !slice.family.canvasOnly) && covers(slice, cp));
      const family = candidates[0]?.family;
      for (const slice of candidates) {
        if (slice.family !== family) continue;
        if (slice.weight === 400 || (bold && slice.weight === 700)) wanted.add(slice);
      }
    }
  }
  return all.filter((slice) => wanted.has(slice));
}

/** What a PDF can draw with once its fonts are loaded. */
export interface FontBook {
  /** The PDF font that has a glyph for this character, bold if asked and there is one; else null. */
  pdfFontFor(cp: number, bold: boolean): string | null;
  /** Whether the PDF font `font` has a glyph for this character. */
  hasGlyph(font: string, cp: number): boolean;
  /** A CSS font-family list that draws the loaded slices on a canvas, then the system's fonts. */
  readonly canvasFamilies: string;
}

interface LoadedSlice {
  slice: FontSlice;
  /** Unicode → glyph index, from jsPDF's reading of the font's cmap. */
  glyphs: Readonly<Record<number, number>> | null;
}

/** jsPDF takes a font file as a "binary string": one char per byte. */
function binaryString(bytes: Uint8Array): string {
  let text = '';
  for (let i = 0; i < bytes.length; i += 0x8000) text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return text;
}

async function loadSlice(pdf: jsPDF, slice: FontSlice): Promise<LoadedSlice> {
  const response = await fetch(await slice.url());
  if (!response.ok) throw new Error(`font ${slice.id} could not be loaded (${response.status})`);
  const woff = await response.arrayBuffer();
  if (typeof FontFace !== 'undefined' && typeof document !== 'undefined') {
    // The same file lets the browser draw what the PDF library cannot (see textImage.ts).
    const face = new FontFace(slice.family.css, woff.slice(0), { unicodeRange: slice.unicodeRange, weight: String(slice.weight) });
    document.fonts.add(await face.load());
  }
  if (slice.family.canvasOnly) return { slice, glyphs: null };
  pdf.addFileToVFS(`${slice.id}.ttf`, binaryString(await woffToSfnt(woff)));
  pdf.addFont(`${slice.id}.ttf`, slice.id, 'normal');
  const previous = pdf.getFont();
  pdf.setFont(slice.id, 'normal');
  // jsPDF keeps the parsed font on `metadata`, typed any: its cmap is what it will encode with.
  const glyphs = (pdf.getFont().metadata as { cmap: { unicode: { codeMap: Record<number, number> } } }).cmap.unicode.codeMap;
  pdf.setFont(previous.fontName, previous.fontStyle);
  return { slice, glyphs };
}

/** Whether the browser draws anything for `text` in `family` (a colour font it cannot read draws nothing). */
function drawsInk(text: string, family: string): boolean {
  const canvas = document.createElement('canvas');
  canvas.width = canvas.height = 48;
  const context = canvas.getContext('2d');
  if (!context) return false;
  context.font = `32px "${family}"`;
  context.fillText(text, 4, 36);
  return context.getImageData(0, 0, 48, 48).data.some((value, index) => index % 4 === 3 && value > 0);
}

/** Loads the slices these texts need into `pdf` (and into the page's fonts, for canvases). */
export async function loadFontBook(pdf: jsPDF, texts: ReadonlyArray<{ text: string; bold: boolean }>): Promise<FontBook> {
  let loaded = await Promise.all(slicesFor(texts).map((slice) => loadSlice(pdf, slice)));
  const colour = loaded.find((entry) => entry.slice.family.key === 'NotoColorEmoji');
  const emoji = texts.map(({ text }) => [...text].find((char) => EMOJI.test(char))).find(Boolean);
  if (colour && emoji && typeof document !== 'undefined' && !drawsInk(emoji, colour.slice.family.css)) {
    const mono = slicesFor(texts, 'NotoEmoji').filter((slice) => slice.family.key === 'NotoEmoji');
    loaded = [...loaded.filter((entry) => entry.slice.family.key !== 'NotoColorEmoji'), ...(await Promise.all(mono.map((slice) => loadSlice(pdf, slice))))];
  }
  const embedded = loaded.filter((entry) => entry.glyphs);
  const byId = new Map(embedded.map((entry) => [entry.slice.id, entry]));
  const families = [...new Set(loaded.map((entry) => entry.slice.family.css))];
  return {
    pdfFontFor(cp, bold) {
      // The first family with the glyph, in its bold weight when asked and loaded.
      const family = byPreference(embedded, String.fromCodePoint(cp), (entry) => entry.slice).find((entry) => entry.glyphs![cp])?.slice.family;
      const inFamily = embedded.filter((entry) => entry.slice.family === family && entry.glyphs![cp]);
      return ((bold && inFamily.find((entry) => entry.slice.weight === 700)) || inFamily[0])?.slice.id ?? null;
    },
    hasGlyph: (font, cp) => Boolean(byId.get(font)?.glyphs?.[cp]),
    canvasFamilies: [...families.map((family) => `"${family}"`), 'sans-serif'].join(', '),
  };
}
