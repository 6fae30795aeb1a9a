import { useState } from 'react';
import { MAX_PROMPT_LENGTH } from '../../shared/board/meta';
import { ZONES, type Zone } from '../../shared/board/zones';
import { useTranslation } from '../i18n';
import { shownPrompts } from '../i18n/boardText';
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
  const { t } = useTranslation();
  // A default prompt is offered in the reader's language; it is saved only if the leader edits it.
  const [shown] = useState(() => shownPrompts(prompts, t));
  const [drafts, setDrafts] = useState<Record<Zone, string>>(shown);
  return (
    <ModalDialog className="modal wide" labelledBy="prompts-title" onDismiss={onClose}>
      <form
        className="modal-form"
        onSubmit={(event) => {
          event.preventDefault();
          const changed: Partial<Record<Zone, string>> = {};
          for (const zone of ZONES) if (drafts[zone] !== shown[zone]) changed[zone] = drafts[zone];
          onSave(changed);
        }}
      >
        <h2 id="prompts-title">{t('promptsDialog.title')}</h2>
        {ZONES.map((zone) => (
          <label key={zone} className="field">
            <span>{t(`zones.${zone}`)}</span>
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
            {t('common.cancel')}
          </button>
          <button type="submit" className="primary" data-testid="prompts-save">
            {t('promptsDialog.save')}
          </button>
        </div>
      </form>
    </ModalDialog>
  );
}
