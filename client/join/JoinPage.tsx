import { useEffect, useState } from 'react';
import { normalizeJoinCode } from '../../shared/protocol/joinCodes';
import { joinErrorMessage, resolveJoinCode } from './joinApi';
import { useTranslation } from '../i18n';
import { JoinForm } from './JoinForm';

/** `/j/<code>`: what the QR code on the shared screen opens; goes on to the board's edit link. */
export default function JoinPage({ code }: { code: string }) {
  const { t } = useTranslation();
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    const normal = normalizeJoinCode(code);
    if (!normal) {
      setError(t('join.notACode'));
      return;
    }
    resolveJoinCode(normal)
      .then((target) => window.location.replace(target.link))
      .catch((failure: unknown) => setError(joinErrorMessage(failure)));
  }, [code]); // Not on a language change: that would resolve the code again.
  return (
    <main className="home">
      <h1>{t('common.appName')}</h1>
      {error ? (
        <>
          <p role="alert" className="error" data-testid="join-error">
            {error}
          </p>
          <JoinForm />
        </>
      ) : (
        <p className="loading">{t('join.joiningBoard')}</p>
      )}
    </main>
  );
}
