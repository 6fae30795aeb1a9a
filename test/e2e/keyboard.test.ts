import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { contrastRatio } from '../../shared/board/contrast';
import { startE2E, type E2E } from '../helpers/e2e';

vi.setConfig({ testTimeout: 60_000 });

/**
 * Keyboard and zoom access, as a person without a mouse (or with low vision) meets them: every modal
 * dialog keeps Tab inside itself, closes on Esc and gives focus back to the button that opened it;
 * focus is drawn with a ring that contrasts with what is behind it; Tab goes through the header in
 * the order it reads; the page can be pinch-zoomed while a pinch on the canvas still zooms the board.
 */
let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(async () => e2e?.close());

/** The focused element's test id, or its tag and text when it has none; and whether it is inside `within`. */
async function focusIn(page: Page, within: Locator): Promise<{ inside: boolean; id: string }> {
  const handle = await within.elementHandle();
  return page.evaluate((root) => {
    const active = document.activeElement;
    const id = active?.getAttribute('data-testid') ?? `${active?.tagName.toLowerCase()}:${active?.textContent?.trim().slice(0, 30)}`;
    return { inside: !!root && !!active && root.contains(active), id };
  }, handle);
}

/**
 * Tabs forward through the dialog more times than it has controls, then back: focus never leaves it,
 * and comes round to where it started both ways (so it cycles rather than sticking at an end).
 */
async function expectTabCyclesInside(page: Page, dialog: Locator): Promise<void> {
  const start = await focusIn(page, dialog);
  expect(start.inside, 'focus starts in the dialog').toBe(true);
  const controls = await dialog.locator('button:not([disabled]), input:not([disabled]), textarea, select, a[href]').count();
  for (const key of ['Tab', 'Shift+Tab']) {
    const seen: string[] = [];
    for (let press = 0; press < controls; press++) {
      await page.keyboard.press(key);
      const now = await focusIn(page, dialog);
      expect(now.inside, `after ${key} ×${press + 1} focus is on ${now.id}, outside the dialog`).toBe(true);
      seen.push(now.id);
    }
    expect(seen.at(-1), `${key} comes back round to ${start.id}`).toBe(start.id);
  }
}

/** Focuses a control as a keyboard user gets there, and presses Enter on it. */
async function pressWithKeyboard(page: Page, control: Locator): Promise<void> {
  await control.focus();
  await page.keyboard.press('Enter');
}

describe('modal dialogs', () => {
  it('the prompts dialog traps Tab, closes on Esc and gives focus back to the Prompts button', async () => {
    const board = await e2e.server.createBoard('Keyboard meeting');
    const lee = await e2e.openBoard(await e2e.newContext(), board.links.lead, 'Lee');
    const opener = lee.getByTestId('edit-prompts');
    await pressWithKeyboard(lee, opener);
    const dialog = lee.getByRole('dialog', { name: 'Guiding prompts' });
    await dialog.waitFor();
    expect(await dialog.getByRole('button', { name: 'Save prompts' }).isVisible()).toBe(true);
    expect((await focusIn(lee, dialog)).id).toBe('prompt-who');
    // The board behind is inert while the dialog is open.
    expect(await lee.evaluate(() => document.querySelector('dialog:modal')?.contains(document.activeElement) ?? false)).toBe(true);
    await expectTabCyclesInside(lee, dialog);
    await lee.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect(await opener.evaluate((button) => button === document.activeElement)).toBe(true);
  });

  it('the records confirmation traps Tab, starts on Cancel, closes on Esc and gives focus back to Delete', async () => {
    const board = await e2e.server.createBoard('Records by keyboard');
    const lee = await e2e.openBoard(await e2e.newContext(), board.links.lead, 'Lee');
    await pressWithKeyboard(lee, lee.getByTestId('records-open'));
    await lee.getByTestId('record-label-input').fill('First meeting');
    await lee.keyboard.press('Enter');
    await lee.getByTestId('record-item').getByText('First meeting').waitFor();
    const opener = lee.getByTestId('record-delete');
    await pressWithKeyboard(lee, opener);
    const dialog = lee.getByRole('alertdialog', { name: 'Delete “First meeting”?' });
    await dialog.waitFor();
    expect(await focusIn(lee, dialog)).toEqual({ inside: true, id: 'button:Cancel' });
    await expectTabCyclesInside(lee, dialog);
    await lee.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    // Nothing was deleted, and the person is back where they were.
    expect(await lee.getByTestId('record-item').getByText('First meeting').isVisible()).toBe(true);
    expect(await opener.evaluate((button) => button === document.activeElement)).toBe(true);
    // Closing the panel from the keyboard puts focus back on the Records button.
    await pressWithKeyboard(lee, lee.getByRole('button', { name: 'Close records' }));
    await lee.getByTestId('records-panel').waitFor({ state: 'detached' });
    expect(await lee.getByTestId('records-open').evaluate((button) => button === document.activeElement)).toBe(true);
  });

  it('the outline’s link picker traps Tab, closes on Esc and gives focus back to its Link button', async () => {
    const board = await e2e.server.createBoard('Linking by keyboard');
    const lee = await e2e.openBoard(await e2e.newContext(), board.links.lead, 'Lee');
    await lee.evaluate(() => {
      const model = window.__discern!.model;
      model.addNote({ zone: 'need', author: 'Lee', text: 'Lonely elders' });
      model.addNote({ zone: 'there', author: 'Lee', text: 'Lunch club' });
      model.addNote({ zone: 'there', author: 'Lee', text: 'Befriending calls' });
    });
    await lee.getByTestId('view-toggle').click();
    await lee.getByTestId('outline-note-text').getByText('Lonely elders').waitFor();
    const note = lee.locator('[data-note-id]').filter({ has: lee.getByTestId('outline-note-text').getByText('Lonely elders') });
    await pressWithKeyboard(lee, note.getByTestId('outline-more'));
    const opener = note.getByTestId('outline-link-open');
    await pressWithKeyboard(lee, opener);
    const dialog = lee.getByTestId('outline-link-picker');
    await dialog.waitFor();
    expect(await dialog.getByRole('button', { name: 'Lunch club' }).isVisible()).toBe(true);
    await expectTabCyclesInside(lee, dialog);
    await lee.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    await lee.waitForFunction(() => document.activeElement?.getAttribute('data-testid') === 'outline-link-open');
    expect(await note.getByTestId('outline-link-open').evaluate((button) => button === document.activeElement)).toBe(true);
  });

  it('the name prompt keeps Tab inside and cannot be dismissed with Esc', async () => {
    const board = await e2e.server.createBoard('Who is this');
    const page = await (await e2e.newContext()).newPage();
    await page.goto(`${e2e.server.httpUrl}${board.links.edit}`);
    const dialog = page.getByRole('dialog', { name: 'What\u2019s your name?' }).or(page.getByRole('dialog', { name: "What's your name?" }));
    await dialog.waitFor();
    expect(await focusIn(page, dialog)).toEqual({ inside: true, id: 'name-input' });
    await page.keyboard.type('Kim');
    await expectTabCyclesInside(page, dialog);
    await page.keyboard.press('Escape');
    await page.keyboard.press('Escape');
    expect(await dialog.isVisible()).toBe(true);
    await page.getByTestId('name-input').focus();
    await page.keyboard.press('Enter');
    await page.getByTestId('connection-status').and(page.locator('[data-status="live"]')).waitFor();
    expect(await page.getByTestId('presence-avatar').first().getAttribute('title')).toBe('Kim (you)');
  });
});

describe('focus', () => {
  it('is drawn with a ring that contrasts 3:1 with what is behind it, and Tab follows the header’s reading order', async () => {
    const board = await e2e.server.createBoard('Focus order');
    const lee = await e2e.openBoard(await e2e.newContext(), board.links.lead, 'Lee');
    expect(await lee.locator('[tabindex]:not([tabindex="-1"]):not([tabindex="0"])').count(), 'no positive tabindex reorders Tab').toBe(0);
    await lee.locator('body').focus();
    await lee.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    const header = lee.locator('header.board-header');
    const lefts: number[] = [];
    for (let press = 0; press < 12; press++) {
      await lee.keyboard.press('Tab');
      const ring = await lee.evaluate(() => {
        const active = document.activeElement as HTMLElement;
        const style = getComputedStyle(active);
        // The colour behind the ring: the nearest ancestor with an opaque background.
        let behind = 'rgb(255, 255, 255)';
        for (let element = active.parentElement; element; element = element.parentElement) {
          const background = getComputedStyle(element).backgroundColor;
          if (background && !background.startsWith('rgba(0, 0, 0, 0)') && background !== 'transparent') {
            behind = background;
            break;
          }
        }
        return { visible: active.matches(':focus-visible'), width: parseFloat(style.outlineWidth), style: style.outlineStyle, color: style.outlineColor, behind, left: active.getBoundingClientRect().left, inHeader: !!active.closest('header') };
      });
      if (!ring.inHeader) break;
      expect(ring.visible).toBe(true);
      expect(ring.style).toBe('solid');
      expect(ring.width).toBeGreaterThanOrEqual(2);
      expect(contrast(ring.color, ring.behind), `focus ring ${ring.color} on ${ring.behind}`).toBeGreaterThanOrEqual(3);
      lefts.push(ring.left);
    }
    // Brand, title, view, people … Share: one row at this width, read left to right.
    expect(lefts.length).toBeGreaterThanOrEqual(4);
    expect([...lefts].sort((a, b) => a - b)).toEqual(lefts);
    expect(await header.isVisible()).toBe(true);
  });
});

describe('zoom', () => {
  it('lets the page be zoomed, while a pinch on the canvas zooms the board and not the page', async () => {
    const board = await e2e.server.createBoard('Pinch');
    const context = await e2e.browser.newContext({ viewport: { width: 1024, height: 768 }, hasTouch: true, isMobile: true });
    try {
      const page = await e2e.openBoard(context, board.links.edit, 'Pat');
      const viewportMeta = await page.locator('meta[name=viewport]').getAttribute('content');
      expect(viewportMeta).not.toMatch(/user-scalable\s*=\s*(no|0)|maximum-scale/);
      expect(await page.locator('.board-canvas').evaluate((element) => getComputedStyle(element).touchAction)).toBe('none');
      const zoomShown = page.locator('.zoom-level');
      const before = await zoomShown.textContent();
      const box = (await page.locator('.board-canvas').boundingBox())!;
      const cx = box.x + box.width / 2;
      const cy = box.y + box.height / 2;
      const session = await context.newCDPSession(page);
      const touch = (type: 'touchStart' | 'touchMove' | 'touchEnd', spread: number) =>
        session.send('Input.dispatchTouchEvent', {
          type,
          touchPoints: type === 'touchEnd' ? [] : [
            { x: cx - spread, y: cy, id: 1 },
            { x: cx + spread, y: cy, id: 2 },
          ],
        });
      await touch('touchStart', 40);
      for (let spread = 50; spread <= 200; spread += 15) await touch('touchMove', spread);
      await touch('touchEnd', 200);
      // What the person sees: the board's zoom level went up; the page itself did not zoom.
      await page.waitForFunction(([selector, old]) => document.querySelector(selector!)?.textContent !== old, ['.zoom-level', before] as const);
      expect(parseInt((await zoomShown.textContent())!, 10)).toBeGreaterThan(parseInt(before!, 10));
      expect(await page.evaluate(() => window.visualViewport?.scale ?? 1)).toBe(1);
    } finally {
      await context.close();
    }
  });
});

/** WCAG contrast of two CSS `rgb()`/`rgba()` colours as getComputedStyle gives them (alpha ignored). */
function contrast(a: string, b: string): number {
  const hex = (css: string): string =>
    `#${(css.match(/[\d.]+/g) ?? ['0', '0', '0'])
      .slice(0, 3)
      .map((part) => Math.round(Number(part)).toString(16).padStart(2, '0'))
      .join('')}`;
  return contrastRatio(hex(a), hex(b));
}
