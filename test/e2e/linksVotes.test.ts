import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Page } from 'playwright-core';
import { BoardModel, zoneRect, type NoteView } from '../../shared/board';
import { voteButtons } from '../../client/canvas/voteGeometry';
import { expectCanvasShowsText } from '../helpers/canvasText';
import { boardToScreen, startE2E, type E2E, notesOf } from '../helpers/e2e';
import { synced } from '../helpers/server';
import { waitFor } from '../helpers/waitFor';

vi.setConfig({ testTimeout: 60_000 });

let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(async () => e2e?.close());

function linksOf(page: Page): Promise<Array<{ from: string; to: string; kind: string }>> {
  return page.evaluate(() => window.__discern!.model.getSnapshot().links.map(({ from, to, kind }) => ({ from, to, kind })));
}

/** The connectors Konva holds for this page: each `link` arrow's points. */
function connectorPoints(page: Page): Promise<number[][]> {
  return page.evaluate(() => window.__discern!.stage!.find('.link').map((node) => (node as unknown as { points(): number[] }).points()));
}

function countShapes(page: Page, name: string): Promise<number> {
  return page.evaluate((selector) => window.__discern!.stage!.find(selector).length, `.${name}`);
}

async function clickBoard(page: Page, x: number, y: number): Promise<void> {
  const point = await boardToScreen(page, x, y);
  await page.mouse.click(point.x, point.y);
}

/** Seeds notes from outside the browser, as another device would. */
async function seed(boardId: string, key: string, notes: Array<Parameters<BoardModel['addNote']>[0]>): Promise<string[]> {
  const writer = e2e.server.connect(boardId, key);
  await synced(writer);
  const model = new BoardModel(writer.doc);
  const ids = notes.map((note) => model.addNote(note));
  await new Promise((resolve) => setTimeout(resolve, 200));
  writer.destroy();
  return ids;
}

describe('links drawn on the canvas', () => {
  it('links a need to who is there by dragging from its handle, draws and moves the connector, records it, and drops it with the note', async () => {
    const board = await e2e.server.createBoard('Links');
    const need = zoneRect('need');
    const there = zoneRect('there');
    const [needId, thereId] = await seed(board.id, board.keys.edit, [
      { zone: 'need', author: 'Ana', text: 'Lonely elders', x: need.x + 300, y: 500 },
      { zone: 'there', author: 'Ana', text: 'Visiting scheme', x: there.x + 300, y: 500 },
    ]);
    const lead = await e2e.openBoard(await e2e.newContext(), board.links.lead, 'Ana');
    const other = await e2e.openBoard(await e2e.newContext(), board.links.edit, 'Ben');
    await waitFor(async () => expect(await notesOf(lead)).toHaveLength(2));
    const [needNote, thereNote] = (await notesOf(lead)) as [NoteView, NoteView];

    // No handle until the need is selected; then drag from it onto the other note.
    await clickBoard(lead, needNote.x + needNote.w / 2, needNote.y + needNote.h / 2);
    await waitFor(async () => expect(await countShapes(lead, 'link-handle')).toBe(1));
    const handle = await boardToScreen(lead, needNote.x + needNote.w, needNote.y + needNote.h / 2);
    const target = await boardToScreen(lead, thereNote.x + thereNote.w / 2, thereNote.y + thereNote.h / 2);
    await lead.mouse.move(handle.x, handle.y);
    await lead.mouse.down();
    await lead.mouse.move(target.x, target.y, { steps: 12 });
    await lead.mouse.up();

    await waitFor(async () => expect(await linksOf(other)).toEqual([{ from: needId, to: thereId, kind: 'served-by' }]));
    // Neither note moved: the drag drew a link, not a move.
    expect((await notesOf(lead)).map((note) => [note.x, note.y])).toEqual([[needNote.x, needNote.y], [thereNote.x, thereNote.y]]);
    await waitFor(async () => expect(await connectorPoints(lead)).toHaveLength(1));
    await waitFor(async () => expect(await connectorPoints(other)).toHaveLength(1));
    const [before] = await connectorPoints(lead);
    expect(before![0]).toBeCloseTo(needNote.x + needNote.w);
    expect(before![2]).toBeCloseTo(thereNote.x);

    // The connector follows the note while it is dragged, before the move reaches the model.
    const grab = await boardToScreen(lead, thereNote.x + 40, thereNote.y + thereNote.h - 30);
    const drop = await boardToScreen(lead, thereNote.x + 40, thereNote.y + thereNote.h + 370);
    await lead.mouse.move(grab.x, grab.y);
    await lead.mouse.down();
    await lead.mouse.move(drop.x, drop.y, { steps: 10 });
    const during = (await connectorPoints(lead))[0]!;
    expect(during[3]).toBeGreaterThan(before![3]! + 100);
    expect((await notesOf(lead)).find((note) => note.id === thereId)!.y).toBe(thereNote.y);
    await lead.mouse.up();
    await waitFor(async () => expect((await notesOf(other)).find((note) => note.id === thereId)!.y).toBeGreaterThan(thereNote.y + 300));
    await waitFor(async () => expect((await connectorPoints(other))[0]![3]).toBeGreaterThan(before![3]! + 100));

    // The record lists the pair in its "need — already served by" table.
    const created = await fetch(`${e2e.server.httpUrl}/api/boards/${board.id}/snapshots`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${board.keys.lead}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ label: 'With a link' }),
    });
    expect(created.status).toBe(201);
    const { id: snapshotId } = (await created.json()) as { id: string };
    const markdown = await (
      await fetch(`${e2e.server.httpUrl}/api/boards/${board.id}/snapshots/${snapshotId}?format=md`, {
        headers: { Authorization: `Bearer ${board.keys.lead}` },
      })
    ).text();
    expect(markdown).toContain('| Need | Already served by |');
    expect(markdown.split('\n').some((line) => line.includes('Lonely elders') && line.includes('Visiting scheme') && line.startsWith('|'))).toBe(true);

    // Deleting the need takes its link with it, everywhere.
    await clickBoard(lead, needNote.x + needNote.w / 2, needNote.y + needNote.h / 2);
    await lead.keyboard.press('Delete');
    await waitFor(async () => expect(await linksOf(other)).toEqual([]));
    await waitFor(async () => expect(await connectorPoints(other)).toEqual([]));
    await waitFor(async () => expect(await connectorPoints(lead)).toEqual([]));
    // What the other person sees: the note that stays, where it was dragged to, with its words.
    await expectCanvasShowsText(other, 'Visiting scheme', { note: (await notesOf(other)).find((note) => note.id === thereId)! });
  });

  it('refuses a link between notes no kind joins, and deletes a link by selecting it', async () => {
    const board = await e2e.server.createBoard('Link rules');
    const need = zoneRect('need');
    const there = zoneRect('there');
    const [needId = '', thereId = '', otherThere = ''] = await seed(board.id, board.keys.edit, [
      { zone: 'need', author: 'Ana', text: 'Food', x: need.x + 300, y: 500 },
      { zone: 'there', author: 'Ana', text: 'Pantry', x: there.x + 300, y: 500 },
      { zone: 'there', author: 'Ana', text: 'Church', x: there.x + 300, y: 900 },
    ]);
    const page = await e2e.openBoard(await e2e.newContext(), board.links.edit, 'Ben');
    await waitFor(async () => expect(await notesOf(page)).toHaveLength(3));
    const byId = new Map((await notesOf(page)).map((note) => [note.id, note]));
    const pantry = byId.get(thereId)!;
    const church = byId.get(otherThere)!;
    const food = byId.get(needId)!;

    // From a note in "there" no handle is offered: dragging it just moves it, no link is made.
    await clickBoard(page, pantry.x + pantry.w / 2, pantry.y + pantry.h / 2);
    expect(await countShapes(page, 'link-handle')).toBe(0);

    // From a need onto empty board: nothing, with a hint.
    await clickBoard(page, food.x + food.w / 2, food.y + food.h / 2);
    const handle = await boardToScreen(page, food.x + food.w, food.y + food.h / 2);
    const empty = await boardToScreen(page, food.x + food.w / 2, food.y + food.h + 300);
    await page.mouse.move(handle.x, handle.y);
    await page.mouse.down();
    await page.mouse.move(empty.x, empty.y, { steps: 8 });
    await page.mouse.up();
    await page.getByTestId('link-hint').waitFor();
    expect(await linksOf(page)).toEqual([]);

    // A link made in the model shows up; click it, then Delete removes it.
    await page.evaluate(([from, to]) => window.__discern!.model.addLink(from!, to!, undefined, 'Ben'), [needId, church.id]);
    await waitFor(async () => expect(await connectorPoints(page)).toHaveLength(1));
    const [points] = await connectorPoints(page);
    await clickBoard(page, (points![0]! + points![2]!) / 2 - 40, (points![1]! + points![3]!) / 2 - 40 * ((points![3]! - points![1]!) / (points![2]! - points![0]!)));
    await waitFor(async () => expect(await countShapes(page, 'link-delete')).toBe(1));
    await page.keyboard.press('Delete');
    await waitFor(async () => expect(await linksOf(page)).toEqual([]));
    expect(await notesOf(page)).toHaveLength(3);
  });
});

describe('dot voting on the canvas', () => {
  it('lets the leader run a vote: budget enforced, own dots shown, totals hidden until revealed', async () => {
    const board = await e2e.server.createBoard('Votes');
    const lead = await e2e.openBoard(await e2e.newContext(), board.links.lead, 'Ana');
    const voter = await e2e.openBoard(await e2e.newContext(), board.links.edit, 'Ben');
    const watcher = await e2e.openBoard(await e2e.newContext(), board.links.edit, 'Cy');

    // Zoom the voter in so the dot buttons are drawn, then put three notes in the middle of their screen.
    for (let i = 0; i < 2; i++) await voter.keyboard.press('=');
    const centre = await voter.evaluate(() => {
      const stage = window.__discern!.stage!;
      return stage.getAbsoluteTransform().copy().invert().point({ x: stage.width() / 2, y: stage.height() / 2 });
    });
    const ids = await seed(board.id, board.keys.edit, [
      { zone: 'need', author: 'Ana', text: 'Food', x: Math.round(centre.x - 380), y: Math.round(centre.y - 80) },
      { zone: 'need', author: 'Ana', text: 'Housing', x: Math.round(centre.x - 110), y: Math.round(centre.y - 80) },
      { zone: 'need', author: 'Ana', text: 'Company', x: Math.round(centre.x + 160), y: Math.round(centre.y - 80) },
    ]);
    await waitFor(async () => expect(await notesOf(voter)).toHaveLength(3));
    const notes = new Map((await notesOf(voter)).map((note) => [note.id, note]));

    // Only the leader has the controls.
    expect(await voter.getByTestId('vote-start').count()).toBe(0);
    await lead.getByTestId('vote-budget').fill('2');
    await lead.getByTestId('vote-start').click();
    await waitFor(async () => expect((await voter.getByTestId('votes-left').textContent())?.trim()).toBe('2 dots left'));
    expect(await voter.getByTestId('vote-reveal').count()).toBe(0);

    const clickPlus = async (noteId: string) => {
      const scale = await voter.evaluate(() => window.__discern!.stage!.scaleX());
      const { plus } = voteButtons(notes.get(noteId)!, scale);
      await clickBoard(voter, plus.x, plus.y);
    };
    const totalDots = (page: Page) => page.evaluate(() => window.__discern!.model.getSnapshot().notes.reduce((sum, note) => sum + note.votes, 0));

    await clickPlus(ids[0]!);
    await clickPlus(ids[0]!);
    await waitFor(async () => expect((await voter.getByTestId('votes-left').textContent())?.trim()).toBe('0 dots left'));
    await clickPlus(ids[1]!);
    await voter.getByTestId('vote-hint').waitFor();
    expect(await voter.getByTestId('vote-hint').textContent()).toBe('No dots left');
    expect(await totalDots(voter)).toBe(2);
    await waitFor(async () => expect(await totalDots(watcher)).toBe(2));
    expect(await voter.evaluate((id) => window.__discern!.model.getSnapshot().byId.get(id)!.votes, ids[1]!)).toBe(0);

    // The voter sees their own dots; nobody sees totals yet.
    expect(await countShapes(voter, 'vote-mine')).toBe(1);
    expect(await countShapes(watcher, 'vote-mine')).toBe(0);
    for (const page of [voter, watcher, lead]) expect(await countShapes(page, 'vote-total')).toBe(0);
    expect(await watcher.locator('body').textContent()).not.toContain('● 2');

    await lead.getByTestId('vote-reveal').click();
    const totalLabels = (page: Page) =>
      page.evaluate(() => window.__discern!.stage!.find('.vote-total').map((group) => (group as unknown as { findOne(s: string): { text(): string } }).findOne('Text').text()));
    await waitFor(async () => expect(await totalLabels(watcher)).toEqual(['● 2']));
    await waitFor(async () => expect(await totalLabels(lead)).toEqual(['● 2']));

    await lead.getByTestId('vote-end').click();
    await waitFor(async () => expect(await voter.getByTestId('votes-left').count()).toBe(0));
    await waitFor(async () => expect(await totalLabels(voter)).toEqual(['● 2']));
  });
});
