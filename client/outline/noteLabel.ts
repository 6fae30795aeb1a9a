import type { NoteView } from '../../shared/board/note';

const MAX_LABEL = 40;

/** A note as buttons and announcements name it: its first words in quotes, or "an empty note". */
export function noteLabel(note: Pick<NoteView, 'text'>): string {
  const text = note.text.replace(/\s+/g, ' ').trim();
  if (!text) return 'an empty note';
  return `'${text.length > MAX_LABEL ? `${text.slice(0, MAX_LABEL - 1)}…` : text}'`;
}

/** "Sam (added by Lee)" when someone typed the note in for its author. */
export function authorLine(note: Pick<NoteView, 'author' | 'addedBy'>): string {
  const author = note.author || 'Someone';
  return note.addedBy ? `${author} (added by ${note.addedBy})` : author;
}

export function dots(count: number): string {
  return count === 1 ? '1 dot' : `${count} dots`;
}
