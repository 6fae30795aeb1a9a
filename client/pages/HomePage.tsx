import { useState } from 'react';
import { MAX_TITLE_LENGTH } from '../../shared/board/meta';
import { useTranslation } from '../i18n';
import { LanguageSwitch } from '../i18n/LanguageSwitch';
import { JoinForm } from '../join/JoinForm';
import { createBoard } from '../sync/api';

/** Start a meeting: name the board, get its lead link. */
export function HomePage() {
  const { t } = useTranslation();
  const [title, setTitle] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  return (
    <main className="home">
      <LanguageSwitch className="home-language" />
      <h1>{t('common.appName')}</h1>
      <p className="lead-text">{t('home.lead')}</p>
      <form
        className="create-board"
        onSubmit={(event) => {
          event.preventDefault();
          setBusy(true);
          setError(null);
          createBoard(title)
            .then((board) => window.location.assign(board.links.lead))
            .catch(() => {
              setError(t('home.createFailed'));
              setBusy(false);
            });
        }}
      >
        <label htmlFor="board-title">{t('home.titleLabel')}</label>
        <input
          id="board-title"
          data-testid="create-board-title"
          placeholder={t('home.titlePlaceholder')}
          maxLength={MAX_TITLE_LENGTH}
          value={title}
          onChange={(event) => setTitle(event.target.value)}
          autoFocus
        />
        <button type="submit" className="primary" data-testid="create-board-submit" disabled={busy}>
          {busy ? t('home.creating') : t('home.create')}
        </button>
        {error && (
          <p role="alert" className="error">
            {error}
          </p>
        )}
      </form>
      <JoinForm />
    </main>
  );
}
