import { lazy, Suspense, useEffect, useState } from 'react';
import { useTranslation } from '../i18n';

const QrCode = lazy(() => import('./QrCode'));

export interface ShareLink {
  kind: 'edit' | 'view' | 'lead';
  label: string;
  hint: string;
  /** Absolute URL. */
  url: string;
}

async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    // Clipboard access is refused on plain http and in some embedded browsers; fall back to a selection copy.
    const field = document.createElement('textarea');
    field.value = text;
    document.body.append(field);
    field.select();
    const copied = document.execCommand('copy');
    field.remove();
    return copied;
  }
}

function ShareRow({ link }: { link: ShareLink }) {
  const { t } = useTranslation();
  const [copied, setCopied] = useState(false);
  const [showQr, setShowQr] = useState(false);
  // Cleared on unmount (the share panel closes) and never left running twice.
  useEffect(() => {
    if (!copied) return;
    const timer = setTimeout(() => setCopied(false), 1500);
    return () => clearTimeout(timer);
  }, [copied]);
  return (
    <li className="share-row">
      <div className="share-label">
        <strong>{link.label}</strong> <span className="hint">{link.hint}</span>
      </div>
      <div className="share-controls">
        <input readOnly value={link.url} data-testid={`share-${link.kind}-link`} aria-label={t('share.url', { label: link.label })} onFocus={(event) => event.currentTarget.select()} />
        <button
          type="button"
          data-testid={`copy-${link.kind}-link`}
          title={t('share.copyTitle', { label: link.label.toLowerCase() })}
          onClick={() => {
            void copyText(link.url).then(setCopied);
          }}
        >
          {copied ? t('share.copied') : t('share.copy')}
        </button>
        <button type="button" title={t('share.qrTitle')} aria-expanded={showQr} onClick={() => setShowQr(!showQr)}>
          {t('share.qr')}
        </button>
      </div>
      {showQr && (
        <Suspense fallback={<div className="qr-placeholder">…</div>}>
          <QrCode text={link.url} alt={t('share.qrAlt', { label: link.label.toLowerCase() })} />
        </Suspense>
      )}
    </li>
  );
}

/** Links to hand out, each with a Copy button; only the leader sees every kind. */
export function ShareLinks({ links }: { links: readonly ShareLink[] }) {
  const { t } = useTranslation();
  return (
    <ul className="share-links" aria-label={t('share.list')}>
      {links.map((link) => (
        <ShareRow key={link.kind} link={link} />
      ))}
    </ul>
  );
}
