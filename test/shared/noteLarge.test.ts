import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { BoardCommandError, BoardModel, NoteField, Root } from '../../shared/board';
import { checkNoteValue } from '../../shared/board/fieldRules';

describe('a note marked large (optional `large` field)', () => {
  it('is set and cleared for the selected notes in one undoable gesture', () => {
    const model = new BoardModel(new Y.Doc(), { undo: true });
    const a = model.addNote({ zone: 'who', author: 'Ana', text: 'Welcome' });
    const b = model.addNote({ zone: 'who', author: 'Ana', text: 'Us' });
    model.stopCapturing();
    model.setNotesLarge([a, b], true);
    expect(model.getSnapshot().notes.map((note) => note.large)).toEqual([true, true]);
    model.undo();
    expect(model.getSnapshot().notes.map((note) => note.large)).toEqual([undefined, undefined]);
    model.redo();
    model.stopCapturing();
    model.setNotesLarge([a], false);
    expect(model.getSnapshot().byId.get(a)?.large).toBeUndefined();
    expect(model.getSnapshot().byId.get(b)?.large).toBe(true);
  });

  it('reads anything but `true` as not large, and keeps the note', () => {
    const doc = new Y.Doc();
    const model = new BoardModel(doc);
    const id = model.addNote({ zone: 'need', author: 'Ben', text: 'Food' });
    (doc.getMap(Root.Notes).get(id) as Y.Map<unknown>).set(NoteField.Large, 'yes');
    expect(model.getSnapshot().byId.get(id)).toMatchObject({ text: 'Food' });
    expect(model.getSnapshot().byId.get(id)?.large).toBeUndefined();
  });

  it('is a boolean for the server', () => {
    expect(checkNoteValue('large', true)).toBe('ok');
    expect(checkNoteValue('large', false)).toBe('ok');
    expect(checkNoteValue('large', 'yes')).toBe('invalid');
    expect(checkNoteValue('large', 1)).toBe('invalid');
  });

  it('refuses the whole list when a note is missing, changing none of them', () => {
    const model = new BoardModel(new Y.Doc());
    const a = model.addNote({ zone: 'who', author: 'Ana', text: 'Welcome' });
    let refusal: unknown;
    try {
      model.setNotesLarge([a, 'gone'], true);
    } catch (error) {
      refusal = error;
    }
    expect(refusal).toBeInstanceOf(BoardCommandError);
    expect((refusal as BoardCommandError).code).toBe('note-missing');
    expect(model.getSnapshot().byId.get(a)?.large).toBeUndefined();
  });
});
