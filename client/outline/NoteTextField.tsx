import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import type { NoteView } from '../../shared/board/note';
import { useTranslation } from '../i18n';
import { useFocusTarget } from './focusRequest';
import { noteLabel } from './noteLabel';

export interface NoteTextFieldProps {
  note: NoteView;
  canEdit: boolean;
  onSave(text: string): void;
  onEditing(editing: boolean): void;
}

/** A note's text, edited in place: Enter or leaving the field saves, Shift+Enter breaks the line, Esc cancels. */
export function NoteTextField({ note, canEdit, onSave, onEditing }: NoteTextFieldProps) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<string | null>(null);
  const editButton = useFocusTarget<HTMLButtonElement>(`edit:${note.id}`);
  const field = useRef<HTMLTextAreaElement>(null);
  const refocus = useRef(false);
  const fieldId = useId();
  const hintId = useId();
  const editing = draft !== null;

  useEffect(() => {
    if (editing) {
      const input = field.current;
      input?.focus();
      input?.setSelectionRange(input.value.length, input.value.length);
    } else if (refocus.current) {
      refocus.current = false;
      editButton.current?.focus();
    }
  }, [editing, editButton]);

  const start = () => {
    setDraft(note.text);
    onEditing(true);
  };
  const finish = (save: boolean, returnFocus: boolean) => {
    if (draft === null) return;
    if (save && draft !== note.text) onSave(draft);
    refocus.current = returnFocus;
    setDraft(null);
    onEditing(false);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      finish(true, true);
    } else if (event.key === 'Escape') {
      event.preventDefault();
      // Esc must not also reach the board's shortcuts (which clear the selection).
      event.stopPropagation();
      finish(false, true);
    }
  };

  if (editing) {
    return (
      <div className="outline-note-editor">
        <label htmlFor={fieldId}>
          {t('outline.noteTextLabel')}{' '}
          <span className="visually-hidden">{t('outline.noteTextBy', { author: note.author || t('common.someoneLower') })}</span>
        </label>
        <textarea
          id={fieldId}
          ref={field}
          data-testid="outline-note-text"
          className="note-font"
          dir="auto"
          value={draft}
          rows={Math.min(8, Math.max(2, draft.split('\n').length))}
          maxLength={2000}
          aria-describedby={hintId}
          onChange={(event) => setDraft(event.target.value)}
          onKeyDown={onKeyDown}
          onBlur={() => finish(true, false)}
        />
        <span id={hintId} className="outline-hint">
          {t('outline.editHint')}
        </span>
      </div>
    );
  }
  return (
    <div className="outline-note-body">
      <p className="outline-note-text note-font" data-testid="outline-note-text" dir="auto">
        {note.text || <em>{t('common.emptyNote')}</em>}
      </p>
      {canEdit && (
        <button type="button" ref={editButton} data-testid="outline-edit" aria-label={t('outline.editNote', { note: noteLabel(note) })} onClick={start}>
          {t('common.edit')}
        </button>
      )}
    </div>
  );
}
