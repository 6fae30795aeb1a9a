// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { createElement } from 'react';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import * as Y from 'yjs';
import { BoardCommandError, BoardModel } from '../../shared/board/model';
import { BOARD_COMMAND_ERROR_CODES } from '../../shared/board/commandError';
import { recordToMarkdown } from '../../shared/board/markdown';
import { toRecord } from '../../shared/board/record';
import { DEFAULT_PROMPTS, ZONES } from '../../shared/board/zones';
import { recordPdfBlocks } from '../../client/export/pdfLayout';
import { markdownLabels } from '../../client/i18n/markdownLabels';
import { i18n } from '../../client/i18n';
import { shownPrompt } from '../../client/i18n/boardText';
import { commandErrorMessage } from '../../client/board/commandErrors';
import { en } from '../../client/i18n/en';
import { es } from '../../client/i18n/es';
import { applyLanguage, initialLanguage, languageFromBrowser, LANGUAGE_STORAGE_KEY } from '../../client/i18n/language';
import { LanguageSwitch } from '../../client/i18n/LanguageSwitch';

type Tree = { readonly [key: string]: string | Tree };

/** Every string of a resource tree by its dotted key. */
function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(path, value);
    else for (const [inner, text] of flatten(value, path)) out.set(inner, text);
  }
  return out;
}

/** The `{{variables}}` and `<tags>` a string needs filled: a translation must keep exactly these. */
function placeholders(text: string): string[] {
  const variables = [...text.matchAll(/\{\{\s*([\w.]+)\s*\}\}/g)].map((match) => `{{${match[1]}}}`);
  const tags = [...text.matchAll(/<\/?([a-z]+)>/g)].map((match) => match[0]);
  return [...variables, ...tags].sort();
}

const english = flatten(en);
const spanish = flatten(es as Tree);

afterEach(async () => {
  cleanup();
  localStorage.clear();
  await applyLanguage('en');
});

describe('translations', () => {
  it('have the same keys in English and Spanish', () => {
    expect([...spanish.keys()].sort()).toEqual([...english.keys()].sort());
    expect(english.size).toBeGreaterThan(250);
  });

  it('keep each string’s interpolation variables and markup tags', () => {
    const mismatched = [...english].filter(([key, text]) => {
      const other = spanish.get(key);
      return other === undefined || placeholders(other).join() !== placeholders(text).join();
    });
    expect(mismatched.map(([key]) => key)).toEqual([]);
  });

  it('translate every string but the few that read the same in both languages', () => {
    const same = [...english].filter(([key, text]) => spanish.get(key) === text).map(([key]) => key);
    // Names of things (the app, languages, file kinds) and symbols only.
    expect(same.sort()).toEqual(['common.appName', 'join.placeholder', 'language.en', 'language.es', 'meeting.min', 'share.qr']);
  });

  it('give plurals the forms each language needs', () => {
    for (const key of english.keys()) {
      if (!key.endsWith('_one')) continue;
      const base = key.slice(0, -'_one'.length);
      expect(english.has(`${base}_other`), base).toBe(true);
      expect(spanish.has(`${base}_other`), base).toBe(true);
    }
  });
});

describe('language choice', () => {
  it('takes Spanish for any es-* browser language, else English', () => {
    expect(languageFromBrowser(['es-MX', 'en-US'])).toBe('es');
    expect(languageFromBrowser(['es'])).toBe('es');
    expect(languageFromBrowser(['fr-FR', 'es-AR'])).toBe('es');
    expect(languageFromBrowser(['en-GB', 'es-ES'])).toBe('en');
    expect(languageFromBrowser(['de-DE'])).toBe('en');
    expect(languageFromBrowser([])).toBe('en');
  });

  it('loads Spanish on demand, uses its plurals and keeps <html lang> in step', async () => {
    expect(i18n.t('zones.need')).toBe("What's the need?");
    await applyLanguage('es');
    expect(document.documentElement.lang).toBe('es');
    expect(i18n.t('zones.need')).toBe('¿Cuál es la necesidad?');
    expect(i18n.t('vote.left', { count: 1 })).toBe('Te queda 1 punto');
    expect(i18n.t('vote.left', { count: 3 })).toBe('Te quedan 3 puntos');
    // Spanish's third plural form (a million) is filled from `_other`, never English.
    expect(i18n.t('common.dots', { count: 1_000_000 })).toBe('1000000 puntos');
    await applyLanguage('en');
    expect(document.documentElement.lang).toBe('en');
    expect(i18n.t('vote.left', { count: 1 })).toBe('1 dot left');
  });

  it('switches from the menu, at once, and remembers the choice over the browser’s language', async () => {
    render(createElement(LanguageSwitch));
    const select = screen.getByLabelText('Language');
    expect(initialLanguage()).toBe('en');
    fireEvent.change(select, { target: { value: 'es' } });
    // The Spanish chunk loads, then the language changes.
    await waitFor(() => expect(screen.getByLabelText('Idioma')).toBe(select));
    expect((select as HTMLSelectElement).value).toBe('es');
    expect(localStorage.getItem(LANGUAGE_STORAGE_KEY)).toBe('es');
    expect(initialLanguage()).toBe('es');
    expect(document.documentElement.lang).toBe('es');
  });

  it('shows the default prompts in the reader’s language, and a leader’s own prompt as written', async () => {
    await applyLanguage('es');
    for (const zone of ZONES) expect(shownPrompt(zone, DEFAULT_PROMPTS[zone], i18n.t)).toBe(es.defaultPrompts[zone]);
    expect(shownPrompt('who', 'Nuestra parroquia', i18n.t)).toBe('Nuestra parroquia');
  });
});

describe('exports for people', () => {
  function votedRecord() {
    const model = new BoardModel(new Y.Doc());
    const need = model.addNote({ zone: 'need', author: 'Ana', text: 'Comida' });
    const there = model.addNote({ zone: 'there', author: 'Ben', text: 'Despensa', addedBy: 'Lee' });
    model.addLink(need, there);
    model.startVote(2);
    model.castVote(need, 'v');
    model.endVote();
    return toRecord(model.doc, { id: 'r', label: 'Reunión 1', createdAt: 0 });
  }

  it('writes the PDF and Markdown in Spanish, leaving the record’s stored English titles alone', async () => {
    const record = votedRecord();
    await applyLanguage('es');
    const pdf = recordPdfBlocks(record, 'hoy').map((block) => block.text);
    expect(pdf).toEqual(expect.arrayContaining(['¿Quiénes somos?', '(sin notas)', 'Despensa - Ben (agregada por Lee)', 'Votos', '1 punto: Comida (¿Cuál es la necesidad?)']));
    const markdown = recordToMarkdown(record, markdownLabels());
    expect(markdown).toContain('## ¿Cuál es la necesidad?\n\n*Necesidades reales del barrio o del contexto al que servimos*');
    expect(markdown).toContain('| Necesidad | Ya atendida por | Podría colaborar con |');
    expect(markdown).toContain('- Comida — Ana · 1 punto');
    expect(markdown).not.toContain("What's the need?");
    expect(record.zones.map((zone) => zone.title)).toEqual(['Who are we?', "What's the need?", "Who's already there?"]);
  });
});

describe('model refusals as people read them', () => {
  function refusal(command: (model: BoardModel, ids: { need: string; there: string }) => void): BoardCommandError {
    const model = new BoardModel(new Y.Doc());
    const need = model.addNote({ zone: 'need', author: 'A', text: 'Food' });
    const there = model.addNote({ zone: 'there', author: 'A', text: 'Pantry' });
    try {
      command(model, { need, there });
    } catch (error) {
      if (error instanceof BoardCommandError) return error;
      throw error;
    }
    throw new Error('the model did not refuse');
  }

  it('words each refusal the interface can cause, in the active language', async () => {
    await applyLanguage('es');
    const cases: Array<[string, (model: BoardModel, ids: { need: string; there: string }) => void]> = [
      ['No hay ninguna votación en curso', (model, { need }) => model.castVote(need, 'me')],
      ['No te quedan puntos', (model, { need }) => {
        model.startVote(1);
        model.castVote(need, 'me');
        model.castVote(need, 'me');
      }],
      ['Ya hay una votación en curso: termínala primero', (model) => {
        model.startVote(2);
        model.startVote(2);
      }],
      ['Estas notas ya están unidas', (model, { need, there }) => {
        model.addLink(need, there);
        model.addLink(need, there);
      }],
      ['Una nota no se puede unir consigo misma', (model, { need }) => model.addLink(need, need)],
      ['Une una necesidad con quién ya está allí, o a uno de nosotros con una necesidad', (model, { there, need }) => model.addLink(there, need)],
      ['No hay temporizador', (model) => model.resetTimer()],
      ['No hay ninguna ronda privada en curso', (model) => model.revealPrivateRound()],
      ['El título no puede quedar vacío', (model) => model.setTitle('   ')],
    ];
    for (const [expected, command] of cases) expect(commandErrorMessage(refusal(command).code)).toBe(expected);
  });

  it('words every refusal code in every language', async () => {
    for (const language of ['es', 'en'] as const) {
      await applyLanguage(language);
      for (const code of BOARD_COMMAND_ERROR_CODES) {
        const words = commandErrorMessage(code);
        expect(words, code).not.toMatch(/errors\.command|\{\{/);
        expect(words.length, code).toBeGreaterThan(5);
      }
    }
    expect(commandErrorMessage('invalid-input')).toBe('That cannot be done');
  });
});
