import { useState } from 'react';
import { useTranslation } from '../i18n';

/** Asked once per browser; the name labels your notes and your cursor. */
export function NamePrompt({ onSubmit }: { onSubmit(name: string): void }) {
  const { t } = useTranslation();
  const [name, setName] = useState('');
  return (
    <div className="modal-backdrop">
      <form
        className="modal"
        aria-labelledby="name-prompt-title"
        onSubmit={(event) => {
          event.preventDefault();
          if (name.trim()) onSubmit(name.trim().slice(0, 80));
        }}
      >
        <h2 id="name-prompt-title">{t('namePrompt.title')}</h2>
        <p>{t('namePrompt.body')}</p>
        <input
          data-testid="name-input"
          aria-label={t('namePrompt.label')}
          autoFocus
          maxLength={80}
          value={name}
          onChange={(event) => setName(event.target.value)}
        />
        <button type="submit" className="primary" data-testid="name-submit" disabled={!name.trim()}>
          {t('namePrompt.submit')}
        </button>
      </form>
    </div>
  );
}
