import { i18n } from './index';
import type { Messages } from './en';

/** The interface's languages, in the order the menu lists them. English is the fallback. */
export const LANGUAGES = ['en', 'es'] as const;
export type Language = (typeof LANGUAGES)[number];

export const LANGUAGE_STORAGE_KEY = 'discern:language';

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/** Each language's resources, loaded in its own chunk on first use (English is always bundled). */
const loaders: Readonly<Record<Exclude<Language, 'en'>, () => Promise<Messages>>> = {
  es: () => import('./es').then((module) => module.es),
};

type Tree = { [key: string]: string | Tree };

/**
 * The plural forms i18next will ask for in `language` that a resource tree leaves out, filled with
 * its `_other` form. Spanish, for one, has a `many` form (for a million and its multiples) that the
 * translations, typed against English's one/other, do not carry; without this such counts would
 * fall back to English.
 */
export function withPluralForms<T extends object>(messages: T, language: string): T {
  const categories = new Intl.PluralRules(language).resolvedOptions().pluralCategories;
  const fill = (tree: Tree): Tree => {
    const out: Tree = {};
    for (const [key, value] of Object.entries(tree)) {
      out[key] = typeof value === 'string' ? value : fill(value);
      if (typeof value !== 'string' || !key.endsWith('_other')) continue;
      const base = key.slice(0, -'_other'.length);
      for (const category of categories) if (!(`${base}_${category}` in tree)) out[`${base}_${category}`] = value;
    }
    return out;
  };
  return fill(messages as unknown as Tree) as unknown as T;
}

/** The browser's first preferred language Discern has (`es-MX` → `es`), else English. */
export function languageFromBrowser(preferred: readonly string[]): Language {
  for (const tag of preferred) {
    const base = tag.toLowerCase().split('-')[0];
    if (isLanguage(base)) return base;
  }
  return 'en';
}

function storedLanguage(): Language | null {
  try {
    const stored = localStorage.getItem(LANGUAGE_STORAGE_KEY);
    return isLanguage(stored) ? stored : null;
  } catch {
    return null;
  }
}

/** The language to start in: the person's own choice on this browser, else the browser's. */
export function initialLanguage(): Language {
  if (typeof navigator === 'undefined') return 'en';
  return storedLanguage() ?? languageFromBrowser(navigator.languages?.length ? navigator.languages : [navigator.language]);
}

/** Loads the language's resources if needed, switches to it and keeps `<html lang>` in step. */
export async function applyLanguage(language: Language): Promise<void> {
  if (language !== 'en' && !i18n.hasResourceBundle(language, 'translation')) {
    i18n.addResourceBundle(language, 'translation', withPluralForms(await loaders[language](), language));
  }
  await i18n.changeLanguage(language);
  if (typeof document !== 'undefined') document.documentElement.lang = language;
}

/** The person chose a language: used now and remembered on this browser. */
export async function chooseLanguage(language: Language): Promise<void> {
  try {
    localStorage.setItem(LANGUAGE_STORAGE_KEY, language);
  } catch {
    // Storage disabled: the choice holds for this page only.
  }
  await applyLanguage(language);
}

/** The active language, as Intl wants it. */
export function activeLanguage(): Language {
  return isLanguage(i18n.language) ? i18n.language : 'en';
}
