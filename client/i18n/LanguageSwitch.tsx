import { useId } from 'react';
import { LANGUAGES, activeLanguage, chooseLanguage, isLanguage } from './language';
import { useTranslation } from './index';
import './languageSwitch.css';

/**
 * The language menu, on the home page and in the board's header menu. Each language is named in
 * itself, so someone who cannot read the current one still finds theirs.
 */
export function LanguageSwitch({ className }: { className?: string }) {
  const { t, i18n } = useTranslation();
  const id = useId();
  // Read through i18n so the select follows a change made elsewhere (the other switch).
  const current = isLanguage(i18n.language) ? i18n.language : activeLanguage();
  return (
    <span className={`language-switch${className ? ` ${className}` : ''}`}>
      <label htmlFor={id}>{t('language.label')}</label>
      <select
        id={id}
        data-testid="language-select"
        value={current}
        onChange={(event) => {
          if (isLanguage(event.target.value)) void chooseLanguage(event.target.value);
        }}
      >
        {LANGUAGES.map((language) => (
          <option key={language} value={language} lang={language}>
            {t(`language.${language}`)}
          </option>
        ))}
      </select>
    </span>
  );
}
