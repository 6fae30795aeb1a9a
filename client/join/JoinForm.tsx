import { useState } from 'react';
import { normalizeJoinCode } from '../../shared/protocol/joinCodes';
import { useTranslation } from '../i18n';
import { joinErrorMessage, resolveJoinCode } from './joinApi';
import './join.css';

/** The home page's "Join with a code": the code read off the shared screen opens the board to edit. */
export function JoinForm() {
  const { t } = useTranslation();
  const [input, setInput] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  return (
    <form
      className="join-form"
      onSubmit={(event) => {
        event.preventDefault();
        const code = normalizeJoinCode(input);
        if (!code) {
          setError(t('join.badCode'));
          return;
        }
        setBusy(true);
        setError(null);
        resolveJoinCode(code)
          .then((target) => window.location.assign(target.link))
          .catch((failure: unknown) => {
            setError(joinErrorMessage(failure));
            setBusy(false);
          });
      }}
    >
      <label htmlFor="join-code">{t('join.label')}</label>
      <div className="join-row">
        <input
          id="join-code"
          data-testid="join-code-input"
          placeholder={t('join.placeholder')}
          autoComplete="off"
          autoCapitalize="characters"
          spellCheck={false}
          maxLength={12}
          value={input}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? 'join-code-error' : undefined}
          onChange={(event) => setInput(event.target.value)}
        />
        <button type="submit" data-testid="join-code-submit" disabled={busy}>
          {busy ? t('join.joining') : t('join.join')}
        </button>
      </div>
      {error && (
        <p role="alert" id="join-code-error" className="error" data-testid="join-code-error">
          {error}
        </p>
      )}
    </form>
  );
}
