import { lazy, Suspense, useEffect, useState } from 'react';
import type { Role } from '../../shared/protocol/ids';
import { formatJoinCode } from '../../shared/protocol/joinCodes';
import { useTranslation } from '../i18n';
import { fetchJoinCode } from '../join/joinApi';

const QrCode = lazy(() => import('../panels/QrCode'));

/** A code is good for 24 hours and replaced past half its life: refresh well within that. */
const REFRESH_MS = 60 * 60 * 1000;

function absolute(path: string): string {
  return new URL(path, window.location.origin).toString();
}

/**
 * How people in the room join: a QR code and, when this screen holds the lead key, a short code and
 * its URL. With only an edit key the QR carries the edit link itself (there is no code to ask for);
 * with a view key there is nothing to hand out.
 */
export function JoinInfo({ boardId, boardKey, role }: { boardId: string; boardKey: string; role: Role }) {
  const { t } = useTranslation();
  const [code, setCode] = useState<{ code: string; url: string } | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    if (role !== 'lead') return;
    let live = true;
    const load = () =>
      fetchJoinCode(boardId, boardKey)
        .then((answer) => {
          if (!live) return;
          setCode({ code: answer.code, url: absolute(answer.path) });
          setFailed(false);
        })
        .catch(() => live && setFailed(true));
    void load();
    const timer = setInterval(load, REFRESH_MS);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [boardId, boardKey, role]);

  if (role === 'view') return <p className="hint">{t('display.needLeadLink')}</p>;
  const url = role === 'lead' ? code?.url : absolute(`/b/${boardId}#k=${boardKey}`);
  return (
    <div className="join-info">
      <h2>{t('display.joinOnPhone')}</h2>
      {url && (
        <div data-testid="join-qr" className="join-qr">
          <Suspense fallback={<div className="qr-placeholder">…</div>}>
            <QrCode text={url} alt={t('share.qrAlt', { label: t('display.joinLink') })} />
          </Suspense>
        </div>
      )}
      {role === 'lead' && code && (
        <>
          <p className="join-code" data-testid="join-code" aria-label={t('display.joinCode', { code: code.code.split('').join(' ') })}>
            {formatJoinCode(code.code)}
          </p>
          <p className="join-url" data-testid="join-url">
            {code.url}
          </p>
        </>
      )}
      {role === 'lead' && failed && !code && <p className="error">{t('display.joinCodeFailed')}</p>}
    </div>
  );
}
