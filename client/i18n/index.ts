import i18next from 'i18next';
import { initReactI18next, useTranslation } from 'react-i18next';
import { en } from './en';

/**
 * The one i18next instance of the client. It starts in English synchronously, with English bundled:
 * English is also the fallback for anything a translation lacks, and components rendered before a
 * language is chosen (or in unit tests) read real text rather than keys. Other languages are loaded
 * on demand by `applyLanguage` (language.ts), so a page carries only the language it shows.
 */
export const i18n = i18next.createInstance();

void i18n.use(initReactI18next).init({
  lng: 'en',
  fallbackLng: 'en',
  resources: { en: { translation: en } },
  // Other languages come later through addResourceBundle; init must not wait for them.
  partialBundledLanguages: true,
  initAsync: false,
  // React escapes what it renders; escaping here too would show `&amp;` in notes' text.
  interpolation: { escapeValue: false },
  // Languages are loaded before they are switched to, so nothing ever needs to suspend.
  react: { useSuspense: false },
  returnNull: false,
});

/** Translates outside React (refusal messages, export text) in the active language. */
export const t = i18n.t.bind(i18n);

// No `Trans`: its markup parser would add kilobytes to the first load; a sentence with markup is
// split into keys around the element instead.
export { useTranslation };
export type { TFunction } from 'i18next';
