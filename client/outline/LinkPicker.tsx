import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent, type SyntheticEvent } from 'react';
import type { NoteView } from '../../shared/board/note';
import { t as translate, useTranslation } from '../i18n';
import { keepTabInside } from '../a11y/focusTrap';
import { LINK_TARGETS, plain } from './NoteLinks';

/** At most this many matches are rendered; the search narrows the rest. */
export const MAX_LINK_CHOICES = 50;

export interface LinkPickerProps {
  note: NoteView;
  /** Every note of the zone this one may link to, in outline order. */
  candidates: readonly NoteView[];
  /** Notes this one already links to: not offered again. */
  linkedIds: ReadonlySet<string>;
  /** Returns whether the link was made (the picker then closes). */
  onLink(other: NoteView): boolean;
  onClose(): void;
}

function matchesOf(candidates: readonly NoteView[], linkedIds: ReadonlySet<string>, query: string): { shown: NoteView[]; total: number } {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  const shown: NoteView[] = [];
  let total = 0;
  for (const note of candidates) {
    if (linkedIds.has(note.id)) continue;
    if (words.length > 0) {
      const text = note.text.toLowerCase();
      if (!words.every((word) => text.includes(word))) continue;
    }
    total++;
    if (shown.length < MAX_LINK_CHOICES) shown.push(note);
  }
  return { shown, total };
}

function summary(shown: number, total: number, searching: boolean): string {
  if (total === 0) return searching ? translate('outline.noMatch') : translate('outline.nothingToLink');
  if (shown < total) return translate('outline.showing', { shown, total });
  return translate('outline.matches', { count: total });
}

/**
 * The link picker: a modal dialog with a search field over the notes of the zone a note may link
 * to, rendering at most MAX_LINK_CHOICES of them. It opens on demand from a note's "More" actions,
 * so rows never carry a list of every other note.
 */
export function LinkPicker({ note, candidates, linkedIds, onLink, onClose }: LinkPickerProps) {
  const { t } = useTranslation();
  const dialog = useRef<HTMLDialogElement>(null);
  const search = useRef<HTMLInputElement>(null);
  const list = useRef<HTMLUListElement>(null);
  const [query, setQuery] = useState('');
  const titleId = useId();
  const searchId = useId();
  const summaryId = useId();
  const target = LINK_TARGETS[note.zone];
  const { shown, total } = useMemo(() => matchesOf(candidates, linkedIds, query), [candidates, linkedIds, query]);

  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    // A modal dialog makes the rest of the page inert; where showModal is missing (jsdom) it is simply open.
    if (typeof element.showModal === 'function') {
      if (!element.open) element.showModal();
    } else element.setAttribute('open', '');
    search.current?.focus();
    return () => {
      if (typeof element.close === 'function' && element.open) element.close();
    };
  }, []);

  if (!target) return null;

  const choices = () => [...(list.current?.querySelectorAll<HTMLButtonElement>('button') ?? [])];
  const onKeyDown = (event: KeyboardEvent) => {
    keepTabInside(event, dialog.current);
    if (event.key === 'Escape') {
      event.preventDefault();
      // Esc must not also reach the board's shortcuts.
      event.stopPropagation();
      onClose();
      return;
    }
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
    const buttons = choices();
    const at = buttons.indexOf(event.target as HTMLButtonElement);
    if (event.target === search.current) {
      if (event.key === 'ArrowDown' && buttons[0]) {
        event.preventDefault();
        buttons[0].focus();
      }
      return;
    }
    if (at < 0) return;
    event.preventDefault();
    const next = event.key === 'ArrowDown' ? buttons[at + 1] : at === 0 ? search.current : buttons[at - 1];
    next?.focus();
  };
  // The browser's own Esc on a modal dialog: closed through React's state instead.
  const onCancel = (event: SyntheticEvent) => {
    event.preventDefault();
    onClose();
  };

  return (
    <dialog ref={dialog} className="outline-link-picker" data-testid="outline-link-picker" aria-labelledby={titleId} onKeyDown={onKeyDown} onCancel={onCancel}>
      <h2 id={titleId}>{target.title(note)}</h2>
      <label htmlFor={searchId}>{t('outline.search', { zone: t(`zones.${target.zone}`) })}</label>
      <input
        id={searchId}
        ref={search}
        type="search"
        data-testid="outline-link-search"
        value={query}
        autoComplete="off"
        aria-describedby={summaryId}
        onChange={(event) => setQuery(event.target.value)}
      />
      <p id={summaryId} className="outline-hint" role="status" data-testid="outline-link-summary">
        {summary(shown.length, total, query.trim() !== '')}
      </p>
      {shown.length > 0 && (
        <ul ref={list} className="outline-link-choices" aria-label={t('outline.choices')}>
          {shown.map((other) => (
            <li key={other.id}>
              <button type="button" data-testid="outline-link-choice" data-note-id={other.id} onClick={() => onLink(other)}>
                {plain(other).slice(0, 120)}
              </button>
            </li>
          ))}
        </ul>
      )}
      <button type="button" data-testid="outline-link-cancel" onClick={onClose}>
        {t('common.cancel')}
      </button>
    </dialog>
  );
}
