import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { startE2E, type E2E } from '../helpers/e2e';
import { waitFor } from '../helpers/waitFor';

vi.setConfig({ testTimeout: 90_000 });

let e2e: E2E;
const contexts: BrowserContext[] = [];
beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(async () => {
  for (const context of contexts) await context.close().catch(() => {});
  await e2e?.close();
});

/** A browser whose language is Spanish (Spain), as a person in Madrid or a Spanish-set laptop has. */
async function spanishBrowser(): Promise<BrowserContext> {
  const context = await e2e.browser.newContext({ locale: 'es-ES', viewport: { width: 1280, height: 800 } });
  contexts.push(context);
  return context;
}

/** The text of every Konva text node drawn on the board's canvas: what the zones show. */
function canvasTexts(page: Page): Promise<string[]> {
  return page.evaluate(() => (window.__discern?.stage?.find('Text') ?? []).map((node) => (node as unknown as { text(): string }).text()));
}

describe('Spanish interface', () => {
  it('follows a Spanish browser from the home page to the board, and switches to English from the menu', async () => {
    const page = await (await spanishBrowser()).newPage();
    await page.goto(`${e2e.server.httpUrl}/`);

    // Home page: heading, form and the language menu in Spanish; <html lang> follows.
    await page.getByRole('button', { name: 'Crear tablero' }).waitFor();
    expect(await page.getAttribute('html', 'lang')).toBe('es');
    expect(await page.getByLabel('Título de la reunión').getAttribute('placeholder')).toBe('p. ej. Consejo parroquial, marzo');
    expect(await page.getByLabel('Idioma').inputValue()).toBe('es');
    await page.getByLabel('Título de la reunión').fill('Reunión del barrio');
    await page.getByRole('button', { name: 'Crear tablero' }).click();

    // The name dialog, then the board.
    await page.getByRole('heading', { name: '¿Cómo te llamas?' }).waitFor();
    await page.getByLabel('Tu nombre').fill('Lucía');
    await page.getByRole('button', { name: 'Entrar al tablero' }).click();
    const status = page.getByTestId('connection-status');
    await status.and(page.locator('[data-status="live"]')).waitFor();
    await page.getByTestId('canvas-loading').waitFor({ state: 'detached' });
    expect(await status.textContent()).toBe('en vivo');

    // Header and toolbar.
    await page.getByRole('button', { name: 'Compartir' }).waitFor();
    await page.getByRole('button', { name: 'Registros' }).waitFor();
    await page.getByRole('button', { name: 'Ver como lista' }).waitFor();
    const toolbar = page.getByRole('toolbar', { name: 'Herramientas del tablero' });
    await toolbar.getByRole('button', { name: '+ Nota' }).waitFor();
    await toolbar.getByRole('button', { name: 'Acercar' }).waitFor();
    await page.getByRole('complementary', { name: 'Compartir este tablero' }).getByText('Enlace de coordinación').waitFor();

    // The zones as drawn on the canvas: their questions and their default prompts.
    await waitFor(async () => {
      const texts = await canvasTexts(page);
      expect(texts).toEqual(expect.arrayContaining(['¿Quiénes somos?', '¿Cuál es la necesidad?', '¿Quién ya está allí?', 'Nuestra gente, dones, afinidades y recursos']));
      expect(texts).not.toContain('Who are we?');
    });

    // A dialog: the leader's prompts editor, zone by zone.
    await page.getByRole('button', { name: 'Preguntas', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Preguntas guía' });
    await dialog.waitFor();
    expect(await dialog.getByLabel('¿Cuál es la necesidad?').inputValue()).toBe('Necesidades reales del barrio o del contexto al que servimos');
    await dialog.getByRole('button', { name: 'Guardar las preguntas' }).waitFor();
    await dialog.getByRole('button', { name: 'Cancelar' }).click();
    await dialog.waitFor({ state: 'detached' });

    // The header menu's language switch: English at once, everywhere.
    await page.getByTestId('language-select').selectOption('en');
    await page.getByRole('button', { name: 'Share', exact: true }).waitFor();
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    expect(await status.textContent()).toBe('live');
    await page.getByRole('toolbar', { name: 'Board tools' }).getByRole('button', { name: '+ Note' }).waitFor();
    await page.getByRole('button', { name: 'Outline view' }).waitFor();
    await waitFor(async () => {
      const texts = await canvasTexts(page);
      expect(texts).toEqual(expect.arrayContaining(['Who are we?', "What's the need?", "Who's already there?", 'Our people, gifts, affinities and resources']));
      expect(texts).not.toContain('¿Quiénes somos?');
    });
    await page.getByRole('button', { name: 'Prompts', exact: true }).click();
    await page.getByRole('dialog', { name: 'Guiding prompts' }).getByRole('button', { name: 'Cancel' }).click();

    // The choice is remembered on this browser, over its Spanish language.
    await page.reload();
    await page.getByRole('button', { name: 'Share', exact: true }).waitFor();
    expect(await page.getAttribute('html', 'lang')).toBe('en');
  });

  it('keeps English for an English browser (the other end-to-end suites rely on it)', async () => {
    const board = await e2e.server.createBoard('English board');
    const page = await e2e.openBoard(await e2e.newContext(), board.links.edit, 'Ann');
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    await page.getByRole('button', { name: 'Share', exact: true }).waitFor();
    expect(await page.evaluate(() => navigator.language)).toBe('en-US');
  });
});
