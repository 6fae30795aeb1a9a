import { execFileSync } from 'node:child_process';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Download, Page } from 'playwright-core';
import { BoardModel } from '../../shared/board/model';
import { boardBounds } from '../../client/export/bounds';
import { ARABIC_FAMILY, CHINESE_FAMILY, EMOJI_FAMILY, KOREAN_FAMILY, NOTE_FONT_FAMILY, SANS_FAMILY } from '../../client/fonts/families';
import { boardToScreen, notesOf, startE2E, type E2E } from '../helpers/e2e';
import { compareNoteInk, tofuIn, type InkSource, type TextVariant } from '../helpers/glyphInk';
import { synced } from '../helpers/server';
import { waitFor } from '../helpers/waitFor';

// Fonts download, exports render the whole board: slower than most e2e tests on a busy machine.
vi.setConfig({ testTimeout: 120_000 });

/** One note in every script the issue names. This machine's Chromium has no system font for most. */
const MIXED = 'مرحبا بالجيران 你好邻居 안녕하세요 Привет Xin chào 🙏';
/** A note that starts right to left: its first word is read, and must be drawn, at the right. */
const RTL = 'مرحبا Hello';
const SAMPLES: ReadonlyArray<{ family: string; sample: string }> = [
  { family: ARABIC_FAMILY, sample: 'مرحبا' },
  { family: CHINESE_FAMILY, sample: '你好邻居' },
  { family: KOREAN_FAMILY, sample: '안녕하세요' },
  { family: SANS_FAMILY, sample: 'Привет chào' },
  { family: EMOJI_FAMILY, sample: '🙏' },
];

const stack = (...left: string[]) => NOTE_FONT_FAMILY.split(', ').filter((family) => !left.includes(family.replace(/"/g, ''))).join(', ');
/** The note drawn as it should be, and drawn with one script's font missing (boxes, or nothing for emoji). */
const VARIANTS: readonly TextVariant[] = [
  { name: 'reference', fontFamily: NOTE_FONT_FAMILY },
  { name: 'no Arabic font', fontFamily: stack(ARABIC_FAMILY) },
  { name: 'no Chinese font', fontFamily: stack(CHINESE_FAMILY, KOREAN_FAMILY) },
  { name: 'no Korean font', fontFamily: stack(KOREAN_FAMILY) },
  { name: 'no emoji font', fontFamily: stack(EMOJI_FAMILY) },
];

/** A note that starts left to right, for contrast. */
const LTR = 'Привет, соседи';
/** Added while the canvas shows notes as shapes, before its font was ever needed. */
const HEBREW = 'שלום לשכנים 12';

let e2e: E2E;
let page: Page;
let outside: ReturnType<E2E['server']['connect']>;
let boardLink: string;
let model: BoardModel;
beforeAll(async () => {
  e2e = await startE2E();
  const board = await e2e.server.createBoard('Every script');
  outside = e2e.server.connect(board.id, board.keys.edit);
  await synced(outside);
  model = new BoardModel(outside.doc);
  boardLink = board.links.edit;
  model.addNote({ zone: 'who', author: 'فاطمة', text: MIXED, x: 80, y: 260, w: 440, h: 260 });
  model.addNote({ zone: 'who', author: 'Ana', text: RTL, x: 80, y: 560, w: 440, h: 160 });
  model.addNote({ zone: 'who', author: 'Olga', text: LTR, x: 80, y: 760 });
  page = await e2e.openBoard(await e2e.newContext(), board.links.edit, 'Ana');
  await waitFor(async () => expect(await notesOf(page)).toHaveLength(3));
});
afterAll(async () => {
  outside?.destroy();
  await e2e?.close();
});

/** Zooms with the wheel at the screen centre, as a person would, until the stage shows `scale`. */
async function zoomTo(scale: number, on: Page = page): Promise<void> {
  for (let i = 0; i < 80; i++) {
    const current = await on.evaluate(() => window.__discern!.stage!.scaleX());
    if (Math.abs(current - scale) / scale < 0.08) return;
    await on.mouse.move(640, 400);
    await on.mouse.wheel(0, Math.max(-300, Math.min(300, -Math.log(scale / current) * 400)));
    await on.waitForTimeout(20);
  }
  throw new Error(`could not zoom to ${scale}`);
}

/** Pans (middle button) until the board point is at the screen centre. */
async function centreOn(x: number, y: number, on: Page = page): Promise<void> {
  for (let i = 0; i < 20; i++) {
    const at = await boardToScreen(on, x, y);
    const dx = Math.max(-500, Math.min(500, 640 - at.x));
    const dy = Math.max(-300, Math.min(300, 400 - at.y));
    if (Math.abs(dx) < 2 && Math.abs(dy) < 2) return;
    await on.mouse.move(640 - dx / 2, 400 - dy / 2);
    await on.mouse.down({ button: 'middle' });
    await on.mouse.move(640 + dx / 2, 400 + dy / 2, { steps: 4 });
    await on.mouse.up({ button: 'middle' });
  }
}

/**
 * The stage's ink in a note's text box, cut into `count` equal columns around the ink (one line of
 * full-width characters), and for each pair of columns the share of their ink that differs: near 0
 * when they are the same box.
 */
function glyphCells(note: { x: number; y: number; w: number; h: number }, count: number): Promise<number[][]> {
  return page.evaluate(
    ({ note, count }) => {
      const stage = window.__discern!.stage!;
      const scale = stage.scaleX();
      const at = stage.getAbsoluteTransform().point({ x: note.x + 12, y: note.y + 12 });
      const w = Math.round((note.w - 24) * scale);
      const h = Math.round((note.h - 38) * scale);
      const image = stage.toCanvas({ pixelRatio: 1 }).getContext('2d')!.getImageData(Math.round(at.x), Math.round(at.y), w, h);
      const [r0, g0, b0] = image.data;
      const ink = (x: number, y: number) => {
        const i = 4 * (y * w + x);
        return Math.abs(image.data[i]! - r0!) + Math.abs(image.data[i + 1]! - g0!) + Math.abs(image.data[i + 2]! - b0!) > 150;
      };
      let left = w;
      let right = -1;
      let top = h;
      let bottom = -1;
      for (let y = 0; y < h; y++) {
        for (let x = 0; x < w; x++) {
          if (!ink(x, y)) continue;
          [left, right, top, bottom] = [Math.min(left, x), Math.max(right, x), Math.min(top, y), Math.max(bottom, y)];
        }
      }
      if (right < 0) return [];
      const cell = (right - left + 1) / count;
      const masks = Array.from({ length: count }, (_, c) => {
        const mask: boolean[] = [];
        for (let y = top; y <= bottom; y++) for (let dx = 0; dx < Math.floor(cell); dx++) mask.push(ink(Math.min(w - 1, Math.round(left + c * cell) + dx), y));
        return mask;
      });
      return masks.map((a) =>
        masks.map((b) => {
          let differ = 0;
          let inked = 0;
          a.forEach((value, i) => {
            if (value || b[i]) inked++;
            if (value !== b[i]) differ++;
          });
          return inked === 0 ? 0 : differ / inked;
        }),
      );
    },
    { note, count },
  );
}

/** The columns the stage inks in a note's text box, and the box's width, in screen pixels. */
function inkSpan(note: { x: number; y: number; w: number; h: number }): Promise<{ left: number; right: number; width: number }> {
  return page.evaluate((note) => {
    const stage = window.__discern!.stage!;
    const scale = stage.scaleX();
    const at = stage.getAbsoluteTransform().point({ x: note.x + 12, y: note.y + 12 });
    const w = Math.round((note.w - 24) * scale);
    const h = Math.round((note.h - 38) * scale);
    const data = stage.toCanvas({ pixelRatio: 1 }).getContext('2d')!.getImageData(Math.round(at.x), Math.round(at.y), w, h).data;
    let left = w;
    let right = -1;
    for (let i = 0; i < data.length; i += 4) {
      if (Math.abs(data[i]! - data[0]!) + Math.abs(data[i + 1]! - data[1]!) + Math.abs(data[i + 2]! - data[2]!) <= 150) continue;
      left = Math.min(left, (i / 4) % w);
      right = Math.max(right, (i / 4) % w);
    }
    return { left, right, width: w };
  }, note);
}

async function download(testId: string, on: Page = page): Promise<Buffer> {
  const [file] = (await Promise.all([on.waitForEvent('download', { timeout: 90_000 }), on.getByTestId(testId).click()])) as [Download, void];
  return readFile(await file.path());
}

/** The drawn mixed note matches its reference and none of the drawings with a font missing. */
async function expectEveryScript(source: InkSource, on: Page = page): Promise<void> {
  const result = await compareNoteInk(on, MIXED, source, VARIANTS);
  console.log(`[note scripts] ${source.kind}: ${JSON.stringify(result.match)} ${JSON.stringify(result.local)}`);
  expect(result.ink).toBeGreaterThan(200);
  expect(result.match.reference).toBeGreaterThan(0.85);
  // Where each script's glyphs are, the drawing is the webfont's, not the boxes (or blank) of a missing font.
  for (const variant of VARIANTS.slice(1)) {
    const { first, this: without } = result.local[variant.name]!;
    expect(first, variant.name).toBeGreaterThan(0.8);
    expect(without, variant.name).toBeLessThan(first - 0.2);
  }
}

/** The right-to-left note's first word is drawn at the right end of its text box. */
async function expectRightToLeft(source: InkSource): Promise<void> {
  const whole = await compareNoteInk(page, RTL, source, [{ name: 'reference', fontFamily: NOTE_FONT_FAMILY }]);
  expect(whole.match.reference).toBeGreaterThan(0.85);
  // Right-aligned: the ink ends at the box's right edge, and leaves room on the left.
  expect(whole.inkRight).toBeGreaterThan(whole.width * 0.9);
  expect(whole.inkLeft).toBeGreaterThan(whole.width * 0.2);
  // The right third of the box holds the first word (مرحبا) alone, as drawn on its own; the
  // left-to-right order would put "Hello" there.
  const words: TextVariant[] = [
    { name: 'first word', text: 'مرحبا', fontFamily: NOTE_FONT_FAMILY, align: 'right', direction: 'rtl' },
    { name: 'second word', text: 'Hello', fontFamily: NOTE_FONT_FAMILY, align: 'right', direction: 'ltr' },
  ];
  const [from, to] = whole.variantInk.reference!;
  const alone = await compareNoteInk(page, RTL, source, words);
  const [left, right] = alone.variantInk['first word']!;
  expect(right).toBeGreaterThan(to - 3);
  const columns = await compareNoteInk(page, RTL, source, words, [(left - 2) / whole.width, 1]);
  console.log(`[note scripts] right to left, ${source.kind}: ink ${from}-${to}, first word ${left}-${right}: ${JSON.stringify(columns.match)}`);
  expect(columns.match['first word']).toBeGreaterThan(0.85);
  expect(columns.match['second word']).toBeLessThan(columns.match['first word']! - 0.3);
}

describe('what Latin-only pages fetch', () => {
  it('a Latin-only board fetches the Latin slice of Noto Sans and no other font', async () => {
    const board = await e2e.server.createBoard('Soup kitchen');
    const writer = e2e.server.connect(board.id, board.keys.edit);
    await synced(writer);
    new BoardModel(writer.doc).addNote({ zone: 'need', author: 'Ana', text: 'Soup kitchen on Fridays, 5–7 pm' });
    const latin = await e2e.openBoard(await e2e.newContext(), board.links.edit, 'Ana');
    writer.destroy();
    await waitFor(async () => expect(await latin.evaluate(() => document.fonts.check('16px "Noto Sans"', 'Soup kitchen'))).toBe(true));
    await waitFor(async () => {
      const fonts = await latin.evaluate(() => performance.getEntriesByType('resource').map((entry) => new URL(entry.name).pathname).filter((path) => /\.woff2?$/.test(path)));
      expect(fonts).toHaveLength(1);
      expect(fonts[0]).toMatch(/\/assets\/noto-sans-latin-400-normal-[\w-]+\.woff2$/);
    });
    // Nor is the code that registers the Chinese, Korean and emoji fonts loaded.
    const scripts = await latin.evaluate(() => performance.getEntriesByType('resource').map((entry) => new URL(entry.name).pathname));
    expect(scripts.filter((path) => path.includes('lazyFaces'))).toEqual([]);
    await latin.close();
  });

  it('the home page fetches no font at all', async () => {
    const home = await (await e2e.newContext()).newPage();
    await home.goto(e2e.server.httpUrl);
    await home.getByRole('heading', { level: 1 }).waitFor();
    await home.evaluate(() => document.fonts.ready);
    const fonts = await home.evaluate(() => performance.getEntriesByType('resource').map((entry) => entry.name).filter((name) => /\.woff2?$/.test(name)));
    expect(fonts).toEqual([]);
    await home.close();
  });
});

describe('notes in every script', () => {
  it('loads a webfont for each script on the board and draws real glyphs, not boxes', async () => {
    await waitFor(
      async () => {
        for (const { family, sample } of SAMPLES) {
          // (check() is also true for a family with no faces at all, hence the glyphs' own test.)
          expect(await page.evaluate(({ family, sample }) => document.fonts.check(`16px "${family}"`, sample), { family, sample }), family).toBe(true);
          expect(await tofuIn(page, sample, NOTE_FONT_FAMILY), family).toEqual([]);
        }
      },
      { timeout: 30_000, interval: 200 },
    );
    // A Latin-only board's Hebrew font is never fetched: slices load only for the text a board has.
    const fetched = await page.evaluate(() => performance.getEntriesByType('resource').map((entry) => new URL(entry.name).pathname).filter((path) => /\.woff2?$/.test(path)));
    expect(fetched.some((path) => path.includes('noto-sans-hebrew'))).toBe(false);
    expect(fetched.some((path) => path.includes('noto-sans-sc-'))).toBe(true);
  });

  it('shows the note on the canvas in those glyphs, repainted once the fonts arrived', async () => {
    await zoomTo(1);
    await centreOn(300, 390);
    await waitFor(() => expectEveryScript({ kind: 'stage' }), { timeout: 20_000, interval: 250 });
  });

  it('draws a right-to-left note from the right, first word rightmost', async () => {
    await centreOn(300, 640);
    await waitFor(() => expectRightToLeft({ kind: 'stage' }), { timeout: 20_000, interval: 250 });
  });

  it('repaints a note whose font arrives after it was first drawn', async () => {
    model.addNote({ zone: 'who', author: 'Noa', text: HEBREW, x: 560, y: 260, w: 300, h: 160 });
    await waitFor(async () => expect((await notesOf(page)).map((shown) => shown.text)).toContain(HEBREW));
    await centreOn(710, 340);
    await waitFor(
      async () => {
        const result = await compareNoteInk(page, HEBREW, { kind: 'stage' }, [{ name: 'reference', fontFamily: NOTE_FONT_FAMILY }]);
        expect(result.match.reference).toBeGreaterThan(0.85);
        // Right to left, so aligned right.
        expect(result.inkRight).toBeGreaterThan(result.width * 0.9);
      },
      { timeout: 20_000, interval: 250 },
    );
  });

  it('repaints the bitmap tiles of a zoomed-out board once a font arrives', async () => {
    await zoomTo(0.45);
    // Four Han characters from slices of Noto Sans SC no note used so far: until they arrive the
    // tiles show four identical boxes; then four different glyphs.
    const note = { x: 560, y: 460, w: 300, h: 160 };
    model.addNote({ zone: 'who', author: 'Wei', text: '春夏秋冬', ...note });
    await waitFor(async () => expect((await notesOf(page)).map((shown) => shown.text)).toContain('春夏秋冬'));
    await centreOn(note.x + note.w / 2, note.y + note.h / 2);
    expect(await page.evaluate(() => window.__discern!.stage!.findOne('.note-tiles') !== undefined)).toBe(true);
    await waitFor(
      async () => {
        const cells = await glyphCells(note, 4);
        for (let i = 0; i < cells.length; i++) {
          for (let j = i + 1; j < cells.length; j++) expect(cells[i]![j]!, `glyphs ${i} and ${j}`).toBeGreaterThan(0.2);
        }
      },
      { timeout: 20_000, interval: 250 },
    );
    // The tiles draw the right-to-left note from the right too.
    const rtl = { x: 80, y: 560, w: 440, h: 160 };
    await centreOn(rtl.x + rtl.w / 2, rtl.y + rtl.h / 2);
    const span = await inkSpan(rtl);
    expect(span.right).toBeGreaterThan(span.width * 0.9);
    expect(span.left).toBeGreaterThan(span.width * 0.2);
  });

  it('exports a PNG of the board with the same glyphs', async () => {
    // The references are drawn by the live note shapes: the notes must be shapes, not tiles.
    await zoomTo(1);
    await centreOn(300, 450);
    await page.getByTestId('records-open').click();
    const png = await download('export-png');
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    const area = boardBounds(await notesOf(page));
    const source: InkSource = { kind: 'image', base64: png.toString('base64'), area };
    await expectEveryScript(source);
    await expectRightToLeft(source);
  });

  it("puts the same glyphs in the PDF's board picture", async () => {
    const pdf = await download('export-pdf');
    const dir = 'test-results/note-scripts';
    await rm(dir, { recursive: true, force: true });
    await mkdir(dir, { recursive: true });
    await writeFile(`${dir}/board.pdf`, pdf);
    // Page 1's picture as embedded (a JPEG), at full resolution.
    execFileSync('pdfimages', ['-f', '1', '-l', '1', '-j', `${dir}/board.pdf`, `${dir}/page1`]);
    const [image] = (await readdir(dir)).filter((name) => name.startsWith('page1'));
    expect(image).toBeTruthy();
    const area = boardBounds(await notesOf(page));
    const source: InkSource = { kind: 'image', base64: (await readFile(`${dir}/${image}`)).toString('base64'), area };
    await expectEveryScript(source);
  });
});

describe('the outline', () => {
  it('shows each note in its own direction, in the note fonts', async () => {
    await page.getByTestId('view-toggle').click();
    const text = (value: string) => page.getByTestId('outline-note-text').filter({ hasText: value });
    await text(RTL).waitFor();
    const look = (value: string) =>
      text(value).evaluate((element) => {
        const box = element.getBoundingClientRect();
        const range = document.createRange();
        range.selectNodeContents(element);
        const ink = range.getBoundingClientRect();
        return { rtl: element.matches(':dir(rtl)'), font: getComputedStyle(element).fontFamily, gapLeft: ink.left - box.left, gapRight: box.right - ink.right };
      });
    const rtl = await look(RTL);
    expect(rtl.rtl).toBe(true);
    // Aligned right: the words end at the right edge and leave the room on the left.
    expect(rtl.gapRight).toBeLessThan(2);
    expect(rtl.gapLeft).toBeGreaterThan(20);
    expect(rtl.font).toBe(NOTE_FONT_FAMILY);
    const ltr = await look(LTR);
    expect(ltr.rtl).toBe(false);
    expect(ltr.gapLeft).toBeLessThan(2);
    await page.getByTestId('view-toggle').click();
  });
});

describe('an export started before the fonts arrived', () => {
  it('waits for them, then draws the glyphs', async () => {
    const context = await e2e.newContext();
    // Every font file is held back until the export has been asked for.
    const held: Array<() => Promise<void>> = [];
    let holding = true;
    await context.route(/\.woff2$/, (route) => (holding ? void held.push(() => route.continue()) : route.continue()));
    const late = await e2e.openBoard(context, boardLink, 'Late');
    await zoomTo(1, late);
    await centreOn(300, 390, late);
    await late.getByTestId('records-open').click();
    const png = download('export-png', late);
    await waitFor(() => expect(held.length).toBeGreaterThan(0), { timeout: 10_000 });
    await late.waitForTimeout(500);
    holding = false;
    await Promise.all(held.map((release) => release()));
    const bytes = await png;
    const area = boardBounds(await notesOf(late));
    await expectEveryScript({ kind: 'image', base64: bytes.toString('base64'), area }, late);
    await late.close();
  });
});
