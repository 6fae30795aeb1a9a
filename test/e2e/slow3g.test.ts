import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, CDPSession, Page } from 'playwright-core';
import { BoardModel } from '../../shared/board/model';
import { CLIENT_DIST } from '../../scripts/clientBuild';
import { seedNotes } from '../../bench/seedNotes';
import { launchBrowser } from '../helpers/browser';
import { startServer, synced, type CreatedBoard, type TestServer } from '../helpers/server';

/**
 * A phone on Slow 3G (400 kbit/s each way, 400 ms round trip, as Chrome DevTools defines it) opens a
 * 200-note board: first visit, then a reload served by the service worker. The targets (issue 9) are
 * 5 s and 2 s on a quiet machine; the bounds here are looser so a busy CI machine does not fail them,
 * and `npm run bench` reports the exact figures.
 */
const SLOW_3G = { offline: false, latency: 400, downloadThroughput: 50_000, uploadThroughput: 50_000 } as const;
const PHONE = { width: 360, height: 740 };
const NOTES = 200;
const FIRST_VISIT_BOUND_MS = 10_000;
const REPEAT_VISIT_BOUND_MS = 5_000;

let server: TestServer;
let browser: Browser;
let board: CreatedBoard;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  server = await startServer({ clientDir: CLIENT_DIST });
  board = await server.createBoard('Church hall');
  // Written through a stock client and the shared model, as any other device would have.
  const writer = server.connect(board.id, board.keys.edit);
  await synced(writer);
  seedNotes(new BoardModel(writer.doc), NOTES);
  writer.destroy();
  browser = await launchBrowser();
});

afterAll(async () => {
  for (const context of contexts) await context.close().catch(() => {});
  await browser?.close();
  await server?.close();
});

async function phoneOnSlow3g(): Promise<{ page: Page; cdp: CDPSession; requested: string[] }> {
  const context = await browser.newContext({ viewport: PHONE, isMobile: true, hasTouch: true });
  contexts.push(context);
  await context.addInitScript(() => localStorage.setItem('discern:name', 'Phone'));
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', SLOW_3G);
  const requested: string[] = [];
  page.on('request', (request) => requested.push(new URL(request.url()).pathname));
  return { page, cdp, requested };
}

/** Milliseconds from navigation until the badge says live and a note's text is on screen. */
async function timeToLiveNotes(page: Page, navigate: () => Promise<unknown>): Promise<{ live: number; notes: number }> {
  const start = Date.now();
  await navigate();
  const badge = page.getByTestId('connection-status');
  await badge.and(page.locator('[data-status="live"]')).waitFor({ timeout: 60_000 });
  const live = Date.now() - start;
  // What the person sees: the word on the badge, and a note's text in the outline.
  expect(await badge.textContent()).toBe('live');
  await page.getByText('note 0: a short idea', { exact: true }).first().waitFor({ state: 'visible', timeout: 60_000 });
  return { live, notes: Date.now() - start };
}

describe('Slow 3G on a phone', () => {
  it('opens a 200-note board live with its notes shown, first visit and again from the service worker', async () => {
    const { page, requested } = await phoneOnSlow3g();
    const link = `${server.httpUrl}${board.links.edit}`;

    const first = await timeToLiveNotes(page, () => page.goto(link, { waitUntil: 'commit' }));
    console.log(`[slow 3g] first visit: live after ${first.live} ms, notes shown after ${first.notes} ms`);
    // The phone opens the outline, so neither Konva nor the canvas was downloaded.
    expect(requested.filter((path) => /\/assets\/(BoardCanvas|NoteShape)-/.test(path))).toEqual([]);
    expect(first.notes).toBeLessThan(FIRST_VISIT_BOUND_MS);

    // The service worker keeps the code once it is in control; the board itself is in IndexedDB.
    await page.waitForFunction(() => !!navigator.serviceWorker.controller, undefined, { timeout: 30_000 });
    await page.waitForFunction(
      async () => {
        const cache = await caches.open('discern-shell-v1');
        const kept = (await cache.keys()).map((request) => new URL(request.url).pathname);
        const loaded = performance.getEntriesByType('resource').map((entry) => new URL(entry.name).pathname).filter((path) => path.startsWith('/assets/'));
        return loaded.every((path) => kept.includes(path));
      },
      undefined,
      { timeout: 30_000, polling: 250 },
    );

    const repeat = await timeToLiveNotes(page, () => page.reload({ waitUntil: 'commit' }));
    console.log(`[slow 3g] repeat visit: live after ${repeat.live} ms, notes shown after ${repeat.notes} ms`);
    expect(repeat.notes).toBeLessThan(REPEAT_VISIT_BOUND_MS);
  }, 120_000);
});
