import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { BoardModel, zoneRect, type Zone } from '../../shared/board';
import { voterIdFor } from '../../shared/protocol/voter';
import { followViewport } from '../../client/meeting/followViewport';
import { startE2E, type E2E } from '../helpers/e2e';
import { synced } from '../helpers/server';
import { waitFor } from '../helpers/waitFor';

vi.setConfig({ testTimeout: 90_000 });

const AXE_PATH = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

let e2e: E2E;
const contexts: BrowserContext[] = [];
beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(async () => {
  for (const context of contexts) await context.close().catch(() => {});
  await e2e?.close();
});

const NOTES: Readonly<Record<Zone, readonly string[]>> = {
  who: ['Youth group leaders', 'Retired teachers', 'Spanish speakers', 'Bakers and cooks'],
  need: ['Lonely elders', 'After-school homework help', 'Food insecurity', 'Rides to appointments'],
  there: ['Mosque ESL classes', 'Grace Church nursery volunteers', 'Food pantry at St Mark', 'Library reading club'],
};
const ZONE_NAMES: Readonly<Record<Zone, string>> = { who: 'Who are we?', need: "What's the need?", there: "Who's already there?" };

/** The leader's own device, as a plain y-websocket client driving the meeting through BoardModel. */
async function leaderModel(boardId: string, key: string, voterSecret?: string): Promise<BoardModel> {
  const provider = e2e.server.connect(boardId, key, undefined, voterSecret ? { voter: voterSecret } : {});
  await synced(provider);
  return new BoardModel(provider.doc);
}

async function screen(width: number, height: number): Promise<BrowserContext> {
  const context = await e2e.browser.newContext({ viewport: { width, height } });
  contexts.push(context);
  return context;
}

async function openDisplay(context: BrowserContext, link: string): Promise<Page> {
  const tv = await e2e.openBoard(context, link, 'Hall TV');
  await tv.getByTestId('display-mode-toggle').click();
  await tv.getByTestId('display-mode').waitFor();
  return tv;
}

interface DrawnText {
  text: string;
  /** Rendered height of the font: fontSize × the node's absolute scale, CSS px. */
  px: number;
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/** Every Konva text node on the stage that draws one of `texts`, with where and how large it is on the page. */
function drawnNoteTexts(page: Page, texts: readonly string[]): Promise<DrawnText[]> {
  return page.evaluate((wanted) => {
    const stage = window.__discern!.stage!;
    const box = stage.container().getBoundingClientRect();
    const set = new Set(wanted);
    const found: DrawnText[] = [];
    for (const node of stage.find('Text')) {
      const text = node as unknown as { text(): string; fontSize(): number };
      if (!set.has(text.text()) || !node.isVisible()) continue;
      const rect = node.getClientRect();
      found.push({
        text: text.text(),
        px: text.fontSize() * node.getAbsoluteScale().y,
        left: box.left + rect.x,
        top: box.top + rect.y,
        right: box.left + rect.x + rect.width,
        bottom: box.top + rect.y + rect.height,
      });
    }
    return found;
  }, [...texts]);
}

const ALL_TEXTS = Object.values(NOTES).flat();

/**
 * What the room sees of a zone: its name, large, and exactly its notes, each drawn at least `minPx`
 * high and whole inside the canvas (not under the side column, not off the screen).
 */
async function expectZoneShown(tv: Page, zone: Zone, minPx: number): Promise<void> {
  await waitFor(async () => expect((await tv.getByTestId('display-zone-name').textContent())?.trim()).toBe(ZONE_NAMES[zone]), { timeout: 10_000 });
  await waitFor(async () => expect((await drawnNoteTexts(tv, ALL_TEXTS)).map((drawn) => drawn.text).sort()).toEqual([...NOTES[zone]].sort()), { timeout: 10_000 });
  const canvas = (await tv.locator('.board-canvas').boundingBox())!;
  const size = tv.viewportSize()!;
  expect(canvas.x + canvas.width).toBeLessThanOrEqual(size.width);
  for (const drawn of await drawnNoteTexts(tv, ALL_TEXTS)) {
    expect(drawn.px, drawn.text).toBeGreaterThanOrEqual(minPx);
    expect(drawn.left, drawn.text).toBeGreaterThanOrEqual(canvas.x - 0.5);
    expect(drawn.top, drawn.text).toBeGreaterThanOrEqual(canvas.y - 0.5);
    expect(drawn.right, drawn.text).toBeLessThanOrEqual(canvas.x + canvas.width + 0.5);
    expect(drawn.bottom, drawn.text).toBeLessThanOrEqual(canvas.y + canvas.height + 0.5);
  }
}

/** The leader's controls, by the accessible names a person (or a screen reader) finds them by. */
const LEADER_CONTROLS: ReadonlyArray<[role: 'button' | 'combobox' | 'spinbutton', name: string]> = [
  ['button', 'Previous phase'],
  ['button', 'Next phase'],
  ['combobox', 'Go to phase'],
  ['button', 'End agenda'],
  ['spinbutton', 'Minutes'],
  ['button', 'Start timer'],
  ['button', 'Pause'],
  ['button', 'Reset'],
  ['button', 'Private writing'],
  ['button', 'Bring everyone to me'],
  ['spinbutton', 'Dots each'],
  ['button', 'Start vote'],
  ['button', 'Reveal totals'],
  ['button', 'End vote'],
  ['combobox', 'Shared screen'],
  ['button', 'Save record'],
  ['button', 'Reveal everyone’s notes'],
];

async function visibleLeaderControls(page: Page): Promise<string[]> {
  const visible: string[] = [];
  for (const [role, name] of LEADER_CONTROLS) {
    const matches = page.getByRole(role, { name, exact: true });
    for (let i = 0; i < (await matches.count()); i++) if (await matches.nth(i).isVisible()) visible.push(name);
  }
  return visible;
}

async function addTwelveNotes(model: BoardModel): Promise<void> {
  for (const zone of ['who', 'need', 'there'] as const) for (const text of NOTES[zone]) model.addNote({ zone, author: 'Ana', text });
}

describe('display mode: legible from the back of the room', () => {
  it('draws 12 notes at ≥ 28 px on a 1080p screen, a zone at a time following the phase, with no leader control', async () => {
    const board = await e2e.server.createBoard('Hall meeting');
    const leader = await leaderModel(board.id, board.keys.lead);
    await addTwelveNotes(leader);
    leader.setPhase('gather');
    leader.startTimer(5 * 60_000);

    const tv = await e2e.openBoard(await screen(1920, 1080), board.links.lead, 'Hall TV');
    // The same page, before it presents, shows the leader's controls: the query finds them.
    await waitFor(async () => expect(await visibleLeaderControls(tv)).toEqual(expect.arrayContaining(['Bring everyone to me', 'Next phase', 'Start vote', 'Shared screen'])));
    await tv.getByTestId('display-mode-toggle').click();
    await tv.getByTestId('display-mode').waitFor();

    await expectZoneShown(tv, 'who', 28);
    expect(await visibleLeaderControls(tv)).toEqual([]);
    // Join code and QR stay on screen, whole.
    const code = tv.getByTestId('join-code');
    await code.waitFor();
    expect((await code.textContent())?.trim()).toMatch(/^[2-9A-Z]{4}-[2-9A-Z]{4}$/);
    for (const target of [code, tv.getByTestId('join-qr').locator('img')]) {
      const box = (await target.boundingBox())!;
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.y + box.height).toBeLessThanOrEqual(1080);
      expect(box.x + box.width).toBeLessThanOrEqual(1920);
    }
    // The phase, and the timer large.
    expect(await tv.getByTestId('display-phase').textContent()).toContain('Gather');
    const timer = tv.getByTestId('display-timer');
    expect((await timer.textContent())?.trim()).toMatch(/^0[45]:\d\d$/);
    expect((await timer.boundingBox())!.height).toBeGreaterThanOrEqual(60);

    // The phase moves on: so does the screen, to the next zone.
    leader.setPhase('look');
    await expectZoneShown(tv, 'need', 28);
    leader.setPhase('listen');
    await expectZoneShown(tv, 'there', 28);
    expect(await visibleLeaderControls(tv)).toEqual([]);
    // A private round and the record phase bring their own leader controls elsewhere; not here.
    leader.startPrivateRound();
    await waitFor(async () => expect(await tv.getByTestId('display-status').textContent()).toContain('Private writing'));
    leader.setPhase('record');
    await waitFor(async () => expect(await tv.getByTestId('display-phase').textContent()).toContain('Record'));
    expect(await visibleLeaderControls(tv)).toEqual([]);
  });

  it('scales with the screen: ≥ 56 px on a 3840×2160 screen, the zone name twice as large', async () => {
    const board = await e2e.server.createBoard('4K hall');
    const leader = await leaderModel(board.id, board.keys.lead);
    await addTwelveNotes(leader);
    leader.setPhase('look');
    const hd = await openDisplay(await screen(1920, 1080), board.links.lead);
    const uhd = await openDisplay(await screen(3840, 2160), board.links.lead);
    await expectZoneShown(uhd, 'need', 56);
    await expectZoneShown(hd, 'need', 28);
    const fontPx = (page: Page) => page.getByTestId('display-zone-name').evaluate((element) => parseFloat(getComputedStyle(element).fontSize));
    expect(await fontPx(uhd)).toBeCloseTo(2 * (await fontPx(hd)), 0);
    expect(await fontPx(hd)).toBeGreaterThanOrEqual(40);
  });

  it('pages a crowded zone and goes round at the interval the leader sets', async () => {
    const board = await e2e.server.createBoard('Crowded');
    const leader = await leaderModel(board.id, board.keys.lead);
    const rect = zoneRect('need');
    const texts: string[] = [];
    for (let i = 0; i < 40; i++) {
      const text = `Need number ${i + 1}`;
      texts.push(text);
      leader.addNote({ zone: 'need', author: 'Ana', text, x: rect.x + 20 + (i % 4) * 240, y: 200 + Math.floor(i / 4) * 115, h: 100 });
    }
    leader.setPhase('look');
    const tv = await openDisplay(await screen(1920, 1080), board.links.view);
    const position = tv.getByTestId('display-zone-position');
    await waitFor(async () => expect((await position.textContent()) ?? '').toMatch(/^Part 1 of (\d+)/), { timeout: 10_000 });
    const pages = Number(/of (\d+)/.exec((await position.textContent())!)![1]);
    expect(pages).toBeGreaterThan(1);
    expect((await tv.getByTestId('display-zone-name').textContent())?.trim()).toBe(ZONE_NAMES.need);
    const firstPage = await drawnNoteTexts(tv, texts);
    expect(firstPage.length).toBeGreaterThan(0);
    expect(firstPage.length).toBeLessThan(texts.length);
    for (const drawn of firstPage) expect(drawn.px).toBeGreaterThanOrEqual(28);

    // The leader sets an interval from their own device (the screen has no control for it).
    const laptop = await e2e.openBoard(await e2e.newContext(), board.links.lead, 'Leader Lee');
    await laptop.getByRole('combobox', { name: 'Shared screen' }).selectOption({ label: 'next zone every 10 s' });
    await waitFor(async () => expect((await position.textContent()) ?? '').toMatch(/^Part 2 of /), { timeout: 20_000 });
    expect(leader.getSnapshot().meeting.displayCycleSeconds).toBe(10);
    const secondPage = await drawnNoteTexts(tv, texts);
    expect(secondPage.length).toBeGreaterThan(0);
    for (const drawn of secondPage) expect(drawn.px).toBeGreaterThanOrEqual(28);
    expect(secondPage.map((drawn) => drawn.text).filter((text) => firstPage.some((seen) => seen.text === text))).toEqual([]);
  });

  it('shows a revealed vote’s totals, large, and follows a leader who zooms in until the phase moves on', async () => {
    const board = await e2e.server.createBoard('Vote on the TV');
    const secret = 'display-test-voter-secret-01';
    const leader = await leaderModel(board.id, board.keys.lead, secret);
    await addTwelveNotes(leader);
    leader.setPhase('gather');
    const tv = await openDisplay(await screen(1920, 1080), board.links.lead);
    await expectZoneShown(tv, 'who', 28);

    leader.startVote(3);
    const lonely = leader.getSnapshot().notes.find((note) => note.text === 'Lonely elders')!;
    leader.castVote(lonely.id, voterIdFor(secret));
    leader.castVote(lonely.id, voterIdFor(secret));
    await waitFor(async () => expect(await tv.getByTestId('display-status').textContent()).toContain('3 dots each'));
    expect(await tv.getByTestId('display-results').count()).toBe(0);
    leader.revealVotes();
    const results = tv.getByTestId('display-results');
    await waitFor(async () => expect(await results.getByRole('listitem').first().textContent()).toMatch(/● 2\s*Lonely elders/));
    expect(await visibleLeaderControls(tv)).toEqual([]);
    // High contrast: axe-core finds nothing serious on the screen as the room sees it (timer, vote, join code).
    leader.startTimer(60_000);
    await tv.getByTestId('display-timer').waitFor();
    await tv.evaluate(readFileSync(AXE_PATH, 'utf8'));
    const violations = await tv.evaluate(async () => {
      const axe = (window as unknown as { axe: { run(context: Element): Promise<{ violations: Array<{ id: string; impact: string | null; nodes: Array<{ html: string }> }> }> } }).axe;
      const result = await axe.run(document.querySelector('.board-page')!);
      return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => ({ id: v.id, nodes: v.nodes.map((node) => node.html) }));
    });
    expect(violations).toEqual([]);

    // A leader on a laptop zooms in on something: the screen shows what they show.
    const laptop = await e2e.openBoard(await e2e.newContext(), board.links.lead, 'Leader Lee');
    await laptop.getByTestId('zoom-in').click();
    await laptop.getByTestId('zoom-in').click();
    await waitFor(async () => expect((await tv.getByTestId('display-zone-name').textContent())?.trim()).toBe('Following Leader Lee'), { timeout: 10_000 });
    const stageOf = (page: Page) =>
      page.evaluate(() => {
        const stage = window.__discern!.stage!;
        return { x: stage.x(), y: stage.y(), scale: stage.scaleX(), width: stage.width(), height: stage.height() };
      });
    const laptopView = await stageOf(laptop);
    await waitFor(async () => {
      const tvView = await stageOf(tv);
      expect(tvView.scale).toBeCloseTo(followViewport(laptopView, tvView).scale, 4);
    }, { timeout: 10_000 });
    // The phase moves on: the screen takes itself back, to the new phase's zone.
    leader.setPhase('look');
    await expectZoneShown(tv, 'need', 28);
  });
});
