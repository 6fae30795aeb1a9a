import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Page } from 'playwright-core';
import { BoardModel, zoneRect, type NoteView } from '../../shared/board';
import { expectCanvasShowsText } from '../helpers/canvasText';
import { boardToScreen, startE2E, type E2E, notesOf } from '../helpers/e2e';
import { synced } from '../helpers/server';
import { waitFor } from '../helpers/waitFor';

// Real browsers on a two-core machine: give each scenario room, without hiding a hang.
vi.setConfig({ testTimeout: 45_000 });

let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(async () => e2e?.close());

async function dblclickBoard(page: Page, x: number, y: number): Promise<void> {
  const point = await boardToScreen(page, x, y);
  await page.mouse.dblclick(point.x, point.y);
}

async function dragBoard(page: Page, from: { x: number; y: number }, to: { x: number; y: number }): Promise<void> {
  const start = await boardToScreen(page, from.x, from.y);
  const end = await boardToScreen(page, to.x, to.y);
  await page.mouse.move(start.x, start.y);
  await page.mouse.down();
  await page.mouse.move((start.x + end.x) / 2, (start.y + end.y) / 2, { steps: 5 });
  await page.mouse.move(end.x, end.y, { steps: 5 });
  await page.mouse.up();
}

/** Opens a note's in-place editor by double-clicking it, types, and leaves the editor. */
async function typeIntoNote(page: Page, note: NoteView, text: string): Promise<void> {
  await dblclickBoard(page, note.x + note.w / 2, note.y + note.h / 2);
  const editor = page.getByTestId('note-editor');
  await editor.waitFor();
  await editor.press('End');
  await editor.pressSequentially(text);
  await page.keyboard.press('Escape');
}

describe('a board used live from two browsers', () => {
  it('creates a board from the home page and shows the share links to the leader', async () => {
    const context = await e2e.newContext();
    const page = await context.newPage();
    await page.goto(e2e.server.httpUrl);
    await page.getByTestId('create-board-title').fill('Riverside discernment');
    await page.getByTestId('create-board-submit').click();
    await page.waitForURL(/\/b\/[A-Za-z0-9_-]{21,}#k=/);
    await page.getByTestId('name-input').fill('Leader Lee');
    await page.getByTestId('name-submit').click();
    await page.getByTestId('connection-status').and(page.locator('[data-status="live"]')).waitFor();
    const editLink = await page.getByTestId('share-edit-link').inputValue().catch(() => page.getByTestId('share-edit-link').textContent());
    const viewLink = await page.getByTestId('share-view-link').inputValue().catch(() => page.getByTestId('share-view-link').textContent());
    expect(editLink).toMatch(/\/b\/[A-Za-z0-9_-]{21,}#k=[A-Za-z0-9_-]{21,}$/);
    expect(viewLink).toMatch(/#k=/);
    expect(editLink).not.toBe(viewLink);
    // The key lives in the fragment: the page URL path and query never carry it.
    expect(new URL(page.url()).search).toBe('');
  });

  it('shows a note live to another person, merges edits and drags, and undoes only your own edits', async () => {
    const board = await e2e.server.createBoard('Live meeting');
    const a = await e2e.openBoard(await e2e.newContext(), board.links.lead, 'Ana');
    const b = await e2e.openBoard(await e2e.newContext(), board.links.edit, 'Ben');

    const need = zoneRect('need');
    await dblclickBoard(a, need.x + need.w / 2, need.y + 600);
    const [created] = await waitFor(async () => {
      const notes = await notesOf(a);
      expect(notes).toHaveLength(1);
      return notes;
    });
    expect(created!.zone).toBe('need');
    expect(created!.author).toBe('Ana');
    // A double-click that adds a note opens its editor; leave it empty and close it.
    await a.keyboard.press('Escape');

    const seenByB = await waitFor(async () => {
      const notes = await notesOf(b);
      expect(notes.map((n) => n.id)).toEqual([created!.id]);
      return notes[0]!;
    });
    await typeIntoNote(b, seenByB, 'Lonely elders');
    await waitFor(async () => expect((await notesOf(a))[0]?.text).toBe('Lonely elders'));

    const there = zoneRect('there');
    const current = (await notesOf(a))[0]!;
    await dragBoard(
      a,
      { x: current.x + current.w / 2, y: current.y + current.h / 2 },
      { x: there.x + there.w / 2, y: current.y + current.h / 2 },
    );
    await waitFor(async () => expect((await notesOf(a))[0]?.zone).toBe('there'));
    await waitFor(async () => expect((await notesOf(b))[0]?.zone).toBe('there'));

    // Undo in A reverts A's drag, never B's text.
    await a.keyboard.press('Control+z');
    await waitFor(async () => expect((await notesOf(b))[0]).toMatchObject({ zone: 'need', text: 'Lonely elders' }));
    expect((await notesOf(a))[0]).toMatchObject({ zone: 'need', text: 'Lonely elders' });
    // What both people see: B's words on the note, back in its place, on each canvas.
    const shown = (await notesOf(a))[0]!;
    await expectCanvasShowsText(a, 'Lonely elders', { note: shown });
    await expectCanvasShowsText(b, 'Lonely elders', { note: shown });
  });

  it('lets a viewer watch live but not add, edit or move notes', async () => {
    const board = await e2e.server.createBoard('Watched');
    const editor = await e2e.openBoard(await e2e.newContext(), board.links.edit, 'Eve');
    const viewer = await e2e.openBoard(await e2e.newContext(), board.links.view, 'Vic');
    await viewer.getByTestId('view-only-badge').waitFor();

    const who = zoneRect('who');
    await dblclickBoard(editor, who.x + 500, 700);
    await editor.keyboard.press('Escape');
    const note = await waitFor(async () => {
      const notes = await notesOf(viewer);
      expect(notes).toHaveLength(1);
      return notes[0]!;
    });

    await dblclickBoard(viewer, who.x + 300, 1100);
    await viewer.keyboard.press('n');
    await dragBoard(viewer, { x: note.x + note.w / 2, y: note.y + note.h / 2 }, { x: zoneRect('there').x + 400, y: 900 });
    const addButton = viewer.getByTestId('add-note');
    if ((await addButton.count()) > 0) expect(await addButton.isDisabled()).toBe(true);
    // Give any stray edit time to travel, then check neither side changed.
    await new Promise((resolve) => setTimeout(resolve, 500));
    for (const page of [viewer, editor]) {
      const notes = await notesOf(page);
      expect(notes).toHaveLength(1);
      expect(notes[0]).toMatchObject({ id: note.id, x: note.x, y: note.y, zone: 'who' });
    }
    // What the viewer sees: the badge saying so, and no editor opened by their double-click or N.
    expect(await viewer.getByTestId('view-only-badge').textContent()).toBe('View only');
    expect(await viewer.getByTestId('note-editor').count()).toBe(0);
  });

  it('keeps edits made offline and merges them when back online', async () => {
    const board = await e2e.server.createBoard('Patchy wifi');
    const contextB = await e2e.newContext();
    const a = await e2e.openBoard(await e2e.newContext(), board.links.edit, 'Ana');
    const b = await e2e.openBoard(contextB, board.links.edit, 'Ben');
    const who = zoneRect('who');
    await dblclickBoard(a, who.x + 500, 600);
    await a.keyboard.press('Escape');
    const note = await waitFor(async () => {
      const notes = await notesOf(b);
      expect(notes).toHaveLength(1);
      return notes[0]!;
    });

    await contextB.setOffline(true);
    await b.getByTestId('connection-status').and(b.locator('[data-status="offline"]')).waitFor();
    await typeIntoNote(b, note, 'written offline');
    await a.getByTestId('add-note').click();
    await a.keyboard.press('Escape');
    await waitFor(async () => expect(await notesOf(a)).toHaveLength(2));
    await contextB.setOffline(false);

    await waitFor(async () => {
      const [fromA, fromB] = [await notesOf(a), await notesOf(b)];
      expect(fromA).toHaveLength(2);
      expect(fromB).toEqual(fromA);
      expect(fromA.find((n) => n.id === note.id)?.text).toBe('written offline');
    }, { timeout: 15_000 });
    // What each person sees: the words written offline, on the note, on both canvases.
    const merged = (await notesOf(a)).find((n) => n.id === note.id)!;
    await expectCanvasShowsText(a, 'written offline', { note: merged });
    await expectCanvasShowsText(b, 'written offline', { note: merged });
  });

  it('keeps offline edits in the browser when the tab is closed before the connection returns', async () => {
    const board = await e2e.server.createBoard('Closed laptop');
    const contextB = await e2e.newContext();
    const a = await e2e.openBoard(await e2e.newContext(), board.links.edit, 'Ana');
    const b = await e2e.openBoard(contextB, board.links.edit, 'Ben');
    await contextB.setOffline(true);
    await b.getByTestId('connection-status').and(b.locator('[data-status="offline"]')).waitFor();
    await b.getByTestId('add-note').click();
    await b.keyboard.type('kept on this device');
    await b.keyboard.press('Escape');
    await waitFor(async () => expect((await notesOf(b))[0]?.text).toBe('kept on this device'));
    // y-indexeddb writes asynchronously; let it settle before the tab goes away.
    await b.waitForTimeout(300);
    await b.close();
    expect(await notesOf(a)).toHaveLength(0);

    await contextB.setOffline(false);
    await e2e.openBoard(contextB, board.links.edit, 'Ben');
    await waitFor(async () => expect((await notesOf(a))[0]?.text).toBe('kept on this device'), { timeout: 15_000 });
    await expectCanvasShowsText(a, 'kept on this device', { note: (await notesOf(a))[0]! });
  });

  it('reloads a board while offline, from the kept app shell and the browser copy of the board', async () => {
    const board = await e2e.server.createBoard('No signal in the hall');
    const contextB = await e2e.newContext();
    const a = await e2e.openBoard(await e2e.newContext(), board.links.edit, 'Ana');
    const b = await e2e.openBoard(contextB, board.links.edit, 'Ben');
    await b.getByTestId('add-note').click();
    await b.keyboard.type('before the reload');
    await b.keyboard.press('Escape');
    await waitFor(async () => expect((await notesOf(a)).map((n) => n.text)).toEqual(['before the reload']));
    // The service worker has taken over and kept the code this page runs on.
    await b.waitForFunction(() => !!navigator.serviceWorker.controller);
    await b.waitForFunction(async () => (await (await caches.open('discern-shell-v1')).keys()).length >= 3);

    await contextB.setOffline(true);
    await b.reload();
    await b.getByTestId('connection-status').and(b.locator('[data-status="offline"]')).waitFor();
    await waitFor(async () => expect((await notesOf(b)).map((n) => n.text)).toEqual(['before the reload']));
    // What the person sees after reloading offline: the note's words on the canvas, and that they are offline.
    await expectCanvasShowsText(b, 'before the reload', { note: (await notesOf(b))[0]! });
    expect(await b.getByTestId('connection-status').textContent()).toBe('offline');
    await b.getByTestId('add-note').click();
    await b.keyboard.type('written after an offline reload');
    await b.keyboard.press('Escape');
    await b.waitForTimeout(300);
    expect(await notesOf(a)).toHaveLength(1);

    await contextB.setOffline(false);
    await waitFor(
      async () => expect((await notesOf(a)).map((n) => n.text).sort()).toEqual(['before the reload', 'written after an offline reload']),
      { timeout: 15_000 },
    );
  });

  it('shows a note written by a plain Node y-websocket client in the documented format', async () => {
    const board = await e2e.server.createBoard('Outside client');
    const page = await e2e.openBoard(await e2e.newContext(), board.links.view, 'Watcher');
    const outside = e2e.server.connect(board.id, board.keys.edit);
    await synced(outside);
    const id = new BoardModel(outside.doc).addNote({ zone: 'there', author: 'Script', text: 'Food pantry at St Mark' });
    await waitFor(async () => expect((await notesOf(page)).find((n) => n.id === id)?.text).toBe('Food pantry at St Mark'));
    await expectCanvasShowsText(page, 'Food pantry at St Mark', { note: (await notesOf(page)).find((n) => n.id === id)! });
    // The check reads what is drawn: words that are on no note are not found.
    await expect(expectCanvasShowsText(page, 'Soup kitchen', { timeout: 300 })).rejects.toThrow(/does not show "Soup kitchen"/);
  });

  it('renders the three zones (screenshot smoke check)', async () => {
    const board = await e2e.server.createBoard('Smoke');
    const page = await e2e.openBoard(await e2e.newContext(), board.links.lead, 'Shot');
    mkdirSync('test-results', { recursive: true });
    await page.screenshot({ path: 'test-results/three-zones.png' });
    // Each zone's header band is painted: its pixels differ from the page background beside the board.
    const painted = await page.evaluate(async () => {
      const stage = window.__discern!.stage!;
      const canvas = stage.toCanvas({ pixelRatio: 1 });
      const context = canvas.getContext('2d')!;
      const transform = stage.getAbsoluteTransform();
      return [500, 1540, 2580].map((x) => {
        const point = transform.point({ x, y: 60 });
        const [r, g, b, alpha] = context.getImageData(Math.round(point.x), Math.round(point.y), 1, 1).data;
        return alpha! > 0 && !(r === 255 && g === 255 && b === 255);
      });
    });
    expect(painted).toEqual([true, true, true]);
  });
});
