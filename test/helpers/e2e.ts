import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { NoteView } from '../../shared/board';
import { CLIENT_TEST_DIST } from '../../scripts/clientBuild';
import { launchBrowser } from './browser';
import { startServer, type CreatedBoard, type TestServer } from './server';

export interface E2E {
  server: TestServer;
  browser: Browser;
  /** A fresh browser profile (its own storage), like a second device. */
  newContext(): Promise<BrowserContext>;
  /** Opens a board link as a person with this display name and waits until the board is live. */
  openBoard(context: BrowserContext, link: string, name: string): Promise<Page>;
  close(): Promise<void>;
}

/** The real server serving the client's test build (it has `window.__discern`), and a real Chromium. */
export async function startE2E(): Promise<E2E> {
  const server = await startServer({ clientDir: CLIENT_TEST_DIST });
  const browser = await launchBrowser();
  const contexts: BrowserContext[] = [];
  return {
    server,
    browser,
    async newContext() {
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-US' });
      contexts.push(context);
      return context;
    },
    async openBoard(context, link, name) {
      const page = await context.newPage();
      await page.addInitScript((displayName) => localStorage.setItem('discern:name', displayName), name);
      await page.goto(`${server.httpUrl}${link}`);
      await page.getByTestId('connection-status').and(page.locator('[data-status="live"]')).waitFor();
      // The canvas (Konva) is loaded lazily; tests draw on it as soon as this returns.
      await page.getByTestId('canvas-loading').waitFor({ state: 'detached' });
      return page;
    },
    async close() {
      for (const context of contexts) await context.close().catch(() => {});
      await browser.close();
      await server.close();
    },
  };
}

export type { CreatedBoard };

/** Board-space point → page pixel, through the Konva stage's current transform. */
export async function boardToScreen(page: Page, x: number, y: number): Promise<{ x: number; y: number }> {
  return page.evaluate(
    ([bx, by]) => {
      const stage = window.__discern!.stage!;
      const point = stage.getAbsoluteTransform().point({ x: bx!, y: by! });
      const box = stage.container().getBoundingClientRect();
      return { x: box.left + point.x, y: box.top + point.y };
    },
    [x, y],
  );
}

/** The notes a page's board model holds right now. */
export function notesOf(page: Page): Promise<NoteView[]> {
  return page.evaluate(() => [...window.__discern!.model.getSnapshot().notes]);
}
