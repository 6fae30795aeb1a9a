import type { RecordSummary } from './api';

/** Asks the leader to confirm a restore, which changes the board for everyone in the meeting. */
export function RestoreDialog({ record, busy, onConfirm, onCancel }: { record: RecordSummary; busy: boolean; onConfirm(): void; onCancel(): void }) {
  return (
    <div className="modal-backdrop" onPointerDown={(event) => event.target === event.currentTarget && onCancel()}>
      <div
        className="modal"
        role="alertdialog"
        aria-modal="true"
        aria-labelledby="restore-title"
        aria-describedby="restore-text"
        onKeyDown={(event) => {
          event.stopPropagation();
          if (event.key === 'Escape') onCancel();
        }}
      >
        <h2 id="restore-title">Restore “{record.label}”?</h2>
        <p id="restore-text">
          The live board becomes this record ({record.noteCount} notes) for everyone who has it open. Notes added since are removed.
          You can save a record of the board first, or restore a later record to undo this.
        </p>
        <div className="modal-actions">
          <button type="button" onClick={onCancel} autoFocus>
            Cancel
          </button>
          <button type="button" className="primary" data-testid="record-restore-confirm" disabled={busy} onClick={onConfirm}>
            Restore
          </button>
        </div>
      </div>
    </div>
  );
}
