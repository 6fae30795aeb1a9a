import type { NoteView } from '../../shared/board/note';
import { t } from '../i18n';

const MAX_LABEL = 40;

/** A note as buttons and announcements name it: its first words in quotes, or "an empty note". */
export function noteLabel(note: Pick<NoteView, 'text'>): string {
  const text = note.text.replace(/\s+/g, ' ').trim();
  if (!text) return t('outline.emptyNoteLabel');
  return t('outline.noteLabel', { text: text.length > MAX_LABEL ? `${text.slice(0, MAX_LABEL - 1)}…` : text });
}

/** "Sam (added by Lee)" when someone typed the note in for its author. */
export function authorLine(note: Pick<NoteView, 'author' | 'addedBy'>): string {
  const author = note.author || t('common.someone');
  return note.addedBy ? t('common.addedBy', { author, name: note.addedBy }) : author;
}

export function dots(count: number): string {
  return t('common.dots', { count });
}

/** "3 dots left", or "No dots left". */
export function dotsLeft(left: number): string {
  return left === 0 ? t('outline.noDotsLeft') : t('outline.dotsLeft', { count: left });
}
