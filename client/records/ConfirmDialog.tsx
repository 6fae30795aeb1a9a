import type { ReactNode } from 'react';
import { useTranslation } from '../i18n';

export interface ConfirmDialogProps {
  title: string;
  children: ReactNode;
  confirmLabel: string;
  confirmTestId: string;
  busy: boolean;
  onConfirm(): void;
  onCancel(): void;
}

/**
 * Asks the leader to confirm a gesture that cannot be taken back with Ctrl+Z (restoring a record
 * changes the board for everyone; deleting one removes it for good). Cancel has the focus.
 */
export function ConfirmDialog({ title, children, confirmLabel, confirmTestId, busy, onConfirm, onCancel }: ConfirmDialogProps) {
  const { t } = useTranslation();
  return (
    <div className="modal-backdrop" onPointerDown={(event) => event.target === event.currentTarget && onCancel()}>
      <div
        className="modal"
        role="alertdialog"
        aria-modal="true"
        aria-labelledby="confirm-title"
        aria-describedby="confirm-text"
        onKeyDown={(event) => {
          event.stopPropagation();
          if (event.key === 'Escape') onCancel();
        }}
      >
        <h2 id="confirm-title">{title}</h2>
        <p id="confirm-text">{children}</p>
        <div className="modal-actions">
          <button type="button" onClick={onCancel} autoFocus>
            {t('common.cancel')}
          </button>
          <button type="button" className="primary" data-testid={confirmTestId} disabled={busy} onClick={onConfirm}>
            {confirmLabel}
          </button>
        </div>
      </div>
    </div>
  );
}
