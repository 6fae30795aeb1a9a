import { useTranslation } from '../i18n';
import { ConnectionStatus } from '../sync/connectionStatus';

/** Always on screen. The text node holds the bare status word so tests can read it. */
export function ConnectionBadge({ status }: { status: ConnectionStatus }) {
  const { t } = useTranslation();
  return (
    <div className={`connection-badge is-${status}`} title={t(`connection.${status}Title`)} role="status" aria-live="polite">
      <span className="dot" aria-hidden="true" />
      <span data-testid="connection-status" data-status={status}>
        {t(`connection.${status}`)}
      </span>
      {status === ConnectionStatus.Offline && <span className="hint">{t('connection.editsKept')}</span>}
    </div>
  );
}
