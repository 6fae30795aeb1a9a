import { memo, useId, useRef, type KeyboardEvent } from 'react';
import type { NoteView } from '../../shared/board/note';
import type { VoteView } from '../../shared/board/votes';
import { ZONES, type Zone } from '../../shared/board/zones';
import { actionsIn } from '../actions';
import { useTranslation } from '../i18n';
import { useFocusTarget } from './focusRequest';
import type { LinkedNote } from './linkedNotes';
import { NoteLinkButton, NoteLinks } from './NoteLinks';
import { NoteTextField } from './NoteTextField';
import { NoteVotes } from './NoteVotes';
import { authorLine, noteLabel } from './noteLabel';
import type { OutlineActions } from './outlineActions';
import { DisclosureButton } from '../a11y/DisclosureButton';

export interface OutlineNoteProps {
  note: NoteView;
  linked: readonly LinkedNote[];
  vote: VoteView | null;
  /** This person's dots on the note. */
  mine: number;
  canEdit: boolean;
  /** Whether the note's less frequent actions (link, move, delete) are shown. */
  actionsOpen: boolean;
  actions: OutlineActions;
}

/**
 * What one note's row shows: text, links, author and dots, with Edit and the dot buttons at hand.
 * Linking, moving and deleting sit behind a "More" disclosure, so a phone screen shows several notes
 * at once. Every prop is a value or an object that keeps its identity while the note is unchanged,
 * so a change elsewhere on the board does not re-render this note.
 */
export const OutlineNote = memo(function OutlineNote({ note, linked, vote, mine, canEdit, actionsOpen, actions }: OutlineNoteProps) {
  const { t } = useTranslation();
  const moveSelect = useFocusTarget<HTMLSelectElement>(`move:${note.id}`);
  const moreButton = useRef<HTMLButtonElement>(null);
  const moveId = useId();
  const panelId = useId();
  const label = noteLabel(note);
  const closeOnEscape = (event: KeyboardEvent) => {
    if (event.key !== 'Escape') return;
    event.preventDefault();
    event.stopPropagation();
    actions.setActionsOpen(note.id, false);
    moreButton.current?.focus();
  };
  return (
    <>
      <NoteTextField
        note={note}
        canEdit={canEdit}
        onSave={(text) => actions.setText(note, text)}
        onEditing={(editing) => actions.editing(editing ? note.id : null)}
      />
      <NoteLinks note={note} linked={linked} canEdit={canEdit} onUnlink={actions.unlink} />
      <div className="outline-note-meta">
        <span className="outline-note-author" data-testid="outline-note-author">
          {authorLine(note)}
        </span>
        <NoteVotes note={note} vote={vote} mine={mine} canEdit={canEdit} onAdd={() => actions.addDot(note)} onRemove={() => actions.removeDot(note)} />
        {canEdit && (
          <DisclosureButton open={actionsOpen} controls={panelId} onToggle={(open) => actions.setActionsOpen(note.id, open)} className="outline-more" testId="outline-more" buttonRef={moreButton}>
            {t('outline.more')}
            <span className="visually-hidden">{t('outline.moreFor', { note: label })}</span>
            <span className="outline-more-mark" aria-hidden="true" />
          </DisclosureButton>
        )}
      </div>
      {canEdit && (
        <div id={panelId} className="outline-note-actions" data-testid="outline-actions" hidden={!actionsOpen} onKeyDown={closeOnEscape}>
          {/* Closed, the panel holds nothing but its frame: most notes never open it. */}
          {actionsOpen && (
            <>
              <NoteLinkButton note={note} onOpen={actions.openLinkPicker} />
              <div className="outline-move">
                <label htmlFor={moveId}>
                  {t('outline.move')} <span className="visually-hidden">{label}</span> {t('outline.moveTo')}
                </label>
                <select
                  id={moveId}
                  ref={moveSelect}
                  data-testid="outline-move"
                  value={note.zone}
                  onChange={(event) => actions.move(note, event.target.value as Zone)}
                >
                  {ZONES.map((zone) => (
                    <option key={zone} value={zone}>
                      {t(`zones.${zone}`)}
                    </option>
                  ))}
                </select>
              </div>
              {actionsIn('note-menu').map((action) => (
                <button key={action.name} type="button" data-testid={`outline-${action.name}`} aria-label={t('actions.onNote', { action: t(action.label), note: label })} onClick={() => actions.run(action, note)}>
                  {t(action.label)}
                </button>
              ))}
              <button type="button" data-testid="outline-delete" aria-label={t('outline.deleteNote', { note: label })} onClick={() => actions.remove(note)}>
                {t('common.delete')}
              </button>
            </>
          )}
        </div>
      )}
    </>
  );
});
