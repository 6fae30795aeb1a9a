import { gzipSync, constants as zlib } from 'node:zlib';
import type { Browser, BrowserContext, Page, Response } from 'playwright-core';
import * as Y from 'yjs';
import { BoardModel, type NoteImport } from '../shared/board/model';
import { ZONES, zoneRect } from '../shared/board/zones';
import { ensureClientBuilt } from '../scripts/clientBuild';
import { launchBrowser } from '../test/helpers/browser';
import { startServer, synced, type TestServer } from '../test/helpers/server';
import type { Figure } from './report';

export const PHONE = { width: 360, height: 740 };
export const DESKTOP = { width: 1280, height: 800 };
/** The Slow 3G: 400 kbit/s both ways, 400 ms round trip (CDP network emulation). */
const SLOW_3G = { offline: false, latency: 400, downloadThroughput: 400_000 / 8, uploadThroughput: 400_000 / 8 };
const PAGE_TIMEOUT_MS = 90_000;

declare global {
  interface Window {
    __benchNotesAt?: number;
    __benchLiveAt?: number;
  }
}

function notes(count: number): NoteImport[] {
  return Array.from({ length: count }, (_, i) => {
    const zone = ZONES[i % 3]!;
    const area = zoneRect(zone);
    const slot = Math.floor(i / 3);
    return { zone, author: 'Lee', text: `Note ${i}: ${zone} idea number ${slot}`, x: area.x + 30 + (slot % 4) * 240, y: 200 + Math.floor(slot / 4) * 180 };
  });
}

/** A board of `count` notes sent in one stock client's first sync, as an offline client would. */
export async function seedBoard(server: TestServer, count: number): Promise<string> {
  const board = await server.createBoard(`${count} notes`);
  const doc = new Y.Doc();
  new BoardModel(doc).addNotes(notes(count));
  const writer = server.connect(board.id, board.keys.lead, doc);
  await synced(writer);
  // A second client confirms the server holds them all before any page opens.
  const check = new Y.Doc();
  const reader = server.connect(board.id, board.keys.view, check);
  await synced(reader);
  const model = new BoardModel(check);
  const deadline = Date.now() + 30_000;
  while (model.getSnapshot().notes.length < count) {
    if (Date.now() > deadline) throw new Error(`browser load: the server has ${model.getSnapshot().notes.length} of ${count} notes`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  model.destroy();
  writer.destroy();
  reader.destroy();
  // A Y.Doc's awareness keeps an interval running until the doc itself is destroyed.
  doc.destroy();
  check.destroy();
  return board.links.edit;
}

/**
 * Marks `window.__benchNotesAt` (ms since navigation) at the frame after `count` notes are there:
 * outline note texts in the DOM on a phone, or the board model full and either the Konva stage
 * mounted or the first-paint preview (client/canvas/preview/) holding every note on a desktop (both
 * draw by the next animation frame, so the mark is taken one frame later still).
 */
export async function watchForNotes(page: Page, mode: 'outline' | 'canvas', count: number): Promise<void> {
  // First: tsx compiles with keepNames, which wraps the named functions below in a `__name` helper the page lacks.
  await page.addInitScript('globalThis.__name = (fn) => fn;');
  await page.addInitScript(
    ([watch, wanted]) => {
      localStorage.setItem('discern:name', 'Bench');
      const ready = (): boolean =>
        watch === 'outline'
          ? document.querySelector('[data-testid=outline-note-text]') !== null
          : window.__discern?.model.getSnapshot().notes.length === wanted &&
            (!!window.__discern.stage || document.querySelector<HTMLElement>('[data-testid=board-preview]')?.dataset.notes === String(wanted));
      let notesSeen = false;
      const poll = (now: number): void => {
        if (window.__benchLiveAt === undefined && document.querySelector('[data-testid=connection-status][data-status=live]')) window.__benchLiveAt = now;
        if (!notesSeen && ready()) {
          notesSeen = true;
          requestAnimationFrame(() => requestAnimationFrame((painted) => (window.__benchNotesAt = painted)));
        }
        if (window.__benchLiveAt === undefined || !notesSeen) requestAnimationFrame(poll);
      };
      requestAnimationFrame(poll);
    },
    [mode, count] as const,
  );
}

/** The frame in which the connection badge first showed `live`, ms since navigation. */
async function waitForLive(page: Page): Promise<number> {
  await page.waitForFunction(() => window.__benchLiveAt !== undefined, undefined, { timeout: PAGE_TIMEOUT_MS });
  return page.evaluate(() => window.__benchLiveAt!);
}

export async function notesAt(page: Page): Promise<number> {
  await page.waitForFunction(() => window.__benchNotesAt !== undefined, undefined, { timeout: PAGE_TIMEOUT_MS });
  return page.evaluate(() => window.__benchNotesAt!);
}

interface ScriptBytes {
  gzipBytes: number;
  wireBytes: number;
  files: number;
}

/**
 * Gzip size (level 9, as a build would precompress) and bytes as sent of every script the page
 * fetched while `run` ran, split at `splitAt()` (ms since navigation, read after `run`): the scripts
 * whose response had ended by then (from the page's resource timing), and the ones after.
 */
async function scriptSizes(page: Page, run: () => Promise<void>, splitAt: () => number): Promise<{ before: ScriptBytes; after: ScriptBytes }> {
  const bodies: Array<Promise<{ url: string; gzip: number; wire: number }>> = [];
  const onResponse = (response: Response): void => {
    if (response.request().resourceType() !== 'script') return;
    const url = response.url();
    bodies.push(
      response.body().then(
        async (body) => ({
          url,
          gzip: gzipSync(body, { level: zlib.Z_BEST_COMPRESSION }).byteLength,
          wire: Number((await response.allHeaders())['content-length'] ?? body.byteLength),
        }),
        () => ({ url, gzip: 0, wire: 0 }),
      ),
    );
  };
  page.on('response', onResponse);
  await run();
  page.off('response', onResponse);
  const sizes = await Promise.all(bodies);
  const split = splitAt();
  const endedBefore = new Set(
    await page.evaluate((at) => performance.getEntriesByType('resource').filter((entry) => (entry as PerformanceResourceTiming).responseEnd <= at).map((entry) => entry.name), split),
  );
  const sum = (list: typeof sizes): ScriptBytes => ({
    gzipBytes: list.reduce((total, size) => total + size.gzip, 0),
    wireBytes: list.reduce((total, size) => total + size.wire, 0),
    files: list.length,
  });
  return { before: sum(sizes.filter((size) => endedBefore.has(size.url))), after: sum(sizes.filter((size) => !endedBefore.has(size.url))) };
}

interface OutlineFigures {
  firstNotesMs: number;
  liveMs: number;
  domNodes: number;
  heapBytes: number;
}

async function heapAfterGc(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
  await cdp.detach();
  return usedSize;
}

async function phoneOutline(browser: Browser, url: string, count: number): Promise<OutlineFigures> {
  const context = await browser.newContext({ viewport: PHONE, isMobile: true, hasTouch: true });
  try {
    const page = await context.newPage();
    await watchForNotes(page, 'outline', count);
    await page.goto(url);
    const firstNotesMs = await notesAt(page);
    const liveMs = await waitForLive(page);
    const heapBytes = await heapAfterGc(page);
    const domNodes = await page.evaluate(() => document.querySelectorAll('*').length);
    return { firstNotesMs, liveMs, domNodes, heapBytes };
  } finally {
    await context.close();
  }
}

async function desktopCanvas(browser: Browser, url: string, count: number): Promise<{ paintedMs: number; liveMs: number; canvasMs: number; js: { before: ScriptBytes; after: ScriptBytes } }> {
  const context = await browser.newContext({ viewport: DESKTOP });
  try {
    const page = await context.newPage();
    await watchForNotes(page, 'canvas', count);
    let paintedMs = Number.NaN;
    let liveMs = Number.NaN;
    let canvasMs = Number.NaN;
    const js = await scriptSizes(
      page,
      async () => {
        await page.goto(url);
        paintedMs = await notesAt(page);
        liveMs = await waitForLive(page);
        // The interactive canvas (Konva) follows the first paint; its scripts are counted apart.
        await page.waitForFunction(() => !!window.__discern?.stage, undefined, { timeout: PAGE_TIMEOUT_MS });
        canvasMs = await page.evaluate(() => performance.now());
      },
      () => paintedMs,
    );
    return { paintedMs, liveMs, canvasMs, js };
  } finally {
    await context.close();
  }
}

async function slowVisit(context: BrowserContext, url: string, count: number): Promise<number> {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', SLOW_3G);
  await watchForNotes(page, 'outline', count);
  await page.goto(url, { timeout: PAGE_TIMEOUT_MS });
  const liveMs = await waitForLive(page);
  const notesMs = await notesAt(page);
  // Let the service worker finish installing before the repeat visit.
  await page.evaluate(() => ('serviceWorker' in navigator ? navigator.serviceWorker.ready.then(() => undefined) : undefined));
  await page.close();
  return Math.max(liveMs, notesMs);
}

/**
 * The browser targets against the built client and a real server (default limits), in
 * headless Chromium on this machine: notes painted on a desktop, the phone outline's first notes,
 * DOM and heap, the board page's JavaScript, and Slow 3G first and repeat visits.
 */
export async function measureBrowserLoad(): Promise<Figure[]> {
  // The test build: it reads the board through window.__discern, which production builds do not have.
  const server = await startServer({ clientDir: ensureClientBuilt({ test: true }) });
  const browser = await launchBrowser();
  try {
    const big = `${server.httpUrl}${await seedBoard(server, 2000)}`;
    const small = `${server.httpUrl}${await seedBoard(server, 200)}`;
    // One unmeasured load first, so the server's room and SQLite pages are warm as for any later visitor.
    await desktopCanvas(browser, big, 2000);
    const desktop = await desktopCanvas(browser, big, 2000);
    const outline = await phoneOutline(browser, big, 2000);
    const slowContext = await browser.newContext({ viewport: PHONE, isMobile: true, hasTouch: true });
    let first = Number.NaN;
    let repeat = Number.NaN;
    try {
      first = await slowVisit(slowContext, small, 200);
      repeat = await slowVisit(slowContext, small, 200);
    } finally {
      await slowContext.close();
    }
    const section = '11 page load (headless Chromium, built client, real server)';
    return [
      {
        section,
        name: 'desktop, 2,000 notes: notes painted',
        value: desktop.paintedMs,
        unit: 'ms',
        target: { op: '<=', limit: 800 },
        note: `from navigation, loopback network; live at ${desktop.liveMs.toFixed(0)} ms`,
      },
      {
        section,
        name: 'board page JavaScript, gzip',
        value: desktop.js.before.gzipBytes / 1024,
        unit: 'kB',
        target: { op: '<=', limit: 200 },
        note:
          `the ${desktop.js.before.files} scripts fetched on the desktop board page before its notes were painted, gzip -9 of each ` +
          `(${(desktop.js.before.wireBytes / 1024).toFixed(0)} kB as sent); then the interactive canvas: ${desktop.js.after.files} more, ` +
          `${(desktop.js.after.gzipBytes / 1024).toFixed(1)} kB gzip, up by ${desktop.canvasMs.toFixed(0)} ms`,
      },
      {
        section,
        name: 'phone outline, 2,000 notes: first notes',
        value: outline.firstNotesMs,
        unit: 'ms',
        target: { op: '<=', limit: 1000 },
        note: `${PHONE.width}×${PHONE.height}, loopback network; live at ${outline.liveMs.toFixed(0)} ms`,
      },
      { section, name: 'phone outline, 2,000 notes: DOM nodes', value: outline.domNodes, unit: 'nodes', target: { op: '<=', limit: 5000 } },
      {
        section,
        name: 'phone outline, 2,000 notes: JS heap',
        value: outline.heapBytes / 1024 / 1024,
        unit: 'MB',
        target: { op: '<=', limit: 40 },
        note: 'after a full garbage collection',
      },
      {
        section,
        name: 'Slow 3G phone, 200 notes, first visit: live with notes',
        value: first,
        unit: 'ms',
        target: { op: '<=', limit: 5000 },
        note: 'CDP emulation: 400 kbit/s, 400 ms latency; from navigation until live and the first notes are shown',
      },
      { section, name: 'Slow 3G phone, 200 notes, repeat visit', value: repeat, unit: 'ms', target: { op: '<=', limit: 2000 }, note: 'same profile, service worker installed' },
    ];
  } finally {
    await browser.close();
    await server.close();
  }
}
