import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Download, Page } from 'playwright-core';
import { zoneRect } from '../../shared/board';
import { boardToScreen, notesOf, startE2E, type E2E } from '../helpers/e2e';
import { waitFor } from '../helpers/waitFor';

vi.setConfig({ testTimeout: 60_000 });

let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(async () => e2e?.close());

declare global {
  interface Window {
    __cspViolations?: string[];
  }
}

/**
 * Collects every CSP violation a page reports, both as the DOM event (set up before any of the
 * app's code runs) and as Chromium's console error, which also covers ones the event misses.
 */
function watchViolations(page: Page): string[] {
  const seen: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy|Refused to (load|execute|apply|connect|create)/i.test(message.text())) seen.push(message.text());
  });
  void page.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (event) => {
      window.__cspViolations!.push(`${event.effectiveDirective} blocked ${event.blockedURI || 'inline'} (${event.sourceFile}:${event.lineNumber})`);
    });
  });
  return seen;
}

async function violationsOf(page: Page, console: string[]): Promise<string[]> {
  const fromEvents = await page.evaluate(() => window.__cspViolations ?? []);
  return [...fromEvents, ...console];
}

describe('the Content-Security-Policy', () => {
  it('lets the built app create a board, sync a note, show a QR code and export PNG and PDF, with no violation', async () => {
    const context = await e2e.newContext();
    const page = await context.newPage();
    const violations = watchViolations(page);

    const home = await page.goto(e2e.server.httpUrl);
    // The test means something only if the policy is really on.
    const csp = home?.headers()['content-security-policy'] ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(home?.headers()['referrer-policy']).toBe('no-referrer');

    await page.getByTestId('create-board-title').fill('Policy meeting');
    await page.getByTestId('create-board-submit').click();
    await page.waitForURL(/\/b\/[A-Za-z0-9_-]{21,}#k=/);
    await page.getByTestId('name-input').fill('Leader Lee');
    await page.getByTestId('name-submit').click();
    // Live means the sync websocket connected (connect-src) and the first sync ran.
    await page.getByTestId('connection-status').and(page.locator('[data-status="live"]')).waitFor();
    await page.waitForFunction(() => window.__discern?.stage != null);

    // A note added on the canvas, typed into, and stored by the server.
    const need = zoneRect('need');
    const point = await boardToScreen(page, need.x + need.w / 2, need.y + 600);
    await page.mouse.dblclick(point.x, point.y);
    const editor = page.getByTestId('note-editor');
    await editor.waitFor();
    await editor.pressSequentially('Soup kitchen on Elm');
    await page.keyboard.press('Escape');
    await waitFor(async () => expect((await notesOf(page)).map((note) => note.text)).toEqual(['Soup kitchen on Elm']));

    // The board renders: the title in the page, and the note's text in the outline view.
    const title = page.getByTestId('board-title');
    await expect(title.isVisible()).resolves.toBe(true);
    // The leader's title is a field to rename the board; others see a heading.
    await expect(title.evaluate((element) => (element instanceof HTMLInputElement ? element.value : element.textContent))).resolves.toBe('Policy meeting');
    await page.getByTestId('view-toggle').click();
    const noteText = page.getByTestId('outline-note-text');
    await noteText.waitFor();
    await expect(noteText.textContent()).resolves.toBe('Soup kitchen on Elm');
    await expect(noteText.isVisible()).resolves.toBe(true);
    await page.getByTestId('view-toggle').click();

    // A QR code is a data: image (img-src).
    await page.locator('.share-panel button', { hasText: 'QR' }).first().click();
    const qr = page.locator('img.qr').first();
    await qr.waitFor();
    expect(await qr.getAttribute('src')).toMatch(/^data:image\/png;base64,/);
    await waitFor(async () => expect(await qr.evaluate((image: HTMLImageElement) => image.complete && image.naturalWidth > 0)).toBe(true));

    // A PNG export draws the board off-screen and downloads it through a blob: URL.
    await page.getByTestId('records-open').click();
    const [download] = (await Promise.all([page.waitForEvent('download', { timeout: 45_000 }), page.getByTestId('export-png').click()])) as [
      Download,
      void,
    ];
    expect(download.suggestedFilename()).toMatch(/\.png$/);
    // And the PDF (jsPDF, with the board picture as a data: URL).
    const [pdf] = (await Promise.all([page.waitForEvent('download', { timeout: 45_000 }), page.getByTestId('export-pdf').click()])) as [Download, void];
    expect(pdf.suggestedFilename()).toMatch(/\.pdf$/);

    // The service worker registered (worker-src) in this production build.
    await waitFor(async () => expect(await page.evaluate(async () => Boolean(await navigator.serviceWorker.getRegistration()))).toBe(true), {
      timeout: 10_000,
    });

    // Give late reports (lazy chunks, images) a moment to arrive.
    await page.waitForTimeout(300);
    expect(await violationsOf(page, violations)).toEqual([]);
  });

  it('is enforced, and its violations are seen: an injected inline script does not run', async () => {
    const page = await (await e2e.newContext()).newPage();
    const violations = watchViolations(page);
    await page.goto(e2e.server.httpUrl);
    await page.getByTestId('create-board-title').waitFor();
    const ran = await page.evaluate(async () => {
      const script = document.createElement('script');
      script.textContent = 'window.__injectedRan = true';
      document.head.append(script);
      await new Promise((resolve) => setTimeout(resolve, 100));
      return (window as unknown as { __injectedRan?: boolean }).__injectedRan === true;
    });
    expect(ran).toBe(false);
    await waitFor(async () => expect((await violationsOf(page, violations)).join('\n')).toContain('script-src'));
  });
});
