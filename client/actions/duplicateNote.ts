import type { NoteImport } from '../../shared/board/model';
import type { NoteView } from '../../shared/board/note';
import { zoneOfRect } from '../../shared/board/zones';
import { t } from '../i18n';
import { noteLabel } from '../outline/noteLabel';
import { MOD_LABEL, isModKey } from './keys';
import { registerAction } from './registry';

/** How far a copy sits from its note, down and right, in board units: enough to see both. */
export const DUPLICATE_OFFSET = 24;

/**
 * The copy of a note: same zone, text, colour and size, a little down and right (up and left when
 * that would cross into another zone; the zone's first free spot if neither stays in it). It keeps
 * the note's author, and names who made the copy as `addedBy` when that is someone else. Dots and
 * links are not copied: the copy is a new note.
 */
export function duplicateOf(note: NoteView, myName: string): NoteImport {
  const { zone, text, color, w, h } = note;
  const copy: NoteImport = { zone, text, color, w, h, author: note.author };
  if (myName && myName !== note.author) copy.addedBy = myName;
  for (const step of [DUPLICATE_OFFSET, -DUPLICATE_OFFSET]) {
    const x = note.x + step;
    const y = note.y + step;
    if (zoneOfRect({ x, y, w, h }) === zone) return { ...copy, x, y };
  }
  return copy;
}

/** Duplicates the targeted notes as one undo step, and selects (or focuses) the copies. */
export const duplicateNoteAction = registerAction({
  name: 'duplicate-note',
  label: 'actions.duplicate',
  shortcut: `${MOD_LABEL}+D`,
  keyTest: (event) => isModKey(event, 'd'),
  places: ['toolbar', 'note-menu'],
  perform({ model, noteIds, myName }) {
    const notes = noteIds.flatMap((id) => model.getNote(id) ?? []);
    const ids = model.addNotes(notes.map((note) => duplicateOf(note, myName)));
    const [first] = notes;
    return { select: ids, announce: notes.length === 1 && first ? t('actions.duplicatedOne', { note: noteLabel(first) }) : t('actions.duplicatedMany', { count: ids.length }) };
  },
});
