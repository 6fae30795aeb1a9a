import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { zoneAtX } from '../../shared/board/zones';
import { drawnColourAtCentre, expectCanvasShowsText } from '../helpers/canvasText';
import { notesOf, startE2E, type E2E } from '../helpers/e2e';
import { waitFor } from '../helpers/waitFor';

vi.setConfig({ testTimeout: 60_000 });

let e2e: E2E;
const extraContexts: BrowserContext[] = [];
beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(async () => {
  for (const context of extraContexts) await context.close().catch(() => {});
  await e2e?.close();
});

/** The shared screen: a full-HD TV. */
async function tvContext(): Promise<BrowserContext> {
  const context = await e2e.browser.newContext({ viewport: { width: 1920, height: 1080 } });
  extraContexts.push(context);
  return context;
}

interface Seen {
  scale: number;
  /** The board area on screen. */
  x: number;
  y: number;
  w: number;
  h: number;
}

/** The board area a page's stage shows, from its live Konva transform. */
function seen(page: Page): Promise<Seen> {
  return page.evaluate(() => {
    const stage = window.__discern!.stage!;
    const scale = stage.scaleX();
    return { scale, x: -stage.x() / scale, y: -stage.y() / scale, w: stage.width() / scale, h: stage.height() / scale };
  });
}

const centre = (s: Seen) => ({ x: s.x + s.w / 2, y: s.y + s.h / 2 });

/** `follower` shows all of what `leader` shows, centred on the same point, with no more zoomed out than needed. */
function expectShowsSameArea(follower: Seen, leader: Seen): void {
  const a = centre(follower);
  const b = centre(leader);
  const tolerance = Math.max(leader.w, leader.h) * 0.01;
  expect(Math.abs(a.x - b.x)).toBeLessThan(tolerance);
  expect(Math.abs(a.y - b.y)).toBeLessThan(tolerance);
  expect(follower.w).toBeGreaterThanOrEqual(leader.w - tolerance);
  expect(follower.h).toBeGreaterThanOrEqual(leader.h - tolerance);
  expect(Math.min(follower.w / leader.w, follower.h / leader.h)).toBeCloseTo(1, 1);
}

async function panAndZoom(page: Page, zoomIns: number, pan: { x: number; y: number }): Promise<void> {
  for (let i = 0; i < zoomIns; i++) await page.getByTestId('zoom-in').click();
  const box = (await page.locator('.board-canvas').boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.wheel(pan.x, pan.y);
}

function secondsShown(text: string | null): number {
  const match = /^(\d+):(\d\d)$/.exec(text?.trim() ?? '');
  if (!match) throw new Error(`not mm:ss: ${text}`);
  return Number(match[1]) * 60 + Number(match[2]);
}

describe('meeting: the shared screen', () => {
  it('shows a QR code and a join code that resolves to this board, and follows the leader', async () => {
    const board = await e2e.server.createBoard('Shared screen');
    const tv = await e2e.openBoard(await tvContext(), board.links.lead, 'Hall TV');
    await tv.getByTestId('display-mode-toggle').click();
    await tv.getByTestId('display-mode').waitFor();
    expect(new URL(tv.url()).hash).toContain('display=1');

    const qr = tv.getByTestId('join-qr').locator('img');
    await qr.waitFor();
    const qrBox = await qr.boundingBox();
    expect(qrBox!.width).toBeGreaterThan(100);
    expect(qrBox!.height).toBeGreaterThan(100);
    expect(await qr.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);

    const shownCode = (await tv.getByTestId('join-code').textContent())!;
    expect(shownCode).toMatch(/^[2-9A-Z]{4}-[2-9A-Z]{4}$/);
    const joinUrl = (await tv.getByTestId('join-url').textContent())!;
    expect(joinUrl).toBe(`${e2e.server.httpUrl}/j/${shownCode.replace('-', '')}`);
    const resolved = await fetch(`${e2e.server.httpUrl}/api/join/${encodeURIComponent(shownCode)}`);
    expect(resolved.status).toBe(200);
    const target = (await resolved.json()) as { boardId: string; link: string };
    expect(target.boardId).toBe(board.id);
    expect(target.link).toBe(board.links.edit);

    const leader = await e2e.openBoard(await e2e.newContext(), board.links.lead, 'Leader Lee');
    await tv.getByTestId('display-present').getByText('Leader Lee').waitFor();
    await panAndZoom(leader, 2, { x: 300, y: 150 });
    const leaderSees = await seen(leader);
    await waitFor(async () => expectShowsSameArea(await seen(tv), leaderSees), { timeout: 5000 });

    // Zoomed in on one spot, the TV must move again, not only once.
    await panAndZoom(leader, 1, { x: -500, y: 0 });
    const leaderSeesNow = await seen(leader);
    expect(centre(leaderSeesNow).x).not.toBeCloseTo(centre(leaderSees).x, 0);
    await waitFor(async () => expectShowsSameArea(await seen(tv), leaderSeesNow), { timeout: 5000 });

    // Not following: the leader's moves no longer reach the TV.
    await tv.getByTestId('follow-toggle').click();
    const tvBefore = await seen(tv);
    await panAndZoom(leader, 0, { x: 400, y: 0 });
    await leader.waitForTimeout(400);
    expect(await seen(tv)).toEqual(tvBefore);

    // E switches editing on at the screen; N then adds a note from the keyboard there.
    await tv.locator('.board-canvas').click({ position: { x: 10, y: 10 } });
    await tv.keyboard.press('e');
    await tv.getByTestId('display-edit-toggle').and(tv.locator('[aria-pressed="true"]')).waitFor();
    await tv.keyboard.press('n');
    await waitFor(async () => expect(await leader.evaluate(() => window.__discern!.model.getSnapshot().notes.length)).toBe(1));
    // What the room sees: the new note open for typing on the screen, and the words typed there on it.
    await tv.getByTestId('note-editor').waitFor();
    await tv.keyboard.type('Soup run on Fridays');
    await tv.keyboard.press('Escape');
    await tv.getByTestId('note-editor').waitFor({ state: 'detached' });
    await expectCanvasShowsText(tv, 'Soup run on Fridays', { note: (await notesOf(tv))[0]! });
  });

  it('summons a participant to the leader’s view', async () => {
    const board = await e2e.server.createBoard('Summon');
    const leader = await e2e.openBoard(await e2e.newContext(), board.links.lead, 'Leader Lee');
    const ana = await e2e.openBoard(await e2e.newContext(), board.links.edit, 'Ana');
    await panAndZoom(leader, 3, { x: 600, y: 300 });
    await panAndZoom(ana, 1, { x: -300, y: 0 });
    const leaderSees = await seen(leader);
    expect(Math.abs(centre(await seen(ana)).x - centre(leaderSees).x)).toBeGreaterThan(100);
    // A plain note of its own colour where the leader looks, so what Ana's screen shows can be told apart.
    const marker = '#ce93d8';
    await leader.evaluate(
      ([x, y, zone, color]) => window.__discern!.model.addNote({ zone: zone as 'who', author: 'Lee', text: '', color: color!, x: Number(x) - 100, y: Number(y) - 75 }),
      [centre(leaderSees).x, centre(leaderSees).y, zoneAtX(centre(leaderSees).x), marker] as const,
    );
    await waitFor(async () => expect(await drawnColourAtCentre(leader)).toBe(marker));
    expect(await drawnColourAtCentre(ana)).not.toBe(marker);
    await leader.getByTestId('summon').click();
    await waitFor(async () => expectShowsSameArea(await seen(ana), leaderSees), { timeout: 5000 });
    // What Ana sees: the middle of her screen is now the note the leader was looking at.
    await waitFor(async () => expect(await drawnColourAtCentre(ana)).toBe(marker));
    // Ana can move away again afterwards; an old summon does not pull her back.
    await panAndZoom(ana, 0, { x: -400, y: 0 });
    await ana.waitForTimeout(300);
    expect(Math.abs(centre(await seen(ana)).x - centre(leaderSees).x)).toBeGreaterThan(100);
  });

  it('joins by typing the code on the home page, and by the /j/ link, as an editor', async () => {
    const board = await e2e.server.createBoard('Join me');
    const codeAnswer = await fetch(`${e2e.server.httpUrl}/api/boards/${board.id}/join-code`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${board.keys.lead}` },
    });
    const { code } = (await codeAnswer.json()) as { code: string };

    const phone = await e2e.newContext();
    const page = await phone.newPage();
    await page.addInitScript(() => localStorage.setItem('discern:name', 'Phone Pat'));
    await page.goto(e2e.server.httpUrl);
    await page.getByTestId('join-code-input').fill('ZZZZ-ZZZZ');
    await page.getByTestId('join-code-submit').click();
    await expect(page.getByTestId('join-code-error').textContent()).resolves.toMatch(/unknown or has expired/);

    await page.getByTestId('join-code-input').fill(`${code.slice(0, 4).toLowerCase()} ${code.slice(4)}`);
    await page.getByTestId('join-code-submit').click();
    await page.waitForURL(`**/b/${board.id}#k=${board.keys.edit}`);
    await page.getByTestId('connection-status').and(page.locator('[data-status="live"]')).waitFor();
    await page.getByTestId('add-note').waitFor();
    expect(await page.getByTestId('view-only-badge').count()).toBe(0);

    const other = await phone.newPage();
    await other.goto(`${e2e.server.httpUrl}/j/${code}`);
    await other.waitForURL(`**/b/${board.id}#k=${board.keys.edit}`);
  });
});

describe('meeting: agenda, timer and private writing', () => {
  it('shows the leader’s timer counting down and the current phase to a participant', async () => {
    const board = await e2e.server.createBoard('Agenda');
    const leader = await e2e.openBoard(await e2e.newContext(), board.links.lead, 'Leader Lee');
    const ana = await e2e.openBoard(await e2e.newContext(), board.links.edit, 'Ana');
    expect(await ana.getByTestId('timer-start').count()).toBe(0);
    expect(await ana.getByTestId('phase-next').count()).toBe(0);

    await leader.getByTestId('phase-next').click();
    await leader.getByTestId('phase-next').click();
    await ana.getByTestId('phase-current').getByText('Look').waitFor();
    expect(await ana.getByTestId('phase-current').textContent()).toContain("What's the need?");
    expect(await ana.evaluate(() => window.__discern!.model.getSnapshot().meeting.phase)).toBe('look');

    await leader.getByTestId('timer-minutes').fill('2');
    await leader.getByTestId('timer-start').click();
    await ana.getByTestId('timer-display').waitFor();
    const [first, leaderFirst] = await Promise.all([ana.getByTestId('timer-display').textContent(), leader.getByTestId('timer-display').textContent()]);
    expect(secondsShown(first)).toBeGreaterThan(110);
    expect(secondsShown(first)).toBeLessThanOrEqual(120);
    expect(Math.abs(secondsShown(first) - secondsShown(leaderFirst))).toBeLessThanOrEqual(1);
    await waitFor(async () => expect(secondsShown(await ana.getByTestId('timer-display').textContent())).toBeLessThan(secondsShown(first)), { timeout: 3000 });

    await leader.getByTestId('timer-pause').click();
    await waitFor(async () => expect(await ana.evaluate(() => window.__discern!.model.getSnapshot().meeting.timer?.running)).toBe(false));
    const paused = await ana.getByTestId('timer-display').textContent();
    await ana.waitForTimeout(1200);
    expect(await ana.getByTestId('timer-display').textContent()).toBe(paused);
    expect(await leader.getByTestId('timer-display').textContent()).toBe(paused);
  });

  it('keeps private notes out of the shared board until the leader reveals them, through a reload', async () => {
    const board = await e2e.server.createBoard('Private');
    const leader = await e2e.openBoard(await e2e.newContext(), board.links.lead, 'Leader Lee');
    const anaContext = await e2e.newContext();
    const ana = await e2e.openBoard(anaContext, board.links.edit, 'Ana');
    expect(await ana.getByTestId('private-start').count()).toBe(0);

    await leader.getByTestId('private-start').click();
    await ana.getByTestId('private-banner').waitFor();
    await ana.getByTestId('private-zone').selectOption('need');
    await ana.getByTestId('private-add-input').fill('Lonely elders on Mill Street');
    await ana.getByTestId('private-add').click();
    await ana.getByTestId('private-draft').waitFor();
    // N on the board also writes privately: it opens the private note box, adds nothing shared.
    await ana.locator('.board-canvas').click({ position: { x: 10, y: 10 } });
    await ana.keyboard.press('n');
    await expect(ana.getByTestId('private-add-input').evaluate((el) => el === document.activeElement)).resolves.toBe(true);
    await ana.getByTestId('private-add-input').fill('Youth with nowhere to go');
    await ana.keyboard.press('Enter');
    await waitFor(async () => expect(await ana.getByTestId('private-draft').count()).toBe(2));

    const texts = (page: Page) => page.evaluate(() => window.__discern!.model.getSnapshot().notes.map((n) => n.text));
    await leader.waitForTimeout(500);
    expect(await texts(leader)).toEqual([]);
    expect(await texts(ana)).toEqual([]);

    await ana.reload();
    await ana.getByTestId('connection-status').and(ana.locator('[data-status="live"]')).waitFor();
    await ana.getByTestId('private-banner').waitFor();
    await waitFor(async () => expect(await ana.getByTestId('private-draft').count()).toBe(2));
    expect(await texts(leader)).toEqual([]);

    await leader.getByTestId('private-reveal').click();
    await waitFor(async () => expect([...(await texts(leader))].sort()).toEqual(['Lonely elders on Mill Street', 'Youth with nowhere to go']));
    const notes = await leader.evaluate(() => window.__discern!.model.getSnapshot().notes.map((n) => ({ zone: n.zone, author: n.author, text: n.text })));
    expect(notes.find((n) => n.text.startsWith('Lonely'))).toMatchObject({ zone: 'need', author: 'Ana' });
    // What the room sees once revealed: Ana's words on the leader's canvas, in the note.
    await expectCanvasShowsText(leader, 'Lonely elders on Mill Street', { note: (await notesOf(leader)).find((n) => n.text.startsWith('Lonely'))! });
    await waitFor(async () => expect(await ana.getByTestId('private-banner').count()).toBe(0));
    // Committed once, and the drafts are gone from Ana's browser.
    await ana.reload();
    await ana.getByTestId('connection-status').and(ana.locator('[data-status="live"]')).waitFor();
    await ana.waitForTimeout(500);
    expect(await texts(ana)).toHaveLength(2);
    expect(await ana.evaluate(() => Object.keys(localStorage).filter((key) => key.startsWith('discern:drafts:')))).toEqual([]);
  });
});
