import { useState } from 'react';
import { MAX_PROMPT_LENGTH } from '../../shared/board/meta';
import { ZONES, ZONE_TITLES, type Zone } from '../../shared/board/zones';
import { ModalDialog } from '../a11y/ModalDialog';

/** The leader's editor for the guiding prompt under each question. Loaded only when opened. */
export default function PromptsDialog({
  prompts,
  focusZone,
  onSave,
  onClose,
}: {
  prompts: Readonly<Record<Zone, string>>;
  focusZone: Zone;
  onSave(changed: Partial<Record<Zone, string>>): void;
  onClose(): void;
}) {
  const [drafts, setDrafts] = useState<Record<Zone, string>>({ ...prompts });
  return (
    <ModalDialog className="modal wide" labelledBy="prompts-title" onDismiss={onClose}>
      <form
        className="modal-form"
        onSubmit={(event) => {
          event.preventDefault();
          const changed: Partial<Record<Zone, string>> = {};
          for (const zone of ZONES) if (drafts[zone] !== prompts[zone]) changed[zone] = drafts[zone];
          onSave(changed);
        }}
      >
        <h2 id="prompts-title">Guiding prompts</h2>
        {ZONES.map((zone) => (
          <label key={zone} className="field">
            <span>{ZONE_TITLES[zone]}</span>
            <textarea
              data-testid={`prompt-${zone}`}
              data-autofocus={zone === focusZone || undefined}
              maxLength={MAX_PROMPT_LENGTH}
              rows={2}
              value={drafts[zone]}
              onChange={(event) => setDrafts({ ...drafts, [zone]: event.target.value })}
            />
          </label>
        ))}
        <div className="modal-actions">
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="primary" data-testid="prompts-save">
            Save prompts
          </button>
        </div>
      </form>
    </ModalDialog>
  );
}
