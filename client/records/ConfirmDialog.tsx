import type { ReactNode } from 'react';
import { useTranslation } from '../i18n';
import { ModalDialog } from '../a11y/ModalDialog';

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
    <ModalDialog className="modal" role="alertdialog" labelledBy="confirm-title" describedBy="confirm-text" onDismiss={onCancel}>
      <h2 id="confirm-title">{title}</h2>
      <p id="confirm-text">{children}</p>
      <div className="modal-actions">
        <button type="button" onClick={onCancel} data-autofocus>
          {t('common.cancel')}
        </button>
        <button type="button" className="primary" data-testid={confirmTestId} disabled={busy} onClick={onConfirm}>
          {confirmLabel}
        </button>
      </div>
    </ModalDialog>
  );
}
