import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { BrowserContext, Page, WebSocketRoute } from 'playwright-core';
import { BoardModel, zoneRect, ZONES } from '../../shared/board';
import { startE2E, type E2E } from '../helpers/e2e';
import { synced } from '../helpers/server';

vi.setConfig({ testTimeout: 60_000 });

let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(async () => e2e?.close());

const NOTES = 300;

/** A board of NOTES notes, the first of them with a text a person can look for. */
async function boardWithNotes(): Promise<string> {
  const board = await e2e.server.createBoard('Prefetch');
  const writer = e2e.server.connect(board.id, board.keys.edit);
  await synced(writer);
  new BoardModel(writer.doc).addNotes(
    Array.from({ length: NOTES }, (_, i) => {
      const zone = ZONES[i % 3]!;
      const area = zoneRect(zone);
      return { zone, author: 'Ada', text: i === 0 ? 'Soup kitchen on Tuesdays' : `Idea ${i}`, x: area.x + 30 + (i % 4) * 240, y: 200 + Math.floor(i / 12) * 180 };
    }),
  );
  // The state is read from what the server has committed: wait until a second reader sees it all.
  const reader = e2e.server.connect(board.id, board.keys.view);
  await synced(reader);
  const check = new BoardModel(reader.doc);
  await expect.poll(() => check.getSnapshot().notes.length).toBe(NOTES);
  check.destroy();
  reader.destroy();
  writer.destroy();
  return board.links.edit;
}

async function phoneContext(): Promise<BrowserContext> {
  return e2e.browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, locale: 'en-US' });
}

async function openAsBen(context: BrowserContext, link: string): Promise<Page> {
  const page = await context.newPage();
  await page.addInitScript(() => localStorage.setItem('discern:name', 'Ben'));
  await page.goto(`${e2e.server.httpUrl}${link}`);
  return page;
}

describe('the board arrives over HTTP before the socket', () => {
  it('shows the notes while the socket is held back, then the socket brings only what changed', async () => {
    const link = await boardWithNotes();
    const context = await phoneContext();
    // The sync socket is held: the page gets a socket that opens but hears nothing, until released.
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    await context.routeWebSocket(/\/sync\//, async (socket: WebSocketRoute) => {
      await held;
      socket.connectToServer();
    });
    const stateRequests: string[] = [];
    context.on('request', (request) => {
      if (request.url().endsWith('/state')) stateRequests.push(request.url());
    });
    const page = await openAsBen(context, link);
    const framesIn: number[] = [];
    page.on('websocket', (socket) => socket.on('framereceived', (frame) => framesIn.push(typeof frame.payload === 'string' ? frame.payload.length : frame.payload.byteLength)));

    // What a person sees: the board's notes, while the badge says it is not live yet.
    await page.getByText('Soup kitchen on Tuesdays', { exact: true }).waitFor();
    await expect(page.getByTestId('connection-status').getAttribute('data-status')).resolves.toBe('connecting');
    expect(stateRequests).toHaveLength(1);

    release();
    await page.getByTestId('connection-status').and(page.locator('[data-status="live"]')).waitFor();
    // The socket's first sync carried no second copy of the board (300 notes are ~75 kB).
    expect(framesIn.length).toBeGreaterThan(0);
    expect(Math.max(...framesIn)).toBeLessThan(2_000);
    // Each note once, and the board is editable.
    await expect(page.getByText('Soup kitchen on Tuesdays', { exact: true }).count()).resolves.toBe(1);
    const notes = await page.evaluate(() => window.__discern!.model.getSnapshot().notes.length);
    expect(notes).toBe(NOTES);
    await context.close();
  });

  it('a browser that keeps the board syncs over the socket only, and still shows every note', async () => {
    const link = await boardWithNotes();
    const context = await phoneContext();
    const stateRequests: string[] = [];
    context.on('request', (request) => {
      if (request.url().endsWith('/state')) stateRequests.push(request.url());
    });
    const first = await openAsBen(context, link);
    await first.getByTestId('connection-status').and(first.locator('[data-status="live"]')).waitFor();
    await first.close();
    expect(stateRequests).toHaveLength(1);

    const again = await openAsBen(context, link);
    await again.getByText('Soup kitchen on Tuesdays', { exact: true }).waitFor();
    await again.getByTestId('connection-status').and(again.locator('[data-status="live"]')).waitFor();
    expect(stateRequests).toHaveLength(1);
    await context.close();
  });

  it('a wrong key gets neither the board nor its state, and the page says the key is wrong', async () => {
    const link = await boardWithNotes();
    const wrong = link.replace(/#k=.*/, `#k=${'x'.repeat(21)}`);
    const context = await e2e.newContext();
    const page = await context.newPage();
    const answer = page.waitForResponse((response) => response.url().endsWith('/state'));
    await page.goto(`${e2e.server.httpUrl}${wrong}`);
    expect((await answer).status()).toBe(401);
    await page.getByText('This link’s key is not valid for this board.').waitFor();
    await expect(page.getByText('Idea 1', { exact: true }).count()).resolves.toBe(0);
    await context.close();
  });
});
