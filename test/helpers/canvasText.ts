import type { Page } from 'playwright-core';
import type { NoteView } from '../../shared/board/note';
import { MIN_SHAPES_SCALE } from '../../client/canvas/lod';
import { boardToScreen } from './e2e';

/** A piece of text the canvas draws, where a person sees it (page pixels). */
export interface DrawnText {
  /** The text as laid out and drawn: Konva's wrapped lines joined by spaces (an ellipsis shows as drawn). */
  text: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * The Konva text nodes the stage draws and a person can see: visible, not transparent, and at least
 * partly inside the stage's on-screen area. Read through the test build's `window.__discern.stage`.
 */
export function drawnCanvasTexts(page: Page): Promise<DrawnText[]> {
  return page.evaluate(() => {
    const stage = window.__discern?.stage;
    if (!stage) return [];
    const box = stage.container().getBoundingClientRect();
    return stage
      .find('Text')
      .filter((node) => node.isVisible() && node.getAbsoluteOpacity() > 0)
      .flatMap((node) => {
        const rect = node.getClientRect();
        const onStage = rect.x < stage.width() && rect.y < stage.height() && rect.x + rect.width > 0 && rect.y + rect.height > 0;
        if (!onStage) return [];
        // Note text draws the lines its measured layout computed (its `lines` attribute, see
        // client/canvas/NoteShape.tsx); other text nodes draw Konva's `textArr` (wrapped, cut with an
        // ellipsis where it cuts).
        const drawn = node.getAttr('lines') as readonly string[] | undefined;
        const lines = drawn ? drawn.map((text) => ({ text })) : (node as unknown as { textArr?: Array<{ text: string }> }).textArr;
        const text = lines ? lines.map((line) => line.text).join(' ') : (node as unknown as { text(): string }).text();
        return [{ text: text.replace(/\s+/g, ' ').trim(), x: box.left + rect.x, y: box.top + rect.y, width: rect.width, height: rect.height }];
      });
  });
}

/**
 * Zooms with the mouse wheel over a note, as a person leans in to read it, until notes are drawn as
 * shapes with their text (below MIN_SHAPES_SCALE they are painted into bitmap tiles, with no text nodes).
 */
export async function zoomToRead(page: Page, note: NoteView, scale = Math.max(1, MIN_SHAPES_SCALE)): Promise<void> {
  const stageBox = (await page.locator('.board-canvas').boundingBox())!;
  const onStage = (point: { x: number; y: number }) =>
    point.x > stageBox.x && point.x < stageBox.x + stageBox.width && point.y > stageBox.y && point.y < stageBox.y + stageBox.height;
  for (let step = 0; step < 40; step++) {
    const current = await page.evaluate(() => window.__discern!.stage!.scaleX());
    const at = await boardToScreen(page, note.x + note.w / 2, note.y + note.h / 2);
    // A note out of view: first the whole board, as a person would press Fit, then lean in on it.
    if (!onStage(at)) {
      await page.getByTestId('zoom-fit').click();
      continue;
    }
    if (current >= scale) return;
    await page.mouse.move(at.x, at.y);
    await page.mouse.wheel(0, -Math.min(300, Math.log(scale / current) * 400 + 20));
    await page.waitForTimeout(30);
  }
  throw new Error(`could not zoom in to ${scale} to read the note`);
}

/**
 * Waits until the canvas shows `wanted` (whitespace-normalised, as part of one drawn text) inside
 * the stage's visible area and, when `note` is given, inside that note's bounds on screen; zooms in
 * to read the note first when its text is too small to be drawn. Returns what was found.
 */
export async function expectCanvasShowsText(page: Page, wanted: string, options: { note?: NoteView; timeout?: number } = {}): Promise<DrawnText> {
  const expected = wanted.replace(/\s+/g, ' ').trim();
  // The canvas (Konva) loads lazily, after a reload too: wait until it is drawing.
  await page.waitForFunction(() => !!window.__discern?.stage, undefined, { timeout: options.timeout ?? 10_000 });
  if (options.note) await zoomToRead(page, options.note);
  const deadline = Date.now() + (options.timeout ?? 10_000);
  let seen: DrawnText[] = [];
  for (;;) {
    seen = await drawnCanvasTexts(page);
    let bounds: { x0: number; y0: number; x1: number; y1: number } | null = null;
    if (options.note) {
      const { x, y, w, h } = options.note;
      const [a, b] = [await boardToScreen(page, x, y), await boardToScreen(page, x + w, y + h)];
      bounds = { x0: a.x, y0: a.y, x1: b.x, y1: b.y };
    }
    const found = seen.find((drawn) => {
      if (!drawn.text.includes(expected)) return false;
      if (!bounds) return true;
      const cx = drawn.x + drawn.width / 2;
      const cy = drawn.y + drawn.height / 2;
      return cx >= bounds.x0 && cx <= bounds.x1 && cy >= bounds.y0 && cy <= bounds.y1;
    });
    if (found) return found;
    if (Date.now() > deadline) {
      throw new Error(`the canvas does not show "${expected}"${options.note ? ` inside note ${options.note.id}` : ''}; it shows: ${JSON.stringify(seen.map((drawn) => drawn.text))}`);
    }
    await page.waitForTimeout(100);
  }
}

/** The colour (#rrggbb) the canvas shows at a point of the stage, in CSS pixels from its top left. */
export function drawnColourAt(page: Page, x: number, y: number): Promise<string> {
  return page.evaluate(
    ([sx, sy]) => {
      const stage = window.__discern!.stage!;
      const context = stage.toCanvas({ pixelRatio: 1 }).getContext('2d')!;
      const [r, g, b] = context.getImageData(Math.round(sx!), Math.round(sy!), 1, 1).data;
      return `#${[r, g, b].map((c) => c!.toString(16).padStart(2, '0')).join('')}`;
    },
    [x, y],
  );
}

/** The colour the canvas shows at the middle of the stage: what the person looks at. */
export async function drawnColourAtCentre(page: Page): Promise<string> {
  const size = await page.evaluate(() => ({ width: window.__discern!.stage!.width(), height: window.__discern!.stage!.height() }));
  return drawnColourAt(page, size.width / 2, size.height / 2);
}
