import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Page } from 'playwright-core';
import { BoardModel, zoneRect, type NoteView } from '../../shared/board';
import { boardToScreen, notesOf, startE2E, type E2E } from '../helpers/e2e';
import { synced } from '../helpers/server';
import { waitFor } from '../helpers/waitFor';

vi.setConfig({ testTimeout: 60_000 });

let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(async () => e2e?.close());

const COLOR = '#90caf9';

/** A board with a grid of notes in the `need` zone, written by a stock client. */
async function boardWithNotes(count: number): Promise<{ link: string; close(): void }> {
  const board = await e2e.server.createBoard('Level of detail');
  const writer = e2e.server.connect(board.id, board.keys.edit);
  await synced(writer);
  const model = new BoardModel(writer.doc);
  const zone = zoneRect('need');
  writer.doc.transact(() => {
    for (let i = 0; i < count; i++) {
      model.addNote({ zone: 'need', author: 'Ada', text: `Soup kitchen ${i} on Fridays`, color: COLOR, x: zone.x + 40 + (i % 4) * 240, y: zone.y + 400 + Math.floor(i / 4) * 200 });
    }
  });
  return { link: board.links.edit, close: () => writer.destroy() };
}

/** Zooms with the wheel at the screen centre, as a person would, until the stage shows `scale`. */
async function zoomTo(page: Page, scale: number): Promise<number> {
  for (let i = 0; i < 80; i++) {
    const current = await page.evaluate(() => window.__discern!.stage!.scaleX());
    if (Math.abs(current - scale) / scale < 0.08) return current;
    await page.mouse.move(640, 400);
    await page.mouse.wheel(0, Math.max(-300, Math.min(300, -Math.log(scale / current) * 400)));
    await page.waitForTimeout(20);
  }
  throw new Error(`could not zoom to ${scale}`);
}

/** Brings a note to the screen centre at the current zoom, by middle-button pans within the screen. */
async function centre(page: Page, note: NoteView): Promise<void> {
  for (let i = 0; i < 20; i++) {
    const at = await boardToScreen(page, note.x + note.w / 2, note.y + note.h / 2);
    const dx = Math.max(-500, Math.min(500, 640 - at.x));
    const dy = Math.max(-300, Math.min(300, 400 - at.y));
    if (Math.abs(dx) < 2 && Math.abs(dy) < 2) return;
    await page.mouse.move(640 - dx / 2, 400 - dy / 2);
    await page.mouse.down({ button: 'middle' });
    await page.mouse.move(640 + dx / 2, 400 + dy / 2, { steps: 4 });
    await page.mouse.up({ button: 'middle' });
  }
}

/** The colour (#rrggbb) the stage draws at a board point. */
function colourAt(page: Page, x: number, y: number): Promise<string> {
  return page.evaluate(
    ([bx, by]) => {
      const stage = window.__discern!.stage!;
      const context = stage.toCanvas({ pixelRatio: 1 }).getContext('2d')!;
      const point = stage.getAbsoluteTransform().point({ x: bx!, y: by! });
      const [r, g, b] = context.getImageData(Math.round(point.x), Math.round(point.y), 1, 1).data;
      return `#${[r, g, b].map((c) => c!.toString(16).padStart(2, '0')).join('')}`;
    },
    [x, y],
  );
}

/** Whether a drawn colour is the notes' colour, allowing for grey text bars and smoothing. */
function isNoteColour(hex: string): boolean {
  const channels = (value: string) => [1, 3, 5].map((i) => Number.parseInt(value.slice(i, i + 2), 16));
  const [a, b] = [channels(hex), channels(COLOR)];
  return a.every((c, i) => Math.abs(c - b[i]!) <= 24);
}

/** Texts of the Konva Text nodes the stage draws. */
function drawnTexts(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    window.__discern!.stage!.find('Text').filter((node) => node.isVisible()).map((node) => (node as unknown as { text(): string }).text()),
  );
}

describe('canvas level of detail', () => {
  it('draws every note at a small zoom, its text at zoom 1, and moves a note dragged at zoom 0.4', async () => {
    const seeded = await boardWithNotes(40);
    const page = await e2e.openBoard(await e2e.newContext(), seeded.link, 'Lod');
    try {
      await page.waitForFunction(() => window.__discern!.model.getSnapshot().notes.length === 40);
      const notes = await notesOf(page);
      const first = notes[0]!;
      const last = notes[notes.length - 1]!;

      // Small zoom: notes are tiles or flat colour, but each is there, in its own colour.
      await zoomTo(page, 0.08);
      await centre(page, last);
      await waitFor(async () => {
        expect(isNoteColour(await colourAt(page, first.x + first.w / 2, first.y + first.h / 2))).toBe(true);
        expect(isNoteColour(await colourAt(page, last.x + last.w / 2, last.y + last.h / 2))).toBe(true);
      });

      // Zoom 1: the note text is drawn as text, whole (not cut, no replacement glyphs).
      await zoomTo(page, 1);
      await centre(page, first);
      await waitFor(async () => expect(await drawnTexts(page)).toContain(first.text));
      const texts = new Set(notes.map((note) => note.text));
      expect((await drawnTexts(page)).filter((text) => text.startsWith('Soup') && !texts.has(text))).toEqual([]);

      // Zoom 0.4: a drag moves the note in the model and on screen.
      const scale = await zoomTo(page, 0.4);
      const target = notes[5]!;
      await centre(page, target);
      const clearSpot = { x: target.x + target.w / 2, y: target.y - 20 };
      expect(isNoteColour(await colourAt(page, clearSpot.x, clearSpot.y))).toBe(false);
      const from = await boardToScreen(page, target.x + target.w / 2, target.y + target.h / 2);
      await page.mouse.move(from.x, from.y);
      await page.mouse.down();
      await page.mouse.move(from.x + 20, from.y + 40, { steps: 4 });
      await page.mouse.move(from.x + 30, from.y + 90, { steps: 4 });
      await page.mouse.up();
      const moved = await waitFor(async () => {
        const note = (await notesOf(page)).find((n) => n.id === target.id)!;
        expect(note.y - target.y).toBeCloseTo(90 / scale, -1);
        return note;
      });
      // Its pixels moved with it: the new place shows the note, and so does the old one no longer,
      // where nothing else lies (the grid leaves a gap of 40 between rows).
      await waitFor(async () => {
        expect(isNoteColour(await colourAt(page, moved.x + moved.w / 2, moved.y + moved.h - 12))).toBe(true);
        expect(isNoteColour(await colourAt(page, target.x + 12, target.y + 12))).toBe(false);
      });
    } finally {
      seeded.close();
    }
  });
});
