import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Download, Page } from 'playwright-core';
import { BOARD_HEIGHT, BOARD_WIDTH, zoneRect } from '../../shared/board';
import { BoardModel } from '../../shared/board/model';
import { boardBounds } from '../../client/export/bounds';
import { LINK_STYLES } from '../../client/canvas/LinkShapes';
import { expectCanvasShowsText } from '../helpers/canvasText';
import { boardToScreen, startE2E, type E2E, notesOf } from '../helpers/e2e';
import { synced } from '../helpers/server';
import { waitFor } from '../helpers/waitFor';

// Real browsers, big images and a PDF on a two-core machine.
vi.setConfig({ testTimeout: 90_000 });

let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(async () => e2e?.close());

async function downloadOf(page: Page, testId: string): Promise<{ name: string; bytes: Buffer }> {
  const [download] = (await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), page.getByTestId(testId).click()])) as [Download, void];
  const path = await download.path();
  return { name: download.suggestedFilename(), bytes: await readFile(path) };
}

/** Width and height from a PNG's IHDR chunk, which always directly follows the 8-byte signature. */
function pngSize(bytes: Buffer): { width: number; height: number } {
  expect([...bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  expect(bytes.toString('latin1', 12, 16)).toBe('IHDR');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

/** The colour of one pixel of a PNG, decoded by the browser, as `#rrggbb`. */
function pixelOf(page: Page, png: Buffer, x: number, y: number): Promise<string> {
  return page.evaluate(
    async ({ base64, x, y }) => {
      const bytes = Uint8Array.from(atob(base64), (char) => char.charCodeAt(0));
      const bitmap = await createImageBitmap(new Blob([bytes], { type: 'image/png' }));
      const context = new OffscreenCanvas(1, 1).getContext('2d')!;
      context.drawImage(bitmap, -x, -y);
      const [r, g, b] = context.getImageData(0, 0, 1, 1).data;
      return `#${[r, g, b].map((value) => value!.toString(16).padStart(2, '0')).join('')}`;
    },
    { base64: png.toString('base64'), x, y },
  );
}

const FILE_DATE = /^riverside-discernment-\d{4}-\d{2}-\d{2}\./;

describe('discernment records from the records panel', () => {
  it('saves, compares with live, exports, opens and restores a record', async () => {
    const board = await e2e.server.createBoard('Riverside discernment');
    // The first meeting's note, written by a plain client so its text is exact.
    const outside = e2e.server.connect(board.id, board.keys.edit);
    await synced(outside);
    new BoardModel(outside.doc).addNote({ zone: 'who', author: 'Ana', text: 'Retired teachers', x: 60, y: 260 });

    const lead = await e2e.openBoard(await e2e.newContext(), board.links.lead, 'Leader Lee');
    const participant = await e2e.openBoard(await e2e.newContext(), board.links.edit, 'Ben');
    await waitFor(async () => expect(await notesOf(lead)).toHaveLength(1));
    outside.destroy();

    // The leader saves the board as a record.
    await lead.getByTestId('records-open').click();
    await lead.getByTestId('record-label-input').fill('Meeting 1');
    await lead.getByTestId('record-save').click();
    const item = lead.getByTestId('record-item');
    await item.waitFor();
    expect(await item.count()).toBe(1);
    expect(await item.textContent()).toMatch(/Meeting 1.*1 note/);
    const recordId = await item.getAttribute('data-record-id');
    expect(recordId).toMatch(/^[A-Za-z0-9_-]{21,}$/);

    // A participant adds a note in the need zone.
    const need = zoneRect('need');
    const point = await boardToScreen(participant, need.x + need.w / 2, 700);
    await participant.mouse.dblclick(point.x, point.y);
    const editor = participant.getByTestId('note-editor');
    await editor.waitFor();
    await editor.pressSequentially('Soup kitchen on Elm');
    await participant.keyboard.press('Escape');
    await waitFor(async () => expect((await notesOf(lead)).map((note) => note.text).sort()).toEqual(['Retired teachers', 'Soup kitchen on Elm']));

    // Compared with live, the record shows exactly one added note.
    await lead.getByTestId('record-compare-live').click();
    const summary = lead.getByTestId('compare-summary');
    await waitFor(async () => expect(await summary.textContent()).toContain('Soup kitchen on Elm'));
    expect(await summary.textContent()).toContain('1 added, 0 removed, 0 edited, 0 moved');
    expect(await summary.getAttribute('data-added')).toBe('1');
    expect(await lead.getByTestId('record-banner').textContent()).toContain('Comparing Meeting 1 with live');

    await mkdir('test-results', { recursive: true });
    await lead.screenshot({ path: 'test-results/records-compare.png' });

    // Exports of the board as it is now (the later side of the comparison). Zoomed in, the live
    // canvas culls the notes out of view; the export still holds the whole board.
    for (let step = 0; step < 6; step++) await lead.getByTestId('zoom-in').click();
    const png = await downloadOf(lead, 'export-png');
    expect(png.name).toMatch(FILE_DATE);
    expect(png.name.endsWith('.png')).toBe(true);
    await writeFile('test-results/records-export.png', png.bytes);
    const retired = (await notesOf(lead)).find((note) => note.text === 'Retired teachers')!;
    const visible = await lead.evaluate(() => window.__discern!.stage!.getAbsoluteTransform().point({ x: 100, y: 300 }).x);
    expect(visible).toBeLessThan(0);
    // The image starts at the board's top-left corner less the export margin (40), at 2×.
    expect(await pixelOf(lead, png.bytes, (retired.x + 100 + 40) * 2, (retired.y + 50 + 40) * 2)).toBe(retired.color);
    const size = pngSize(png.bytes);
    expect(size.width).toBeGreaterThanOrEqual(2 * BOARD_WIDTH);
    expect(size.height).toBeGreaterThanOrEqual(2 * BOARD_HEIGHT);

    const pdf = await downloadOf(lead, 'export-pdf');
    expect(pdf.name).toMatch(/\.pdf$/);
    const pdfText = pdf.bytes.toString('latin1');
    expect(pdfText.startsWith('%PDF-')).toBe(true);
    expect(pdfText.trimEnd().endsWith('%%EOF')).toBe(true);
    for (const text of ['Who are we?', "What's the need?", "Who's already there?", 'Retired teachers', 'Soup kitchen on Elm', 'Riverside discernment', 'Participants: Ana, Ben']) {
      expect(pdfText).toContain(text);
    }

    const markdown = (await downloadOf(lead, 'export-md')).bytes.toString('utf8');
    expect(markdown).toContain('# Riverside discernment');
    expect(markdown).toContain('Soup kitchen on Elm — Ben');
    const json = JSON.parse((await downloadOf(lead, 'export-json')).bytes.toString('utf8')) as { zones: Array<{ key: string; notes: Array<{ text: string }> }> };
    expect(json.zones.find((zone) => zone.key === 'need')?.notes.map((note) => note.text)).toEqual(['Soup kitchen on Elm']);

    // Opened, the record is shown read-only and exports as the server's record.
    await lead.getByTestId('record-open').click();
    await waitFor(async () => expect(await lead.getByTestId('record-banner').textContent()).toContain('Viewing record Meeting 1'));
    expect(await lead.getByTestId('add-note').count()).toBe(0);
    const recordMarkdown = (await downloadOf(lead, 'export-md')).bytes.toString('utf8');
    expect(recordMarkdown).toContain('Retired teachers');
    expect(recordMarkdown).not.toContain('Soup kitchen');
    await lead.getByTestId('record-back-live').click();
    await lead.getByTestId('add-note').waitFor();

    // Restore with confirmation: the participant's live board becomes the record again.
    await lead.getByTestId('record-restore').click();
    await lead.getByTestId('record-restore-confirm').click();
    await waitFor(async () => expect((await notesOf(participant)).map((note) => note.text)).toEqual(['Retired teachers']), { timeout: 15_000 });
    await waitFor(async () => expect((await notesOf(lead)).map((note) => note.text)).toEqual(['Retired teachers']));
    expect(await lead.getByTestId('records-message').textContent()).toContain('Restored');
  });

  it('lets a participant browse and compare records but not save or restore them', async () => {
    const board = await e2e.server.createBoard('Riverside discernment');
    const created = await fetch(`${e2e.server.httpUrl}/api/boards/${board.id}/snapshots`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${board.keys.lead}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ label: 'Empty start' }),
    });
    expect(created.status).toBe(201);
    const page = await e2e.openBoard(await e2e.newContext(), board.links.edit, 'Ben');
    await page.getByTestId('records-open').click();
    await page.getByTestId('record-item').waitFor();
    expect(await page.getByTestId('record-save').count()).toBe(0);
    expect(await page.getByTestId('record-restore').count()).toBe(0);
    expect(await page.getByTestId('record-delete').count()).toBe(0);
    await page.getByTestId('add-note').click();
    await page.keyboard.type('After the start');
    await page.keyboard.press('Escape');
    await page.getByTestId('record-compare-live').click();
    await waitFor(async () => expect(await page.getByTestId('compare-summary').getAttribute('data-added')).toBe('1'));
  });

  it('starts a new board from a record and opens it as its leader', async () => {
    const board = await e2e.server.createBoard('Riverside discernment');
    const outside = e2e.server.connect(board.id, board.keys.edit);
    await synced(outside);
    new BoardModel(outside.doc).addNote({ zone: 'there', author: 'Ana', text: 'Food bank at St Mark' });
    const lead = await e2e.openBoard(await e2e.newContext(), board.links.lead, 'Leader Lee');
    await waitFor(async () => expect(await notesOf(lead)).toHaveLength(1));
    outside.destroy();
    await lead.getByTestId('records-open').click();
    await lead.getByTestId('record-save').click();
    await lead.getByTestId('record-item').waitFor();
    await lead.getByTestId('record-fork').click();
    await lead.waitForURL((url) => url.pathname.startsWith('/b/') && !url.pathname.includes(board.id) && url.hash.startsWith('#k='));
    await lead.getByTestId('connection-status').and(lead.locator('[data-status="live"]')).waitFor();
    await waitFor(async () => expect((await notesOf(lead)).map((note) => note.text)).toEqual(['Food bank at St Mark']));
    // The new board's leader link: the share panel offers the participant link.
    await lead.getByTestId('share-edit-link').waitFor();
    // And the record's note is on the new board's canvas, as the leader sees it.
    await expectCanvasShowsText(lead, 'Food bank at St Mark', { note: (await notesOf(lead))[0]! });
  });

  it('draws the links between notes in the exported picture', async () => {
    const board = await e2e.server.createBoard('Riverside discernment');
    const outside = e2e.server.connect(board.id, board.keys.edit);
    await synced(outside);
    const model = new BoardModel(outside.doc);
    const need = model.addNote({ zone: 'need', author: 'Ana', text: 'After-school care', x: 1100, y: 300 });
    const there = model.addNote({ zone: 'there', author: 'Ben', text: 'Library homework club', x: 2200, y: 300 });
    model.addLink(need, there);
    const lead = await e2e.openBoard(await e2e.newContext(), board.links.lead, 'Leader Lee');
    await waitFor(async () => expect(await lead.evaluate(() => window.__discern!.model.getSnapshot().links.length)).toBe(1));
    outside.destroy();
    await lead.getByTestId('records-open').click();
    const png = await downloadOf(lead, 'export-png');
    const notes = await notesOf(lead);
    const area = boardBounds(notes);
    // Half-way between the need's right edge and the other note's left edge, on the connector.
    const from = notes.find((note) => note.id === need)!;
    const to = notes.find((note) => note.id === there)!;
    const x = ((from.x + from.w + to.x) / 2 - area.x) * 2;
    const y = (from.y + from.h / 2 - area.y) * 2;
    expect(await pixelOf(lead, png.bytes, Math.round(x), Math.round(y))).toBe(LINK_STYLES['served-by'].color);
  });

  it('lets the leader delete a record after confirming, for everyone', async () => {
    const board = await e2e.server.createBoard('Riverside discernment');
    const lead = await e2e.openBoard(await e2e.newContext(), board.links.lead, 'Leader Lee');
    await lead.getByTestId('records-open').click();
    for (const label of ['Keep me', 'Throw me away']) {
      await lead.getByTestId('record-label-input').fill(label);
      await lead.getByTestId('record-save').click();
      await waitFor(async () => expect(await lead.getByTestId('record-item').allTextContents()).toContainEqual(expect.stringContaining(label)));
    }
    const doomed = lead.getByTestId('record-item').filter({ hasText: 'Throw me away' });
    const doomedId = await doomed.getAttribute('data-record-id');
    // Cancel first: nothing happens.
    await doomed.getByTestId('record-delete').click();
    await lead.keyboard.press('Escape');
    expect(await lead.getByTestId('record-item').count()).toBe(2);
    await doomed.getByTestId('record-delete').click();
    await lead.getByTestId('record-delete-confirm').click();
    await waitFor(async () => expect(await lead.getByTestId('record-item').allTextContents()).toEqual([expect.stringContaining('Keep me')]));
    const gone = await fetch(`${e2e.server.httpUrl}/api/boards/${board.id}/snapshots/${doomedId}`, {
      headers: { authorization: `Bearer ${board.keys.view}` },
    });
    expect(gone.status).toBe(404);
  });
});
