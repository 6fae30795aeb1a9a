import { useEffect, useState } from 'react';
import { normalizeJoinCode } from '../../shared/protocol/joinCodes';
import { joinErrorMessage, resolveJoinCode } from './joinApi';
import { JoinForm } from './JoinForm';

/** `/j/<code>`: what the QR code on the shared screen opens; goes on to the board's edit link. */
export default function JoinPage({ code }: { code: string }) {
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    const normal = normalizeJoinCode(code);
    if (!normal) {
      setError('This is not a join code.');
      return;
    }
    resolveJoinCode(normal)
      .then((target) => window.location.replace(target.link))
      .catch((failure: unknown) => setError(joinErrorMessage(failure)));
  }, [code]);
  return (
    <main className="home">
      <h1>Discern</h1>
      {error ? (
        <>
          <p role="alert" className="error" data-testid="join-error">
            {error}
          </p>
          <JoinForm />
        </>
      ) : (
        <p className="loading">Joining the board…</p>
      )}
    </main>
  );
}
