import { useState } from 'react';
import { useTranslation } from '../i18n';
import { ModalDialog } from '../a11y/ModalDialog';

/** Asked once per browser; the name labels your notes and your cursor. */
export function NamePrompt({ onSubmit }: { onSubmit(name: string): void }) {
  const { t } = useTranslation();
  const [name, setName] = useState('');
  return (
    // No dismiss: the board opens only once there is a name.
    <ModalDialog className="modal" labelledBy="name-prompt-title">
      <form
        className="modal-form"
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
          data-autofocus
          maxLength={80}
          value={name}
          onChange={(event) => setName(event.target.value)}
        />
        <button type="submit" className="primary" data-testid="name-submit" disabled={!name.trim()}>
          {t('namePrompt.submit')}
        </button>
      </form>
    </ModalDialog>
  );
}
