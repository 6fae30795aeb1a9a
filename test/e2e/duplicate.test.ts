import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Page } from 'playwright-core';
import { BoardModel, zoneRect } from '../../shared/board';
import { boardToScreen, notesOf, startE2E, type E2E } from '../helpers/e2e';
import { synced } from '../helpers/server';
import { waitFor } from '../helpers/waitFor';

vi.setConfig({ testTimeout: 60_000 });

let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(async () => e2e?.close());

const TEXT = 'Soup run on Fridays';

/** A board with one note in `need`, written by another device; returns the edit link. */
async function boardWithNote(): Promise<string> {
  const board = await e2e.server.createBoard('Duplicates');
  const writer = e2e.server.connect(board.id, board.keys.edit);
  await synced(writer);
  const need = zoneRect('need');
  new BoardModel(writer.doc).addNote({ zone: 'need', author: 'Ada', text: TEXT, color: '#90caf9', x: need.x + 300, y: need.y + 400 });
  // The server has the note once another client sees it; the writer can then go.
  const check = e2e.server.connect(board.id, board.keys.edit);
  await synced(check);
  await waitFor(() => expect(check.doc.getMap('notes').size).toBe(1));
  check.destroy();
  writer.destroy();
  return board.links.edit;
}

/** Zooms with the wheel at the screen centre until the stage shows `scale`, so note text is drawn as text. */
async function zoomTo(page: Page, scale: number): Promise<void> {
  for (let i = 0; i < 80; i++) {
    const current = await page.evaluate(() => window.__discern!.stage!.scaleX());
    if (Math.abs(current - scale) / scale < 0.08) return;
    await page.mouse.move(640, 400);
    await page.mouse.wheel(0, Math.max(-300, Math.min(300, -Math.log(scale / current) * 400)));
    await page.waitForTimeout(20);
  }
  throw new Error(`could not zoom to ${scale}`);
}

/** How many Konva Text nodes on the stage show `text`. */
function drawnCount(page: Page, text: string): Promise<number> {
  return page.evaluate(
    (wanted) =>
      window.__discern!.stage!.find('Text').filter((node) => node.isVisible() && (node as unknown as { text(): string }).text() === wanted).length,
    text,
  );
}

describe('duplicating a note', () => {
  it('copies the selected note with Ctrl+D and the toolbar button, and from the outline note menu and Ctrl+D there', async () => {
    const page = await e2e.openBoard(await e2e.newContext(), await boardWithNote(), 'Lee');
    await page.waitForFunction(() => window.__discern?.stage != null && window.__discern.model.getSnapshot().notes.length === 1);
    const [note] = await notesOf(page);
    await expect(page.getByTestId('duplicate-note').isDisabled()).resolves.toBe(true);

    // Select the note at a zoom where its text is drawn, then Ctrl+D.
    await zoomTo(page, 1);
    const centre = await boardToScreen(page, note!.x + note!.w / 2, note!.y + 20);
    await page.mouse.click(centre.x, centre.y);
    await waitFor(async () => expect(await page.getByTestId('duplicate-note').isDisabled()).toBe(false));
    await page.keyboard.press('Control+d');
    const copies = await waitFor(async () => {
      const notes = await notesOf(page);
      expect(notes).toHaveLength(2);
      return notes;
    });
    const copy = copies.find((other) => other.id !== note!.id)!;
    expect(copy).toMatchObject({ zone: 'need', text: TEXT, color: '#90caf9', w: note!.w, h: note!.h, x: note!.x + 24, y: note!.y + 24 });
    await waitFor(async () => expect(await drawnCount(page, TEXT)).toBe(2));

    // The copy is now the selection; the toolbar button copies it again.
    await page.getByTestId('duplicate-note').click();
    await waitFor(async () => expect(await drawnCount(page, TEXT)).toBe(3));

    // The outline: "More" on a note, then "Duplicate"; the copy is listed and announced.
    await page.getByTestId('view-toggle').click();
    await page.getByTestId('outline-view').waitFor();
    const rows = page.locator('[data-testid=outline-note]');
    await waitFor(async () => expect(await rows.count()).toBe(3));
    await rows.first().getByTestId('outline-more').click();
    await rows.first().getByRole('button', { name: `Duplicate '${TEXT}'` }).click();
    await waitFor(async () => {
      const texts = await page.locator('[data-testid=outline-note] [data-testid=outline-note-text]').allTextContents();
      expect(texts).toEqual([TEXT, TEXT, TEXT, TEXT]);
    });
    await expect(page.getByTestId('outline-status').textContent()).resolves.toBe(`Duplicated '${TEXT}'.`);

    // Focus went to the copy; Ctrl+D there copies the focused note.
    await waitFor(async () => expect(await page.evaluate(() => document.activeElement?.closest('[data-note-id]') !== null)).toBe(true));
    await page.keyboard.press('Control+d');
    await waitFor(async () => expect(await page.locator('[data-testid=outline-note] [data-testid=outline-note-text]').count()).toBe(5));
    expect(await notesOf(page)).toHaveLength(5);
  });
});
