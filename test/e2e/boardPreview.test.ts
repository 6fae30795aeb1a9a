import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Page, Route } from 'playwright-core';
import { BoardModel, zoneRect, type NoteView } from '../../shared/board';
import { fitBoard } from '../../client/canvas/viewport';
import { notesOf, startE2E, type E2E } from '../helpers/e2e';
import { synced } from '../helpers/server';
import { waitFor } from '../helpers/waitFor';

vi.setConfig({ testTimeout: 60_000 });

let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(async () => e2e?.close());

const COLOR = '#ce93d8';

/** How the preview canvas drew a note: pixels of its fill, and dark (text) pixels, inside its rectangle on screen. */
function inkInNote(page: Page, note: NoteView, viewport: { x: number; y: number; scale: number }): Promise<{ fill: number; dark: number }> {
  return page.evaluate(
    ({ note, color, viewport }) => {
      const canvas = document.querySelector<HTMLCanvasElement>('[data-testid=board-preview]')!;
      const box = canvas.getBoundingClientRect();
      const ratio = canvas.width / box.width;
      const { x, y, scale } = viewport;
      const left = Math.round((x + note.x * scale) * ratio);
      const top = Math.round((y + note.y * scale) * ratio);
      const width = Math.round(note.w * scale * ratio);
      const height = Math.round(note.h * scale * ratio);
      const pixels = canvas.getContext('2d')!.getImageData(left, top, width, height).data;
      const wanted = [1, 3, 5].map((at) => parseInt(color.slice(at, at + 2), 16));
      let fill = 0;
      let dark = 0;
      for (let i = 0; i < pixels.length; i += 4) {
        const [r, g, b] = [pixels[i]!, pixels[i + 1]!, pixels[i + 2]!];
        if (Math.abs(r - wanted[0]!) < 4 && Math.abs(g - wanted[1]!) < 4 && Math.abs(b - wanted[2]!) < 4) fill++;
        if (r + g + b < 200) dark++;
      }
      return { fill, dark };
    },
    { note, color: COLOR, viewport },
  );
}

describe('the board is painted before the canvas’s code arrives', () => {
  it('shows the notes on a wide screen while Konva is still downloading, then hands over to the canvas', async () => {
    const board = await e2e.server.createBoard('Preview');
    const writer = e2e.server.connect(board.id, board.keys.edit);
    await synced(writer);
    const model = new BoardModel(writer.doc);
    const zone = zoneRect('need');
    model.addNote({ zone: 'need', author: 'Ada', text: 'Meals for shut-ins', color: COLOR, x: zone.x + 60, y: zone.y + 300, w: 400, h: 260 });
    writer.destroy();

    const context = await e2e.newContext();
    // The canvas's chunk is held back, as a slow link would, until the preview has been looked at.
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    let canvasRequested = false;
    await context.route(/\/assets\/BoardCanvas-[^/]*\.js$/, async (route: Route) => {
      canvasRequested = true;
      await held;
      await route.continue();
    });
    const page = await context.newPage();
    await page.addInitScript(() => localStorage.setItem('discern:name', 'Ben'));
    await page.goto(`${e2e.server.httpUrl}${board.links.edit}`);
    await page.getByTestId('connection-status').and(page.locator('[data-status="live"]')).waitFor();
    await page.locator('[data-testid=board-preview][data-notes="1"]').waitFor();
    const box = (await page.getByTestId('board-preview').boundingBox())!;
    // The board is fitted to the screen on opening, as the canvas does.
    const fit = fitBoard({ width: box.width, height: box.height });
    const [note] = await notesOf(page);
    const ink = await inkInNote(page, note!, fit);
    // The note's colour fills most of its rectangle, and its words are drawn in dark ink over it.
    const area = note!.w * note!.h * fit.scale * fit.scale;
    expect(ink.fill).toBeGreaterThan(area * 0.5);
    expect(ink.dark).toBeGreaterThan(20);
    expect(await page.evaluate(() => !!window.__discern?.stage)).toBe(false);
    expect(await page.getByText('Loading the board…').count()).toBe(1);
    // Once the notes show, the canvas's code is asked for.
    await waitFor(() => expect(canvasRequested).toBe(true));

    release();
    await page.getByTestId('canvas-loading').waitFor({ state: 'detached' });
    expect(await page.evaluate(() => !!window.__discern?.stage)).toBe(true);
    await expect(page.getByTestId('board-preview').count()).resolves.toBe(0);
    await context.close();
  });
});
