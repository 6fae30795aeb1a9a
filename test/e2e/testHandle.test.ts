import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { CLIENT_DIST, CLIENT_TEST_DIST } from '../../scripts/clientBuild';
import { launchBrowser } from '../helpers/browser';
import { startServer, type TestServer } from '../helpers/server';

/** Every script and page of a build, as text (the precompressed copies are the same bytes compressed). */
function buildText(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  const visit = (folder: string): void => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) visit(path);
      else if (/\.(js|html)$/.test(entry.name)) files.set(path, readFileSync(path, 'utf8'));
    }
  };
  visit(dir);
  return files;
}

describe('window.__discern, the test handle', () => {
  it('is in the test build and nowhere in the production build npm start serves', () => {
    const withHandle = (dir: string) => [...buildText(dir)].filter(([, text]) => text.includes('__discern')).map(([path]) => path);
    // The check below only means something if the name survives minification where it is used.
    expect(withHandle(CLIENT_TEST_DIST).length).toBeGreaterThan(0);
    expect(withHandle(CLIENT_DIST)).toEqual([]);
  });

  describe('in a browser', () => {
    let production: TestServer;
    let test: TestServer;
    let browser: Browser;
    beforeAll(async () => {
      production = await startServer({ clientDir: CLIENT_DIST });
      test = await startServer({ clientDir: CLIENT_TEST_DIST });
      browser = await launchBrowser();
    });
    afterAll(async () => {
      await browser?.close();
      await production?.close();
      await test?.close();
    });

    it('is undefined on a board opened from the production build, and set on one from the test build', async () => {
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      try {
        await context.addInitScript(() => localStorage.setItem('discern:name', 'Pat'));
        const handleOn = async (server: TestServer): Promise<boolean> => {
          const board = await server.createBoard('Handle check');
          const page = await context.newPage();
          await page.goto(`${server.httpUrl}${board.links.edit}`);
          // What a person sees: the board is open and live.
          await page.getByTestId('connection-status').and(page.locator('[data-status="live"]')).waitFor();
          await page.getByRole('heading', { level: 1, name: 'Handle check' }).waitFor();
          const present = await page.evaluate(() => window.__discern !== undefined);
          await page.close();
          return present;
        };
        expect(await handleOn(production)).toBe(false);
        expect(await handleOn(test)).toBe(true);
      } finally {
        await context.close();
      }
    });
  });
});
