import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Page } from 'playwright-core';
import { BoardModel, type NoteView } from '../../shared/board';
import { boardToScreen, notesOf, startE2E, type E2E } from '../helpers/e2e';
import { synced } from '../helpers/server';
import { waitFor } from '../helpers/waitFor';

vi.setConfig({ testTimeout: 90_000 });

let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(async () => e2e?.close());

const LONG = Array.from({ length: 30 }, (_, i) => `Families on Mill Street asked for help ${i}.`).join(' ');

interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** One drawn note text, as the Konva stage holds it, with its box in board coordinates. */
interface DrawnText {
  noteId: string;
  text: string;
  lines: string[];
  overflow: boolean;
  fontSize: number;
  box: Box;
  /** Each drawn line's width, measured in the page with the font the node is drawn in. */
  lineWidths: number[];
  lineHeight: number;
}

function drawnNoteTexts(page: Page): Promise<DrawnText[]> {
  return page.evaluate(() => {
    const stage = window.__discern!.stage!;
    const context = document.createElement('canvas').getContext('2d')!;
    return stage.find('.note-text').map((node) => {
      const text = node as unknown as { text(): string; fontSize(): number; fontFamily(): string; lineHeight(): number; width(): number };
      const rect = node.getClientRect({ relativeTo: stage, skipStroke: true });
      context.font = `normal normal ${text.fontSize()}px ${text.fontFamily()}`;
      const lines = node.getAttr('lines') as string[];
      return {
        noteId: node.getAttr('noteId') as string,
        text: text.text(),
        lines,
        overflow: node.getAttr('overflow') as boolean,
        fontSize: text.fontSize(),
        box: { x: rect.x, y: rect.y, w: text.width(), h: rect.height },
        lineWidths: lines.map((line) => context.measureText(line).width),
        lineHeight: text.fontSize() * text.lineHeight(),
      };
    });
  });
}

/** Boxes (board coordinates) of the Konva nodes named `name` that are drawn. */
function boxesOf(page: Page, name: string): Promise<Array<Box & { id: string }>> {
  return page.evaluate((selector) => {
    const stage = window.__discern!.stage!;
    return stage
      .find(selector)
      .filter((node) => node.isVisible())
      .map((node) => {
        const rect = node.getClientRect({ relativeTo: stage, skipStroke: true });
        return { id: (node.getAttr('noteId') ?? node.getAttr('linkId')) as string, x: rect.x, y: rect.y, w: rect.width, h: rect.height };
      });
  }, `.${name}`);
}

function inside(inner: Box, outer: Box): boolean {
  const e = 0.5;
  return inner.x >= outer.x - e && inner.y >= outer.y - e && inner.x + inner.w <= outer.x + outer.w + e && inner.y + inner.h <= outer.y + outer.h + e;
}

function overlaps(a: Box, b: Box): boolean {
  return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

/** Zooms with the wheel at the screen centre, as a person would, until the stage shows `scale`. */
async function zoomTo(page: Page, scale: number): Promise<void> {
  for (let i = 0; i < 80; i++) {
    const current = await page.evaluate(() => window.__discern!.stage!.scaleX());
    if (Math.abs(current - scale) / scale < 0.05) return;
    await page.mouse.move(640, 400);
    await page.mouse.wheel(0, Math.max(-300, Math.min(300, -Math.log(scale / current) * 400)));
    await page.waitForTimeout(20);
  }
  throw new Error(`could not zoom to ${scale}`);
}

/** Brings a board point to the screen centre by middle-button pans. */
async function centreOn(page: Page, x: number, y: number): Promise<void> {
  for (let i = 0; i < 20; i++) {
    const at = await boardToScreen(page, x, y);
    const dx = Math.max(-500, Math.min(500, 640 - at.x));
    const dy = Math.max(-300, Math.min(300, 420 - at.y));
    if (Math.abs(dx) < 2 && Math.abs(dy) < 2) return;
    await page.mouse.move(640 - dx / 2, 420 - dy / 2);
    await page.mouse.down({ button: 'middle' });
    await page.mouse.move(640 + dx / 2, 420 + dy / 2, { steps: 4 });
    await page.mouse.up({ button: 'middle' });
  }
}

async function seedBoard() {
  const board = await e2e.server.createBoard('Riverside');
  const writer = e2e.server.connect(board.id, board.keys.edit);
  await synced(writer);
  const model = new BoardModel(writer.doc);
  const ids = {
    mosque: model.addNote({ zone: 'there', author: 'Ana', text: 'Mosque ESL classes', x: 2120, y: 300 }),
    grace: model.addNote({ zone: 'there', author: 'Ben', text: 'Grace Church nursery volunteers', x: 2380, y: 300 }),
    food: model.addNote({ zone: 'there', author: 'Cy', text: 'Food bank', x: 2640, y: 300 }),
    long: model.addNote({ zone: 'need', author: 'Dee', text: LONG, x: 1100, y: 300 }),
    care: model.addNote({ zone: 'need', author: 'Eve', text: 'After-school care', x: 1100, y: 700 }),
    // Sits on the middle of the care → mosque connector: the label must find room elsewhere.
    blocker: model.addNote({ zone: 'need', author: 'Fay', text: 'Lonely elders', x: 1600, y: 460 }),
  };
  model.addLink(ids.care, ids.mosque);
  await new Promise((resolve) => setTimeout(resolve, 300));
  writer.destroy();
  return { board, ids };
}

describe('notes never lose words', () => {
  it('draws whole text inside the note, one size per zone, "+ more" with the full text a click or key away, and link labels off the notes', async () => {
    const { board, ids } = await seedBoard();
    const page = await e2e.openBoard(await e2e.newContext(), board.links.edit, 'Ana');
    await page.waitForFunction(() => window.__discern!.model.getSnapshot().notes.length === 6);
    const notes = await notesOf(page);
    const byId = new Map(notes.map((note) => [note.id, note]));
    const rectOf = (id: string): Box => byId.get(id)!;

    // The notes of the issue, at zoom 1: every word drawn, every line inside the note.
    await zoomTo(page, 1);
    await centreOn(page, 2500, 380);
    const texts = await waitFor(async () => {
      const drawn = await drawnNoteTexts(page);
      expect(drawn.map((d) => d.noteId)).toEqual(expect.arrayContaining([ids.mosque, ids.grace, ids.food]));
      return drawn;
    });
    for (const id of [ids.mosque, ids.grace]) {
      const drawn = texts.find((d) => d.noteId === id)!;
      const note = byId.get(id)!;
      expect(drawn.text).toBe(note.text);
      expect(drawn.overflow).toBe(false);
      expect(drawn.lines.join(' ')).toBe(note.text);
      expect(inside(drawn.box, rectOf(id))).toBe(true);
      for (const width of drawn.lineWidths) expect(width).toBeLessThanOrEqual(drawn.box.w);
      expect(drawn.lines.length * drawn.lineHeight).toBeLessThanOrEqual(drawn.box.h + 0.5);
    }
    const visibleTexts = await page.evaluate(() =>
      window.__discern!.stage!.find('Text').filter((node) => node.isVisible()).map((node) => (node as unknown as { text(): string }).text()),
    );
    expect(visibleTexts.filter((text) => text.includes('…'))).toEqual([]);
    // One size for the whole zone.
    const thereSizes = new Set(texts.filter((d) => byId.get(d.noteId)?.zone === 'there').map((d) => d.fontSize));
    expect(thereSizes.size).toBe(1);

    // The long note: "+ more" on the note, and a click on it opens the whole text in the editor.
    await centreOn(page, 1210, 380);
    const marker = await waitFor(async () => {
      const found = (await boxesOf(page, 'note-more')).find((box) => box.id === ids.long);
      expect(found).toBeTruthy();
      return found!;
    });
    expect(inside(marker, rectOf(ids.long))).toBe(true);
    const longText = (await drawnNoteTexts(page)).find((d) => d.noteId === ids.long)!;
    expect(longText.overflow).toBe(true);
    expect(longText.lines.length).toBeGreaterThan(0);
    expect(LONG.startsWith(longText.lines.join(' '))).toBe(true);
    const needSizes = new Set((await drawnNoteTexts(page)).filter((d) => byId.get(d.noteId)?.zone === 'need').map((d) => d.fontSize));
    expect(needSizes.size).toBe(1);
    const at = await boardToScreen(page, marker.x + marker.w / 2, marker.y + marker.h / 2);
    await page.mouse.click(at.x, at.y);
    const editor = page.getByTestId('note-editor');
    await editor.waitFor();
    expect(await editor.inputValue()).toBe(LONG);
    await page.keyboard.press('Escape');
    await editor.waitFor({ state: 'detached' });

    // Link: the line is under the notes, and its label covers no note.
    await centreOn(page, 1700, 560);
    await zoomTo(page, 0.8);
    const labels = await waitFor(async () => {
      const found = await boxesOf(page, 'link-label');
      expect(found.length).toBe(1);
      return found;
    });
    for (const label of labels) for (const note of notes) expect(overlaps(label, note), `label over ${note.text}`).toBe(false);
    const layers = await page.evaluate(() => {
      const stage = window.__discern!.stage!;
      return { link: stage.findOne('.link')!.getLayer()!.index, note: stage.findOne('.note-text')!.getLayer()!.index };
    });
    expect(layers.link).toBeLessThan(layers.note);
  });

  it('shows a viewer the whole text of a long note on "+ more" and on Enter', async () => {
    const { board, ids } = await seedBoard();
    const page = await e2e.openBoard(await e2e.newContext(), board.links.view, 'Viewer');
    await page.waitForFunction(() => window.__discern!.model.getSnapshot().notes.length === 6);
    const long = (await notesOf(page)).find((note: NoteView) => note.id === ids.long)!;
    await zoomTo(page, 1);
    await centreOn(page, long.x + long.w / 2, long.y + long.h / 2);
    const marker = await waitFor(async () => {
      const found = (await boxesOf(page, 'note-more')).find((box) => box.id === ids.long);
      expect(found).toBeTruthy();
      return found!;
    });
    const at = await boardToScreen(page, marker.x + marker.w / 2, marker.y + marker.h / 2);
    await page.mouse.click(at.x, at.y);
    const body = page.getByTestId('note-full-text-body');
    await body.waitFor();
    expect(await body.textContent()).toBe(LONG);
    expect(await page.getByRole('dialog', { name: 'Full note text' }).isVisible()).toBe(true);
    await page.keyboard.press('Escape');
    await body.waitFor({ state: 'detached' });

    // Select the note with a click on its text, then Enter.
    const middle = await boardToScreen(page, long.x + 40, long.y + 30);
    await page.mouse.click(middle.x, middle.y);
    await page.keyboard.press('Enter');
    await body.waitFor();
    expect(await body.textContent()).toBe(LONG);
  });

  it('lets an editor mark a note large: its text grows past its zone\'s size, the zone keeps its size', async () => {
    const { board, ids } = await seedBoard();
    const page = await e2e.openBoard(await e2e.newContext(), board.links.edit, 'Ana');
    await page.waitForFunction(() => window.__discern!.model.getSnapshot().notes.length === 6);
    const food = (await notesOf(page)).find((note) => note.id === ids.food)!;
    await zoomTo(page, 1);
    await centreOn(page, 2500, 380);
    const before = await waitFor(async () => {
      const drawn = await drawnNoteTexts(page);
      expect(drawn.some((d) => d.noteId === ids.food)).toBe(true);
      return drawn;
    });
    const zoneSize = before.find((d) => d.noteId === ids.mosque)!.fontSize;
    expect(before.find((d) => d.noteId === ids.food)!.fontSize).toBe(zoneSize);
    const at = await boardToScreen(page, food.x + food.w / 2, food.y + food.h / 2);
    await page.mouse.click(at.x, at.y);
    const toggle = page.getByTestId('large-text');
    await toggle.click();
    await waitFor(async () => expect(await toggle.getAttribute('aria-pressed')).toBe('true'));
    const after = await waitFor(async () => {
      const drawn = await drawnNoteTexts(page);
      expect(drawn.find((d) => d.noteId === ids.food)!.fontSize).toBeGreaterThan(zoneSize);
      return drawn;
    });
    const large = after.find((d) => d.noteId === ids.food)!;
    expect(large.lines.join(' ')).toBe('Food bank');
    for (const width of large.lineWidths) expect(width).toBeLessThanOrEqual(large.box.w);
    expect(inside(large.box, food)).toBe(true);
    expect(after.find((d) => d.noteId === ids.mosque)!.fontSize).toBe(zoneSize);
  });

  it('names a link whose label has no room off the notes in a tooltip on hover', async () => {
    const board = await e2e.server.createBoard('Crowded');
    const writer = e2e.server.connect(board.id, board.keys.edit);
    await synced(writer);
    const model = new BoardModel(writer.doc);
    // 40 board pixels between the notes: no label fits beside the line without covering one.
    const need = model.addNote({ zone: 'need', author: 'Ana', text: 'Rides to the clinic', x: 1820, y: 400 });
    const there = model.addNote({ zone: 'there', author: 'Ben', text: 'Volunteer drivers', x: 2080, y: 400 });
    model.addLink(need, there);
    await new Promise((resolve) => setTimeout(resolve, 300));
    writer.destroy();
    const page = await e2e.openBoard(await e2e.newContext(), board.links.edit, 'Ana');
    await page.waitForFunction(() => window.__discern!.model.getSnapshot().links.length === 1);
    await zoomTo(page, 1);
    await centreOn(page, 2060, 480);
    await waitFor(async () => expect(await page.evaluate(() => window.__discern!.stage!.find('.link').length)).toBe(1));
    expect(await boxesOf(page, 'link-label')).toEqual([]);
    const gap = await boardToScreen(page, 2060, 480);
    await page.mouse.move(gap.x - 5, gap.y);
    await page.mouse.move(gap.x, gap.y);
    const tip = page.getByTestId('link-tip');
    await tip.waitFor();
    expect(await tip.textContent()).toBe('served by');
    expect(await page.getByRole('tooltip').count()).toBe(1);
  });
});
