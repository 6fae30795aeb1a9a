import * as Y from 'yjs';
import { CloseCode } from '../../shared/protocol/closeCodes';
import { NoteField, MAX_NOTE_TEXT } from '../../shared/board/note';
import { checkNoteValue } from '../../shared/board/fieldRules';
import { Refusal } from './refusal';
import { forbidden, isTypeContent, singleValue, type Content } from './updateContent';
import type { UpdatePlan } from './updateGuard';

/** updateGuard's checks on a note's fields and its text. */

export function checkNoteField(plan: UpdatePlan, noteId: string, key: string | null, content: Content, deleted: boolean): void {
  if (key === null) forbidden('a note is a map');
  plan.touchedNotes.add(noteId);
  if (deleted) return;
  if (key === NoteField.Text) {
    if (!isTypeContent(content, Y.Text)) forbidden('a note text must be a Y.Text');
    return;
  }
  if (key === NoteField.Votes) {
    if (!isTypeContent(content, Y.Map)) forbidden('note votes must be a Y.Map');
    return;
  }
  if (content instanceof Y.ContentType) return; // an unknown field holding a type: opaque (updatePlaces' childContainer)
  const verdict = checkNoteValue(key, singleValue(content));
  if (verdict === 'invalid') forbidden(`note field "${key}" breaks the format`);
}

/**
 * An item inside a note's text. `textAdded` counts the characters this update adds to each note,
 * so one update cannot carry more than a whole note's worth.
 */
export function checkNoteTextItem(
  plan: UpdatePlan,
  textAdded: Map<string, number>,
  noteId: string,
  key: string | null,
  content: Content,
  deleted: boolean,
): void {
  if (key !== null) forbidden('a note text has no keys');
  if (content instanceof Y.ContentString) {
    const added = (textAdded.get(noteId) ?? 0) + content.getLength();
    if (added > MAX_NOTE_TEXT) throw new Refusal(CloseCode.TooLarge, `a note text is over ${MAX_NOTE_TEXT} characters`);
    textAdded.set(noteId, added);
  } else if (!deleted && !(content instanceof Y.ContentFormat)) {
    forbidden('a note text holds only characters');
  }
  plan.touchedNotes.add(noteId);
}
