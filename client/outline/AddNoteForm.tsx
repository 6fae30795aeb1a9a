import { useId, useState, type FormEvent } from 'react';
import type { Zone } from '../../shared/board/zones';
import { useTranslation } from '../i18n';

export interface AddNoteFormProps {
  zone: Zone;
  zoneTitle: string;
  /** Returns whether the note was added; the fields clear only then. */
  onAdd(text: string, forName: string): boolean;
}

/**
 * Adds a note to one zone. "For" lets the leader, or whoever sits at the shared screen, write a note
 * on behalf of someone in the room without a device: that person becomes its author.
 */
export function AddNoteForm({ zone, zoneTitle, onAdd }: AddNoteFormProps) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [forName, setForName] = useState('');
  const textId = useId();
  const forId = useId();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (onAdd(text, forName)) {
      setText('');
      setForName('');
    }
  };
  return (
    <form className="outline-add" onSubmit={submit} aria-label={t('outline.addForm', { zone: zoneTitle })}>
      <div className="outline-add-field">
        <label htmlFor={textId}>
          {t('outline.newNote')} <span className="visually-hidden">{t('outline.newNoteIn', { zone: zoneTitle })}</span>
        </label>
        <input
          id={textId}
          data-testid={`outline-add-input-${zone}`}
          className="note-font"
          dir="auto"
          value={text}
          maxLength={2000}
          autoComplete="off"
          onChange={(event) => setText(event.target.value)}
        />
      </div>
      <div className="outline-add-field outline-add-for">
        <label htmlFor={forId}>{t('outline.forName')}</label>
        <input
          id={forId}
          data-testid={`add-for-${zone}`}
          dir="auto"
          value={forName}
          maxLength={80}
          autoComplete="off"
          onChange={(event) => setForName(event.target.value)}
        />
      </div>
      <button type="submit" className="primary" data-testid={`outline-add-${zone}`}>
        {t('common.add')}
      </button>
    </form>
  );
}
