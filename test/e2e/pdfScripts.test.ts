import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Download, Page } from 'playwright-core';
import { BoardModel } from '../../shared/board/model';
import { startE2E, type E2E, notesOf } from '../helpers/e2e';
import { synced } from '../helpers/server';
import { waitFor } from '../helpers/waitFor';

// A real browser builds the PDF, loading font slices; poppler reads it back as a person's viewer would.
vi.setConfig({ testTimeout: 90_000 });

const NOTES = [
  { zone: 'who', author: 'فاطمة', text: 'الجيران المسنون' },
  { zone: 'need', author: 'Wei', text: '社区厨房' },
  { zone: 'need', author: '지민', text: '방과후 돌봄' },
  { zone: 'who', author: 'Ольга', text: 'Соседи' },
  { zone: 'there', author: 'Minh', text: 'Lớp học tiếng Anh' },
  { zone: 'there', author: 'Ana', text: '🍲 Soup kitchen' },
] as const;
/** Everything set as real text: what pdftotext must give back. */
const EMBEDDED = ['الجيران المسنون', 'فاطمة', '社区厨房', '방과후 돌봄', '지민', 'Соседи', 'Ольга', 'Lớp học tiếng Anh', 'Soup kitchen', 'Вместе', 'Quiénes somos'];

let e2e: E2E;
beforeAll(async () => {
  for (const tool of ['pdftotext', 'pdftoppm']) {
    if (!existsSync(`/usr/bin/${tool}`)) throw new Error(`${tool} is missing: install Debian's poppler-utils (.ci/run does)`);
  }
  e2e = await startE2E();
});
afterAll(async () => e2e?.close());

async function downloadPdf(page: Page): Promise<Buffer> {
  const [download] = (await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), page.getByTestId('export-pdf').click()])) as [Download, void];
  return readFile(await download.path());
}

/** Text as a reader gets it: presentation forms of Arabic back to letters, no direction marks. */
function readable(text: string): string {
  return text.normalize('NFKC').replace(/[\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '');
}

interface WordBox {
  word: string;
  xMin: number;
  yMin: number;
  xMax: number;
  yMax: number;
}
/** The words of one page with their boxes, in points, from `pdftotext -bbox`. */
function wordsOf(file: string, page: number): WordBox[] {
  const html = execFileSync('pdftotext', ['-f', String(page), '-l', String(page), '-bbox', file, '-'], { encoding: 'utf8' });
  return [...html.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)].map((m) => ({
    xMin: Number(m[1]),
    yMin: Number(m[2]),
    xMax: Number(m[3]),
    yMax: Number(m[4]),
    word: m[5]!,
  }));
}

/** The RGB pixels of a region of a page (points), rendered by pdftoppm at `dpi`. */
function pixelsOf(file: string, page: number, box: { x: number; y: number; w: number; h: number }, dpi = 144): Array<[number, number, number]> {
  const scale = dpi / 72;
  const ppm = execFileSync('pdftoppm', ['-f', String(page), '-l', String(page), '-r', String(dpi), '-x', String(Math.round(box.x * scale)), '-y', String(Math.round(box.y * scale)), '-W', String(Math.round(box.w * scale)), '-H', String(Math.round(box.h * scale)), file]);
  // P6 <w> <h> <max>\n then RGB bytes.
  const header = /^P6\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(ppm.toString('latin1', 0, 40))!;
  const start = header[0].length;
  const pixels: Array<[number, number, number]> = [];
  for (let i = start; i + 2 < ppm.length; i += 3) pixels.push([ppm[i]!, ppm[i + 1]!, ppm[i + 2]!]);
  return pixels;
}

describe('PDF export in every script', () => {
  it('keeps Arabic, Chinese, Korean, Cyrillic, Vietnamese and emoji as written, never ?', async () => {
    const board = await e2e.server.createBoard('Riverside: Вместе');
    // The leader's key: prompts are the leader's to set.
    const outside = e2e.server.connect(board.id, board.keys.lead);
    await synced(outside);
    const model = new BoardModel(outside.doc);
    NOTES.forEach((note, index) => model.addNote({ ...note, x: 60 + 1100 * ['who', 'need', 'there'].indexOf(note.zone), y: 260 + 200 * index }));
    model.setZonePrompt('who', '¿Quiénes somos? – “us”');
    const lead = await e2e.openBoard(await e2e.newContext(), board.links.lead, 'Leader Lee');
    await waitFor(async () => expect(await notesOf(lead)).toHaveLength(NOTES.length));
    outside.destroy();

    await lead.getByTestId('records-open').click();
    const bytes = await downloadPdf(lead);
    await mkdir('test-results', { recursive: true });
    const file = 'test-results/pdf-scripts.pdf';
    await writeFile(file, bytes);
    expect(bytes.toString('latin1', 0, 5)).toBe('%PDF-');

    // Page 2 on: the record as text. Every string set in an embedded font comes back as written.
    const text = readable(execFileSync('pdftotext', ['-f', '2', file, '-'], { encoding: 'utf8' }));
    for (const expected of EMBEDDED) expect(text).toContain(expected);
    expect(text).toContain('¿Quiénes somos? – “us”');
    // The only question marks are the ones people wrote: in the zone titles and the prompt.
    const withoutOwn = text.replace(/Who are we\?|What's the need\?|Who's already there\?|¿Quiénes somos\?/g, '');
    expect(withoutOwn).not.toContain('?');
    expect(text).not.toContain('\ufffd');

    // Right to left: the Arabic note reads right to left on the page, so its first word
    // (الجيران) is to the right of its second (المسنون).
    // (pdftotext -bbox gives each word's letters in the order they sit on the page.)
    const words = wordsOf(file, 2).map((word) => ({ ...word, word: readable(word.word) }));
    const onPage = (word: string) => words.find((box) => box.word === [...word].reverse().join('') || box.word === word);
    const first = onPage('الجيران');
    const second = onPage('المسنون');
    expect(first && second).toBeTruthy();
    expect(first!.xMin).toBeGreaterThan(second!.xMax);
    expect(Math.abs(first!.yMin - second!.yMin)).toBeLessThan(2);

    // The emoji is a picture drawn by the browser just left of "Soup": not blank. (In colour where
    // the browser can draw Noto Color Emoji; Debian's Chromium cannot, and gets the outline font.)
    const soup = words.find((word) => word.word === 'Soup');
    expect(soup).toBeTruthy();
    const height = soup!.yMax - soup!.yMin;
    const region = pixelsOf(file, 2, { x: soup!.xMin - 1.6 * height, y: soup!.yMin - 0.2 * height, w: 1.5 * height, h: 1.4 * height });
    const inked = region.filter(([r, g, b]) => r + g + b < 600);
    expect(inked.length / region.length).toBeGreaterThan(0.05);
    // Just right of the text, the line is empty again: the picture is the emoji's size.
    const after = pixelsOf(file, 2, { x: words.reduce((max, word) => (Math.abs(word.yMin - soup!.yMin) < 2 ? Math.max(max, word.xMax) : max), 0) + 4, y: soup!.yMin, w: 40, h: height });
    expect(after.every(([r, g, b]) => r + g + b > 700)).toBe(true);

    // Fonts are embedded as subsets, so the file stays small.
    expect(bytes.length).toBeLessThan(1_500_000);
  });
});
