import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BoardModel } from '../../shared/board/model';
import { Phase } from '../../shared/board/meeting';
import { startE2E, type E2E } from '../helpers/e2e';
import { synced } from '../helpers/server';

/** The board page's panels that are not part of its first download (client/pages/BoardScreen.tsx). */
const PANEL_CHUNK = /\/assets\/(ShareLinks|MeetingBar|PrivateWriting)-[^/]+\.js$/;

let e2e: E2E;

beforeAll(async () => {
  e2e = await startE2E();
});

afterAll(async () => e2e?.close());

describe('panels that load after the board', () => {
  it('shows a participant the board before the meeting panels’ code, fetches it once live, and has it without the network', async () => {
    const board = await e2e.server.createBoard('Later');
    const context = await e2e.newContext();
    // When the badge first said live, in the page's own clock (the same as its resource timings).
    await context.addInitScript(() => {
      const poll = (): void => {
        if (document.querySelector('[data-testid=connection-status][data-status=live]')) (window as unknown as { liveAt: number }).liveAt = performance.now();
        else requestAnimationFrame(poll);
      };
      requestAnimationFrame(poll);
    });
    const page = await e2e.openBoard(context, board.links.edit, 'Pat');
    const panelFetches = () =>
      page.evaluate((source) => {
        const pattern = new RegExp(source);
        return performance
          .getEntriesByType('resource')
          .filter((entry) => pattern.test(new URL(entry.name).pathname))
          .map((entry) => ({ path: new URL(entry.name).pathname, startTime: entry.startTime }));
      }, PANEL_CHUNK.source);
    await page.waitForFunction((source) => performance.getEntriesByType('resource').filter((entry) => new RegExp(source).test(entry.name)).length === 3, PANEL_CHUNK.source, {
      timeout: 30_000,
    });
    const liveAt = await page.evaluate(() => (window as unknown as { liveAt: number }).liveAt);
    const fetched = await panelFetches();
    // None of them held up the board: each was asked for after the board was live.
    for (const fetch of fetched) expect({ path: fetch.path, afterLive: fetch.startTime >= liveAt }).toEqual({ path: fetch.path, afterLive: true });

    // The service worker keeps them, so a panel that appears later needs no network for its code.
    await page.waitForFunction(() => !!navigator.serviceWorker.controller, undefined, { timeout: 30_000 });
    await page.waitForFunction(
      async (paths) => {
        const kept = (await (await caches.open('discern-shell-v1')).keys()).map((request) => new URL(request.url).pathname);
        return paths.every((path) => kept.includes(path));
      },
      fetched.map((fetch) => fetch.path),
      { timeout: 30_000, polling: 250 },
    );
    let assetsFromNetwork = 0;
    await context.route('**/assets/**', (route) => {
      assetsFromNetwork++;
      return route.abort();
    });

    // The leader moves the meeting to its first phase: the participant's meeting bar appears.
    const leader = e2e.server.connect(board.id, board.keys.lead);
    await synced(leader);
    new BoardModel(leader.doc).setPhase(Phase.Gather);
    const phase = page.getByTestId('phase-current');
    await phase.waitFor({ state: 'visible', timeout: 30_000 });
    expect((await phase.textContent())?.trim()).not.toBe('');
    expect(assetsFromNetwork).toBe(0);
    leader.destroy();
  }, 120_000);
});
