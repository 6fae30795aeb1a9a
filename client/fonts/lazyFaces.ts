import colourEmojiRanges from '@fontsource/noto-color-emoji/unicode.json';
import monoEmojiRanges from '@fontsource/noto-emoji/unicode.json';
import koreanRanges from '@fontsource/noto-sans-kr/unicode.json';
import chineseRanges from '@fontsource/noto-sans-sc/unicode.json';
import { CHINESE_FAMILY, EMOJI_FAMILY, KOREAN_FAMILY } from './families';

/*
 * The faces of Noto Sans SC, Noto Sans KR and the emoji fonts: a hundred or more slices each, whose
 * @font-face rules would weigh more than the rest of the stylesheet, so this module (and the
 * unicode-range tables it carries) loads only for a board whose text needs one of them. The faces
 * are registered, not loaded: as with CSS rules, a slice is fetched when text uses its characters.
 * The globs name exactly the files that can be fetched; the build emits those and nothing else.
 */
type Urls = Record<string, string>;
const CHINESE_FILES: Urls = import.meta.glob<string>('../../node_modules/@fontsource/noto-sans-sc/files/noto-sans-sc-[0-9]*-400-normal.woff2', { query: '?url', import: 'default', eager: true });
const KOREAN_FILES: Urls = import.meta.glob<string>('../../node_modules/@fontsource/noto-sans-kr/files/noto-sans-kr-[0-9]*-400-normal.woff2', { query: '?url', import: 'default', eager: true });
const COLOUR_EMOJI_FILES: Urls = import.meta.glob<string>('../../node_modules/@fontsource/noto-color-emoji/files/noto-color-emoji-[0-9]*-400-normal.woff2', { query: '?url', import: 'default', eager: true });
const MONO_EMOJI_FILES: Urls = import.meta.glob<string>('../../node_modules/@fontsource/noto-emoji/files/noto-emoji-[0-9]*-400-normal.woff2', { query: '?url', import: 'default', eager: true });

/** Fontsource's numbered slices (`[12]`) of one family as font faces named `family`. */
function facesOf(family: string, prefix: string, ranges: Readonly<Record<string, string>>, files: Urls): FontFace[] {
  const faces: FontFace[] = [];
  for (const [subset, unicodeRange] of Object.entries(ranges)) {
    const numbered = /^\[(\d+)\]$/.exec(subset);
    const url = numbered && files[`../../node_modules/@fontsource/${prefix}/files/${prefix}-${numbered[1]}-400-normal.woff2`];
    if (url) faces.push(new FontFace(family, `url("${url}") format("woff2")`, { unicodeRange, weight: '400', style: 'normal', display: 'swap' }));
  }
  return faces;
}

let cjk = false;
/** Registers the Chinese and Korean faces, once. */
export function registerCjkFaces(): void {
  if (cjk) return;
  cjk = true;
  for (const face of [...facesOf(CHINESE_FAMILY, 'noto-sans-sc', chineseRanges, CHINESE_FILES), ...facesOf(KOREAN_FAMILY, 'noto-sans-kr', koreanRanges, KOREAN_FILES)]) document.fonts.add(face);
}

/** Whether the browser draws any ink for `text` in `family` (loaded): a COLRv1 font it cannot read draws none. */
function drawsInk(text: string, family: string): boolean {
  const canvas = document.createElement('canvas');
  canvas.width = canvas.height = 48;
  const context = canvas.getContext('2d', { willReadFrequently: true });
  if (!context) return false;
  context.font = `32px "${family}"`;
  context.fillText(text, 4, 36);
  return context.getImageData(0, 0, 48, 48).data.some((value, index) => index % 4 === 3 && value > 0);
}

const PROBE_FAMILY = 'Discern Emoji Probe';
/** The smallest slice of Noto Color Emoji (20 kB; the flags' slice is 1.2 MB), and its first emoji. */
const PROBE_SLICE = '[10]';
let emoji: Promise<void> | null = null;
/**
 * Registers the emoji faces, once: Noto Color Emoji where the browser draws it, else Noto Emoji.
 * Color Emoji is COLRv1, which a browser on an older FreeType (Debian 12's Chromium) accepts,
 * reports as supported (even to `font-tech(color-COLRv1)`), and draws as nothing; the only test is
 * to draw one, from the smallest slice.
 */
export function registerEmojiFaces(): Promise<void> {
  emoji ??= (async () => {
    const range = colourEmojiRanges[PROBE_SLICE] ?? '';
    const sample = String.fromCodePoint(Number.parseInt(/^U\+([0-9a-f]+)/i.exec(range)?.[1] ?? '1f600', 16));
    const probes = facesOf(PROBE_FAMILY, 'noto-color-emoji', { [PROBE_SLICE]: range }, COLOUR_EMOJI_FILES);
    probes.forEach((face) => document.fonts.add(face));
    let colour = false;
    try {
      await document.fonts.load(`32px "${PROBE_FAMILY}"`, sample);
      colour = drawsInk(sample, PROBE_FAMILY);
    } catch {
      // A slice that cannot be fetched: the outline font is the smaller one to try next.
    }
    probes.forEach((face) => document.fonts.delete(face));
    const faces = colour
      ? facesOf(EMOJI_FAMILY, 'noto-color-emoji', colourEmojiRanges, COLOUR_EMOJI_FILES)
      : facesOf(EMOJI_FAMILY, 'noto-emoji', monoEmojiRanges, MONO_EMOJI_FILES);
    faces.forEach((face) => document.fonts.add(face));
  })();
  return emoji;
}
