import { ConnectionStatus } from '../sync/connectionStatus';

const LABELS: Readonly<Record<ConnectionStatus, string>> = {
  connecting: 'Connecting…',
  live: 'Live',
  offline: 'Offline — your edits are kept and will sync',
  reconnected: 'Back online — edits synced',
};

/** Always on screen. The text node holds the bare status word so tests can read it. */
export function ConnectionBadge({ status }: { status: ConnectionStatus }) {
  return (
    <div className={`connection-badge is-${status}`} title={LABELS[status]} role="status" aria-live="polite">
      <span className="dot" aria-hidden="true" />
      <span data-testid="connection-status" data-status={status}>
        {status}
      </span>
      {status === ConnectionStatus.Offline && <span className="hint"> · edits kept</span>}
    </div>
  );
}
