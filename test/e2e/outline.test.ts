import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Page } from 'playwright-core';
import { expectCanvasShowsText } from '../helpers/canvasText';
import { startE2E, type E2E, notesOf } from '../helpers/e2e';
import { voterIdFor } from '../../shared/protocol/voter';
import { waitFor } from '../helpers/waitFor';
import { synced } from '../helpers/server';
import { BoardModel } from '../../shared/board/model';

vi.setConfig({ testTimeout: 60_000 });

const AXE_PATH = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(async () => e2e?.close());

/** What has keyboard focus: its test id and, for controls inside a note, that note's id. */
function focused(page: Page): Promise<{ testId: string | null; noteId: string | null }> {
  return page.evaluate(() => {
    const element = document.activeElement;
    return {
      testId: element?.getAttribute('data-testid') ?? null,
      noteId: element?.closest('[data-note-id]')?.getAttribute('data-note-id') ?? null,
    };
  });
}

/** Presses Tab (or Shift+Tab) until the control with this test id has focus, as a keyboard user would. */
async function tabTo(page: Page, testId: string, options: { back?: boolean; noteId?: string } = {}): Promise<void> {
  for (let presses = 0; presses < 80; presses++) {
    const now = await focused(page);
    if (now.testId === testId && (options.noteId === undefined || now.noteId === options.noteId)) return;
    await page.keyboard.press(options.back ? 'Shift+Tab' : 'Tab');
  }
  throw new Error(`could not reach ${testId} with the keyboard`);
}

async function showOutline(page: Page): Promise<void> {
  if ((await page.getByTestId('outline-view').count()) === 0) await page.getByTestId('view-toggle').click();
  await page.getByTestId('outline-view').waitFor();
}

function outlineNote(page: Page, id: string) {
  return page.locator(`[data-testid=outline-note][data-note-id="${id}"]`);
}

describe('the outline view', () => {
  it('adds, edits, moves, deletes and undoes a note by keyboard alone, live for another person on the canvas', async () => {
    const board = await e2e.server.createBoard('Keyboard meeting');
    const ana = await e2e.openBoard(await e2e.newContext(), board.links.edit, 'Ana');
    const ben = await e2e.openBoard(await e2e.newContext(), board.links.edit, 'Ben');
    await ben.waitForFunction(() => window.__discern?.stage != null);

    await tabTo(ana, 'view-toggle');
    await ana.keyboard.press('Enter');
    await ana.getByTestId('outline-view').waitFor();

    await tabTo(ana, 'outline-add-input-need');
    await ana.keyboard.type('Lonely elders');
    await ana.keyboard.press('Enter');
    const [added] = await waitFor(async () => {
      const notes = await notesOf(ben);
      expect(notes.map((note) => [note.zone, note.text, note.author])).toEqual([['need', 'Lonely elders', 'Ana']]);
      return notes;
    });
    const id = added!.id;
    await expect(ana.getByTestId('outline-add-input-need').inputValue()).resolves.toBe('');

    // The zone's form heads the zone, so its notes follow it.
    await tabTo(ana, 'outline-edit', { noteId: id });
    await ana.keyboard.press('Enter');
    await ana.keyboard.press('End');
    await ana.keyboard.type(' on the estate');
    await ana.keyboard.press('Enter');
    await waitFor(async () => expect((await notesOf(ben))[0]?.text).toBe('Lonely elders on the estate'));
    await expect(outlineNote(ana, id).getByTestId('outline-note-text').textContent()).resolves.toBe('Lonely elders on the estate');

    // Moving and deleting sit behind the note's "More" disclosure, closed until opened.
    await tabTo(ana, 'outline-more', { noteId: id });
    await expect(outlineNote(ana, id).getByTestId('outline-move').isVisible()).resolves.toBe(false);
    await ana.keyboard.press('Enter');
    await expect(outlineNote(ana, id).getByTestId('outline-more').getAttribute('aria-expanded')).resolves.toBe('true');
    await tabTo(ana, 'outline-move', { noteId: id });
    await ana.keyboard.press('ArrowDown');
    await waitFor(async () => expect((await notesOf(ben))[0]?.zone).toBe('there'));
    await ana.getByTestId('outline-zone-there').locator(`[data-note-id="${id}"]`).waitFor();
    // Focus follows the note into its new zone.
    expect(await focused(ana)).toEqual({ testId: 'outline-move', noteId: id });

    await tabTo(ana, 'outline-delete', { noteId: id });
    await ana.keyboard.press('Enter');
    await waitFor(async () => expect(await notesOf(ben)).toEqual([]));
    await expect(ana.getByTestId('outline-status').textContent()).resolves.toMatch(/Deleted/);

    await ana.keyboard.press('Control+z');
    await waitFor(async () => expect((await notesOf(ben)).map((note) => [note.id, note.zone])).toEqual([[id, 'there']]));
    // What Ben sees: the restored note's words on his canvas, inside the note.
    await expectCanvasShowsText(ben, 'Lonely elders on the estate', { note: (await notesOf(ben))[0]! });
  });

  it('has no axe-core violations with notes, links and a revealed vote', async () => {
    const board = await e2e.server.createBoard('Accessible meeting');
    const lee = await e2e.openBoard(await e2e.newContext(), board.links.lead, 'Leader Lee');
    // The page votes under the id its own secret stands for; any other id would be refused.
    const voter = voterIdFor((await lee.evaluate(() => localStorage.getItem('discern:voter-secret')))!);
    await lee.evaluate((voter) => {
      const model = window.__discern!.model;
      const need = model.addNote({ zone: 'need', author: 'Lee', text: 'Lonely elders' });
      const there = model.addNote({ zone: 'there', author: 'Sam', addedBy: 'Lee', text: 'Lunch club at St Mary’s' });
      const who = model.addNote({ zone: 'who', author: 'Lee', text: 'We can drive' });
      model.addNote({ zone: 'who', author: 'Lee', text: '' });
      model.addLink(need, there, undefined, 'Lee');
      model.addLink(who, need, undefined, 'Lee');
      model.startVote(3);
      model.castVote(need, voter);
      model.revealVotes();
    }, voter);
    await showOutline(lee);
    await lee.getByTestId('outline-sort-votes').waitFor();
    // Evaluated rather than added as a script tag: the app's Content-Security-Policy blocks inline scripts.
    await lee.evaluate(readFileSync(AXE_PATH, 'utf8'));
    const check = () =>
      lee.evaluate(async () => {
        const axe = (window as unknown as { axe: { run(context: Element): Promise<{ violations: Array<{ id: string; help: string; nodes: Array<{ html: string }> }> }> } }).axe;
        const result = await axe.run(document.querySelector('[data-testid=outline-view]')!);
        return result.violations.map((violation) => ({ id: violation.id, help: violation.help, nodes: violation.nodes.map((node) => node.html) }));
      });
    expect(await check()).toEqual([]);
    // And with a note's "More" actions open.
    await lee.getByTestId('outline-more').first().click();
    await lee.getByTestId('outline-move').first().waitFor();
    expect(await check()).toEqual([]);
    // And with the link picker open (a modal dialog: axe checks the page around it too).
    await lee.getByTestId('outline-link-open').first().click();
    await lee.getByTestId('outline-link-search').waitFor();
    expect(await check()).toEqual([]);
    await lee.keyboard.press('Escape');
    await lee.getByTestId('outline-link-picker').waitFor({ state: 'detached' });
    // And while a note's text is being edited.
    await lee.getByTestId('outline-edit').first().click();
    expect(await check()).toEqual([]);
  });

  it('is the default view on a phone, with a toggle to the canvas that is remembered', async () => {
    const board = await e2e.server.createBoard('Phone meeting');
    const context = await e2e.browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    try {
      const page = await e2e.openBoard(context, board.links.edit, 'Pat');
      await page.getByTestId('outline-view').waitFor();
      expect(await page.locator('.board-canvas').count()).toBe(0);
      await expect(page.getByTestId('view-toggle').isVisible()).resolves.toBe(true);
      await page.getByTestId('view-toggle').click();
      await page.locator('.board-canvas').waitFor();
      expect(await page.getByTestId('outline-view').count()).toBe(0);
      await page.reload();
      await page.locator('.board-canvas').waitFor();
      expect(await page.getByTestId('outline-view').count()).toBe(0);
    } finally {
      await context.close();
    }
  });

  it('is scannable on a phone: several notes on the first screen under a header of at most two rows', async () => {
    const board = await e2e.server.createBoard('A long board title that cannot fit on a phone screen');
    const context = await e2e.browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    try {
      const page = await e2e.openBoard(context, board.links.edit, 'Pat');
      await page.getByTestId('outline-view').waitFor();
      await page.evaluate(() => {
        const model = window.__discern!.model;
        const texts = ['Lonely elders', 'Youth club closed', 'No bus on Sundays', 'Food poverty', 'Young parents on their own', 'Refugee families'];
        texts.forEach((text, i) => model.addNote({ zone: 'who', author: 'Pat', text, x: 40, y: 200 + i * 200 }));
      });
      // Only the leader may start a vote (the server undoes it from an edit key).
      const leader = e2e.server.connect(board.id, board.keys.lead);
      await synced(leader);
      new BoardModel(leader.doc).startVote(3);
      await waitFor(async () => expect(await page.getByTestId('outline-note').count()).toBe(6));
      // Edit and the dot buttons stay at hand while a vote runs; the rest is folded away.
      await expect(page.getByTestId('outline-vote-add').first().isVisible()).resolves.toBe(true);
      await expect(page.getByTestId('outline-edit').first().isVisible()).resolves.toBe(true);
      await expect(page.getByTestId('outline-move').first().isVisible()).resolves.toBe(false);

      const header = await page.locator('.board-header').boundingBox();
      expect(header!.height).toBeLessThan(120);
      const onFirstScreen = await page.getByTestId('outline-note-text').evaluateAll((items) =>
        items.filter((item) => {
          const box = item.getBoundingClientRect();
          return box.top >= 0 && box.bottom <= window.innerHeight;
        }).length,
      );
      expect(onFirstScreen).toBeGreaterThanOrEqual(4);

      // The header's secondary buttons fold behind a menu that opens and closes with the keyboard.
      await expect(page.getByTestId('records-open').isVisible()).resolves.toBe(false);
      await page.getByTestId('header-menu-toggle').click();
      await expect(page.getByTestId('records-open').isVisible()).resolves.toBe(true);
      await expect(page.getByTestId('display-mode-toggle').isVisible()).resolves.toBe(true);
      await page.keyboard.press('Escape');
      await expect(page.getByTestId('records-open').isVisible()).resolves.toBe(false);
      expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('header-menu-toggle');
      await page.getByTestId('header-menu-toggle').click();
      await page.getByTestId('records-open').click();
      await expect(page.getByTestId('records-open').isVisible()).resolves.toBe(false);
      await expect(page.getByTestId('header-menu-toggle').getAttribute('aria-expanded')).resolves.toBe('false');
    } finally {
      await context.close();
    }
  });

  it('shows viewers the outline read-only, with the View only badge', async () => {
    const board = await e2e.server.createBoard('Watched meeting');
    const lee = await e2e.openBoard(await e2e.newContext(), board.links.lead, 'Leader Lee');
    await lee.evaluate(() => window.__discern!.model.addNote({ zone: 'need', author: 'Lee', text: 'Lonely elders' }));
    const context = await e2e.browser.newContext({ viewport: { width: 390, height: 844 } });
    try {
      const viewer = await e2e.openBoard(context, board.links.view, 'Vic');
      await viewer.getByTestId('outline-view').waitFor();
      await viewer.getByTestId('view-only-badge').waitFor();
      await waitFor(async () => expect(await viewer.getByTestId('outline-note-text').textContent()).toBe('Lonely elders'));
      // Nothing to change the board with: the only buttons are the zone menu's, which move around the outline.
      expect(await viewer.getByTestId('outline-scroll').locator('input, textarea, select, button').count()).toBe(0);
      expect(await viewer.getByTestId('outline-view').locator('input, textarea, select, button').count()).toBe(3);
    } finally {
      await context.close();
    }
  });

  it("lets the leader add a note for someone without a device, showing both names to others", async () => {
    const board = await e2e.server.createBoard('On behalf');
    const lee = await e2e.openBoard(await e2e.newContext(), board.links.lead, 'Leader Lee');
    const ben = await e2e.openBoard(await e2e.newContext(), board.links.edit, 'Ben');
    await showOutline(lee);
    await showOutline(ben);
    await lee.getByTestId('outline-add-input-who').fill('Knows every family on the estate');
    await lee.getByTestId('add-for-who').fill('Sam');
    await lee.getByTestId('outline-add-who').click();
    const [note] = await waitFor(async () => {
      const notes = await notesOf(ben);
      expect(notes).toHaveLength(1);
      return notes;
    });
    expect([note!.zone, note!.text, note!.author, note!.addedBy]).toEqual(['who', 'Knows every family on the estate', 'Sam', 'Leader Lee']);
    await waitFor(async () =>
      expect(await outlineNote(ben, note!.id).getByTestId('outline-note-author').textContent()).toBe('Sam (added by Leader Lee)'),
    );
  });

  it('votes by keyboard within the budget, hides totals from others until the reveal, then sorts by them', async () => {
    const board = await e2e.server.createBoard('Dot vote');
    const lee = await e2e.openBoard(await e2e.newContext(), board.links.lead, 'Leader Lee');
    const pat = await e2e.openBoard(await e2e.newContext(), board.links.edit, 'Pat');
    const quinn = await e2e.openBoard(await e2e.newContext(), board.links.edit, 'Quinn');
    const [first, second] = await lee.evaluate(() => {
      const model = window.__discern!.model;
      const ids = [model.addNote({ zone: 'need', author: 'Lee', text: 'Lonely elders' }), model.addNote({ zone: 'need', author: 'Lee', text: 'Youth club' })];
      model.startVote(2);
      return ids;
    });
    await showOutline(pat);
    await showOutline(quinn);
    await outlineNote(pat, second!).getByTestId('outline-vote-add').waitFor();

    await tabTo(pat, 'outline-vote-add', { noteId: second! });
    // Named for its note and described by the dots left, said once for the whole outline.
    await expect(
      pat.evaluate(() => {
        const button = document.activeElement!;
        return [button.getAttribute('aria-label'), document.getElementById(button.getAttribute('aria-describedby')!)?.textContent];
      }),
    ).resolves.toEqual(["Add a dot to 'Youth club'", '2 dots left']);
    await pat.keyboard.press('Enter');
    await pat.keyboard.press('Enter');
    await waitFor(async () => expect((await notesOf(lee)).find((note) => note.id === second)?.votes).toBe(2));
    await pat.keyboard.press('Enter');
    await waitFor(async () => expect(await pat.getByTestId('outline-status').textContent()).toMatch(/No dots left/));
    await expect(pat.getByTestId('outline-vote-summary').textContent()).resolves.toMatch(/no dots left/);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect((await notesOf(lee)).find((note) => note.id === second)?.votes).toBe(2);
    await expect(outlineNote(pat, second!).getByTestId('outline-votes').textContent()).resolves.toBe('Your dots: 2');

    // Quinn's dots are his own; Pat's stay out of sight until the leader reveals.
    await waitFor(async () => expect((await notesOf(quinn)).find((note) => note.id === second)?.votes).toBe(2));
    await expect(outlineNote(quinn, second!).getByTestId('outline-votes').textContent()).resolves.toBe('Your dots: 0');
    expect(await quinn.getByTestId('outline-sort-votes').count()).toBe(0);

    await lee.evaluate(() => window.__discern!.model.revealVotes());
    await waitFor(async () => expect(await outlineNote(quinn, second!).getByTestId('outline-votes').textContent()).toBe('2 dots'));
    await expect(outlineNote(quinn, first!).getByTestId('outline-votes').textContent()).resolves.toBe('0 dots');
    const order = () => quinn.getByTestId('outline-zone-need').getByTestId('outline-note').evaluateAll((items) => items.map((item) => item.getAttribute('data-note-id')));
    expect(await order()).toEqual([first, second]);
    await quinn.getByTestId('outline-sort-votes').click();
    expect(await order()).toEqual([second, first]);
  });
});
