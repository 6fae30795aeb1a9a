import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import * as Y from 'yjs';
import { BoardModel, type NoteImport } from '../../shared/board/model';
import { ZONES, zoneRect } from '../../shared/board/zones';
import { startE2E, type E2E } from '../helpers/e2e';
import { synced } from '../helpers/server';
import { waitFor } from '../helpers/waitFor';

vi.setConfig({ testTimeout: 180_000 });

/** The targets for the outline on a phone (issue 9). */
const MAX_DOM_NODES = 5000;
const MAX_HEAP_BYTES = 40 * 1024 * 1024;
/** The target is 1 s on a quiet machine; the suite runs beside others on two cores, so it allows more. */
const FIRST_NOTES_LIMIT_MS = 5000;
const PHONE = { width: 360, height: 740 };

let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(async () => e2e?.close());

/** `count` notes spread over the three zones, each zone a grid read top to bottom. */
function manyNotes(count: number): NoteImport[] {
  return Array.from({ length: count }, (_, i) => {
    const zone = ZONES[i % 3]!;
    const area = zoneRect(zone);
    const slot = Math.floor(i / 3);
    return { zone, author: 'Lee', text: `Note ${i}: ${zone} idea number ${slot}`, x: area.x + 30 + (slot % 4) * 240, y: 200 + Math.floor(slot / 4) * 180 };
  });
}

/**
 * A board of `count` notes, written before any page opens: the notes go into a local document that
 * a stock client with the lead key then syncs to the server (one first-sync message). A second
 * client confirms the server holds them all, and stays connected as the leader for the test.
 */
async function seedBoard(count: number) {
  const board = await e2e.server.createBoard(`${count} notes`);
  const doc = new Y.Doc();
  new BoardModel(doc).addNotes(manyNotes(count));
  const writer = e2e.server.connect(board.id, board.keys.lead, doc);
  await synced(writer);
  const leaderDoc = new Y.Doc();
  const leader = e2e.server.connect(board.id, board.keys.lead, leaderDoc);
  await synced(leader);
  const model = new BoardModel(leaderDoc);
  await waitFor(() => expect(model.getSnapshot().notes).toHaveLength(count), { timeout: 30_000 });
  writer.destroy();
  return { board, leader: model };
}

interface OutlineMetrics {
  /** Navigation start → first note text in the DOM, then painted (the next animation frame). */
  firstNotesMs: number;
  domNodes: number;
  /** After a full garbage collection. */
  heapBytes: number;
}

declare global {
  interface Window {
    __firstNotesAt?: number;
  }
}

/** Opens the board on a phone-sized page, timing the first notes on screen. */
async function openOnPhone(context: BrowserContext, link: string): Promise<Page> {
  const page = await context.newPage();
  await page.addInitScript(() => {
    localStorage.setItem('discern:name', 'Pat');
    // Watches for the first note from navigation on; the timestamp is taken when that frame paints.
    const observer = new MutationObserver(() => {
      if (!document.querySelector('[data-testid=outline-note-text]')) return;
      observer.disconnect();
      requestAnimationFrame(() => {
        window.__firstNotesAt = performance.now();
      });
    });
    observer.observe(document, { childList: true, subtree: true });
  });
  await page.goto(`${e2e.server.httpUrl}${link}`);
  return page;
}

async function measure(page: Page): Promise<OutlineMetrics> {
  await page.waitForFunction(() => window.__firstNotesAt !== undefined, undefined, { timeout: 60_000 });
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
  await cdp.detach();
  return page.evaluate((heapBytes) => ({ firstNotesMs: Math.round(window.__firstNotesAt!), domNodes: document.querySelectorAll('*').length, heapBytes }), usedSize);
}

function report(count: number, metrics: OutlineMetrics): void {
  console.log(
    `[outline ${count} notes, phone ${PHONE.width}×${PHONE.height}] first notes ${metrics.firstNotesMs} ms, ` +
      `DOM ${metrics.domNodes} nodes, JS heap ${(metrics.heapBytes / 1024 / 1024).toFixed(1)} MB`,
  );
}

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

/** Presses Tab until the control with this test id has focus, as a keyboard user would. */
async function tabTo(page: Page, testId: string, limit = 40): Promise<void> {
  for (let presses = 0; presses < limit; presses++) {
    if ((await focused(page)).testId === testId) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`could not reach ${testId} with the keyboard`);
}

function outlineNote(page: Page, id: string) {
  return page.locator(`[data-testid=outline-note][data-note-id="${id}"]`);
}

describe('the outline of a large board on a phone', () => {
  it('shows 2,000 notes within the DOM and heap budgets, and is used by keyboard: add, edit, vote', async () => {
    const { board, leader } = await seedBoard(2000);
    const context = await e2e.browser.newContext({ viewport: PHONE, isMobile: true, hasTouch: true });
    try {
      const page = await openOnPhone(context, board.links.edit);
      const metrics = await measure(page);
      report(2000, metrics);
      expect(metrics.firstNotesMs).toBeLessThan(FIRST_NOTES_LIMIT_MS);
      expect(metrics.domNodes).toBeLessThanOrEqual(MAX_DOM_NODES);
      expect(metrics.heapBytes).toBeLessThanOrEqual(MAX_HEAP_BYTES);
      await page.getByTestId('connection-status').and(page.locator('[data-status="live"]')).waitFor();
      // The first notes of the first zone are on screen, as text.
      const firstTexts = await page.getByTestId('outline-note-text').evaluateAll((items) =>
        items.filter((item) => item.getBoundingClientRect().bottom <= window.innerHeight).map((item) => item.textContent),
      );
      expect(firstTexts.length).toBeGreaterThanOrEqual(2);
      expect(firstTexts[0]).toMatch(/^Note \d+: who idea/);

      // Add: the zone menu leads to a zone's heading, and its form comes next.
      await tabTo(page, 'outline-go-need');
      await page.keyboard.press('Enter');
      await waitFor(async () => expect(await page.evaluate(() => document.activeElement?.id)).toBe('outline-heading-need'));
      await page.keyboard.press('Tab');
      expect((await focused(page)).testId).toBe('outline-add-input-need');
      await page.keyboard.type('Warm space on weekday mornings');
      await page.keyboard.press('Enter');
      await waitFor(async () => expect(await page.getByTestId('outline-status').textContent()).toBe("Added 'Warm space on weekday mornings' to What's the need?."));
      const added = await waitFor(() => {
        const note = leader.getSnapshot().notes.find((n) => n.text === 'Warm space on weekday mornings');
        expect(note?.zone).toBe('need');
        return note!;
      });
      expect(leader.getSnapshot().notes).toHaveLength(2001);

      // Edit: on past the form to the zone's first note.
      await tabTo(page, 'outline-edit');
      const editedId = (await focused(page)).noteId!;
      const before = leader.getNote(editedId)!.text;
      await page.keyboard.press('Enter');
      await page.keyboard.press('End');
      await page.keyboard.type(' (checked)');
      await page.keyboard.press('Enter');
      await waitFor(async () => expect(await outlineNote(page, editedId).getByTestId('outline-note-text').textContent()).toBe(`${before} (checked)`));
      await waitFor(() => expect(leader.getNote(editedId)?.text).toBe(`${before} (checked)`));
      expect(await page.getByTestId('outline-status').textContent()).toBe('Saved.');
      expect(await focused(page)).toEqual({ testId: 'outline-edit', noteId: editedId });

      // Vote: the leader starts it; the page casts under its own voter id.
      leader.startVote(3);
      await outlineNote(page, editedId).getByTestId('outline-vote-add').waitFor();
      await tabTo(page, 'outline-vote-add');
      expect((await focused(page)).noteId).toBe(editedId);
      await page.keyboard.press('Enter');
      await waitFor(async () => expect(await outlineNote(page, editedId).getByTestId('outline-votes').textContent()).toBe('Your dots: 1'));
      await expect(page.getByTestId('outline-status').textContent()).resolves.toMatch(/^Dot added to .*\. 2 dots left\.$/);
      await waitFor(() => expect(leader.getNote(editedId)?.votes).toBe(1));

      // Down moves to the next note's + button, 30 notes on: far past what was rendered.
      for (let step = 0; step < 30; step++) await page.keyboard.press('ArrowDown');
      const far = await focused(page);
      expect(far.testId).toBe('outline-vote-add');
      expect(far.noteId).not.toBe(editedId);
      await page.keyboard.press('Enter');
      await waitFor(async () => expect(await outlineNote(page, far.noteId!).getByTestId('outline-votes').textContent()).toBe('Your dots: 1'));
      await waitFor(() => expect(leader.getNote(far.noteId!)?.votes).toBe(1));
      await expect(page.getByTestId('outline-vote-summary').textContent()).resolves.toMatch(/1 dot left of 3 dots/);
      expect(leader.getNote(added.id)?.votes).toBe(0);

      // Still a screenful of elements after all that.
      expect(await page.evaluate(() => document.querySelectorAll('*').length)).toBeLessThanOrEqual(MAX_DOM_NODES);
    } finally {
      await context.close();
    }
  });

  it('stays usable at 5,000 notes: the same budgets, and the last zone reached and edited by keyboard', async () => {
    const { board, leader } = await seedBoard(5000);
    const context = await e2e.browser.newContext({ viewport: PHONE, isMobile: true, hasTouch: true });
    try {
      const page = await openOnPhone(context, board.links.edit);
      const metrics = await measure(page);
      report(5000, metrics);
      expect(metrics.firstNotesMs).toBeLessThan(FIRST_NOTES_LIMIT_MS * 2);
      expect(metrics.domNodes).toBeLessThanOrEqual(MAX_DOM_NODES);
      await page.getByTestId('connection-status').and(page.locator('[data-status="live"]')).waitFor();

      await tabTo(page, 'outline-go-there');
      await page.keyboard.press('Enter');
      await waitFor(async () => expect(await page.evaluate(() => document.activeElement?.id)).toBe('outline-heading-there'));
      await tabTo(page, 'outline-edit');
      const id = (await focused(page)).noteId!;
      expect(leader.getNote(id)?.zone).toBe('there');
      await page.keyboard.press('Enter');
      await page.keyboard.press('End');
      await page.keyboard.type(' — reached on a phone');
      await page.keyboard.press('Enter');
      await waitFor(() => expect(leader.getNote(id)?.text).toMatch(/ — reached on a phone$/));
      expect(await page.evaluate(() => document.querySelectorAll('*').length)).toBeLessThanOrEqual(MAX_DOM_NODES);
    } finally {
      await context.close();
    }
  });
});
