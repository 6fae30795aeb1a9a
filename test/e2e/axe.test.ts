import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Page } from 'playwright-core';
import { seriousAxeViolations } from '../helpers/axe';
import { contrastRatio } from '../../shared/board/contrast';
import { BoardModel } from '../../shared/board/model';
import { startE2E, type CreatedBoard, type E2E } from '../helpers/e2e';
import { synced } from '../helpers/server';
import { waitFor } from '../helpers/waitFor';

vi.setConfig({ testTimeout: 120_000 });

/**
 * axe-core on every page a person meets, for the leader (lead link) and a participant (edit link):
 * no serious or critical violation. The board is a meeting in progress (notes, a phase, a timer, a
 * vote running, a record saved, someone else here with a pale presence colour), so the panels show
 * what they show in a real meeting. Each failure lists the rule, the element and axe's explanation.
 */
let e2e: E2E;
let board: CreatedBoard;
beforeAll(async () => {
  e2e = await startE2E();
  board = await e2e.server.createBoard('Parish council, March');
  // Another person, whose colour is the palest a client may send: the avatar must stay readable.
  const peer = e2e.server.connect(board.id, board.keys.edit);
  peer.awareness.setLocalState({
    user: { name: 'Sunny Day', color: '#fff9c4', role: 'edit' },
    cursor: { x: 400, y: 300 },
    editing: null,
    selection: [],
    viewport: null,
    follow: false,
    summon: null,
  });
});
afterAll(async () => e2e?.close());

/** Scans the page and, for a board, checks the landmarks a screen reader user jumps by. */
async function expectAccessible(page: Page, where: string): Promise<void> {
  const violations = await seriousAxeViolations(page);
  expect(violations, `axe on ${where}`).toEqual([]);
}

async function expectBoardLandmarks(page: Page, where: string): Promise<void> {
  expect(await page.getByRole('main').count(), `one main landmark on ${where}`).toBe(1);
  expect(await page.getByRole('heading', { level: 1 }).count(), `one h1 on ${where}`).toBe(1);
}

/** Opens display mode from the header, scans it, and leaves it. */
async function checkDisplay(page: Page, who: string): Promise<void> {
  await page.getByTestId('display-mode-toggle').click();
  await page.getByTestId('display-mode').waitFor();
  // What the room reads: the board's title on the shared screen.
  await page.getByRole('heading', { level: 1, name: 'Parish council, March' }).waitFor();
  await expectAccessible(page, `display mode (${who})`);
  await expectBoardLandmarks(page, `display mode (${who})`);
  await page.getByTestId('display-exit').click();
  await page.getByTestId('display-mode').waitFor({ state: 'detached' });
}

async function checkOutline(page: Page, who: string): Promise<void> {
  await page.getByTestId('view-toggle').click();
  await page.getByTestId('outline-view').waitFor();
  await page.getByTestId('outline-note-text').getByText('Lonely elders', { exact: true }).waitFor();
  await expectAccessible(page, `the outline (${who})`);
  await expectBoardLandmarks(page, `the outline (${who})`);
  await page.getByTestId('view-toggle').click();
  await page.locator('.board-canvas').waitFor();
}

describe('axe-core', () => {
  it('finds nothing serious on the home page', async () => {
    const page = await (await e2e.newContext()).newPage();
    await page.goto(e2e.server.httpUrl);
    await page.getByRole('heading', { level: 1, name: 'Discern' }).waitFor();
    await expectAccessible(page, 'the home page');
    expect(await page.getByRole('main').count()).toBe(1);
  });

  it('finds nothing serious when asked for a name before a board opens', async () => {
    const page = await (await e2e.newContext()).newPage();
    await page.goto(`${e2e.server.httpUrl}${board.links.edit}`);
    await page.getByTestId('name-input').waitFor();
    await expectAccessible(page, 'the name prompt');
  });

  it('finds nothing serious on the leader’s board: canvas with share, vote, records and prompts, display, outline', async () => {
    const lee = await e2e.openBoard(await e2e.newContext(), board.links.lead, 'Leader Lee');
    await lee.evaluate(() => {
      const model = window.__discern!.model;
      model.addNote({ zone: 'need', author: 'Lee', text: 'Lonely elders' });
      model.addNote({ zone: 'there', author: 'Sam', addedBy: 'Lee', text: 'Lunch club at St Mary’s' });
      model.addNote({ zone: 'who', author: 'Lee', text: 'We can drive' });
      model.setPhase('look');
      model.startTimer(5 * 60_000);
      model.startVote(3);
    });
    // What the leader sees: the phase, the vote running, the share links, the other person.
    await lee.getByTestId('phase-current').getByText('Look').waitFor();
    await lee.getByTestId('vote-reveal').waitFor();
    await lee.getByTestId('share-edit-link').waitFor();
    await lee.getByTestId('presence-avatar').nth(1).waitFor();
    await expectAccessible(lee, 'the leader’s board with the share panel and vote panel open');
    await expectBoardLandmarks(lee, 'the leader’s board');
    // axe cannot see into the canvas: the other person's name by their cursor, on their pale colour, is checked here.
    const label = await waitFor(async () => {
      const drawn = await lee.evaluate(() => {
        const text = window.__discern!.stage!.find('Text').find((node) => (node as unknown as { text(): string }).text() === 'Sunny Day');
        const tag = text?.getParent()?.findOne('Rect');
        return text && tag ? { text: String(text.getAttr('fill')), tag: String(tag.getAttr('fill')) } : null;
      });
      expect(drawn).not.toBeNull();
      return drawn!;
    });
    expect(label.tag).toBe('#fff9c4');
    expect(contrastRatio(label.text, label.tag)).toBeGreaterThanOrEqual(4.5);

    await lee.getByTestId('records-open').click();
    await lee.getByTestId('record-label-input').fill('Meeting 1');
    await lee.getByTestId('record-save').click();
    await lee.getByTestId('record-item').getByText('Meeting 1').waitFor();
    await expectAccessible(lee, 'the leader’s board with the records panel open');
    // A comparison with the live board, after a note is edited and one added: every kind of change listed.
    await lee.evaluate(() => {
      const model = window.__discern!.model;
      const note = model.getSnapshot().notes.find((shown) => shown.text === 'We can drive')!;
      model.setNoteText(note.id, 'We can drive on Sundays');
      model.addNote({ zone: 'need', author: 'Lee', text: 'Youth with nowhere to go' });
    });
    await lee.getByTestId('record-compare-live').click();
    await lee.getByTestId('compare-summary').getByText('Edited', { exact: true }).waitFor();
    await expectAccessible(lee, 'a comparison with the live board');
    // A record open on the canvas, with its banner.
    await lee.getByTestId('record-open').click();
    await lee.getByTestId('record-banner').waitFor();
    await expectAccessible(lee, 'a record shown on the canvas');
    await lee.getByTestId('record-back-live').click();
    await lee.getByTestId('records-close').click();

    await lee.getByTestId('edit-prompts').click();
    await lee.getByRole('dialog', { name: 'Guiding prompts' }).waitFor();
    await expectAccessible(lee, 'the prompts dialog');
    await lee.keyboard.press('Escape');
    await lee.getByRole('dialog').waitFor({ state: 'detached' });

    await checkDisplay(lee, 'leader');
    await checkOutline(lee, 'leader');
  });

  it('finds nothing serious on a participant’s board: canvas with share, vote and records, display, outline', async () => {
    const pat = await e2e.openBoard(await e2e.newContext(), board.links.edit, 'Pat Participant');
    await pat.getByTestId('votes-left').waitFor();
    await pat.getByTestId('share-toggle').click();
    await pat.getByTestId('share-edit-link').waitFor();
    await expectAccessible(pat, 'a participant’s board with the share panel and vote panel open');
    await expectBoardLandmarks(pat, 'a participant’s board');

    await pat.getByTestId('records-open').click();
    await pat.getByTestId('record-item').getByText('Meeting 1').waitFor();
    await expectAccessible(pat, 'a participant’s board with the records panel open');
    await pat.getByTestId('records-close').click();

    await checkDisplay(pat, 'participant');
    await checkOutline(pat, 'participant');

    // Private writing, started by the leader's device: the banner and the participant's own drafts.
    const leader = e2e.server.connect(board.id, board.keys.lead);
    await synced(leader);
    const leaderModel = new BoardModel(leader.doc);
    leaderModel.startPrivateRound();
    await pat.getByTestId('private-banner').waitFor();
    await pat.getByTestId('private-add-input').fill('Lonely elders on Mill Street');
    await pat.getByTestId('private-add').click();
    await pat.getByTestId('private-draft').waitFor();
    await expectAccessible(pat, 'private writing');
    leaderModel.revealPrivateRound();
    await pat.getByTestId('private-banner').waitFor({ state: 'detached' });
  });

  it('finds nothing serious for a viewer (view link): canvas with the View only badge, and display mode', async () => {
    const vic = await e2e.openBoard(await e2e.newContext(), board.links.view, 'Vic Viewer');
    await vic.getByTestId('view-only-badge').getByText('View only').waitFor();
    await expectAccessible(vic, 'a viewer’s board');
    await expectBoardLandmarks(vic, 'a viewer’s board');
    await checkDisplay(vic, 'viewer');
  });

  it('finds nothing serious on the outline on a phone', async () => {
    const context = await e2e.browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    try {
      const page = await e2e.openBoard(context, board.links.edit, 'Phone Pat');
      await page.getByTestId('outline-note-text').getByText('Lonely elders', { exact: true }).waitFor();
      await expectAccessible(page, 'the outline on a phone');
      await expectBoardLandmarks(page, 'the outline on a phone');
      // The header's folded menu, open.
      await page.getByTestId('header-menu-toggle').click();
      await page.getByTestId('records-open').waitFor();
      await expectAccessible(page, 'the header menu open on a phone');
    } finally {
      await context.close();
    }
  });
});
