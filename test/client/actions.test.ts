// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { BOARD_COMMAND_ERROR_CODES, BoardCommandError } from '../../shared/board/model';
import { zoneOfRect, zoneRect } from '../../shared/board/zones';
import { actionForKey, actionsIn, getAction, runAction, type ActionContext } from '../../client/actions';
import { DUPLICATE_OFFSET, duplicateNoteAction, duplicateOf } from '../../client/actions/duplicateNote';
import { largeTextAction } from '../../client/actions/largeText';
import { commandErrorMessage, refusalOf } from '../../client/board/commandErrors';
import { newBoard } from '../shared/helpers';

function context(model: ActionContext['model'], noteIds: readonly string[], overrides: Partial<ActionContext> = {}): ActionContext {
  return { model, noteIds, canEdit: true, myName: 'Lee', voterId: 'voter-lee', ...overrides };
}

function key(init: KeyboardEventInit): KeyboardEvent {
  return new KeyboardEvent('keydown', init);
}

describe('the duplicate-note action', () => {
  it('copies zone, text, colour and size a little down and right, as one undo step, and selects the copy', () => {
    const model = newBoard();
    const need = zoneRect('need');
    const id = model.addNote({ zone: 'need', author: 'Sam', text: 'Lonely elders', color: '#90caf9', x: need.x + 300, y: need.y + 400, w: 300, h: 200 });
    model.stopCapturing();
    const outcome = runAction(duplicateNoteAction, context(model, [id]));
    expect(outcome.done).toBe(true);
    const notes = model.getSnapshot().notes;
    expect(notes).toHaveLength(2);
    const original = model.getNote(id)!;
    const copy = notes.find((note) => note.id !== id)!;
    expect(outcome).toMatchObject({ select: [copy.id], announce: "Duplicated 'Lonely elders'." });
    expect(copy).toMatchObject({ zone: 'need', text: 'Lonely elders', color: '#90caf9', w: 300, h: 200, author: 'Sam', addedBy: 'Lee', votes: 0 });
    expect([copy.x - original.x, copy.y - original.y]).toEqual([DUPLICATE_OFFSET, DUPLICATE_OFFSET]);
    // The copy is the newest note, so it draws on top of the original.
    expect(notes.at(-1)!.id).toBe(copy.id);
    model.undo();
    expect(model.getSnapshot().notes.map((note) => note.id)).toEqual([id]);
  });

  it('keeps the copy in its zone at the zone edge, and keeps the author when they copy their own note', () => {
    const need = zoneRect('need');
    // Its centre is just inside the need column: a step right would put the copy in the next zone.
    const atRightEdge = { id: 'n', zone: 'need' as const, text: 'x', x: need.x + need.w + 10 - 110, y: need.y + 400, w: 220, h: 160, color: '#fff176', author: 'Sam', createdAt: 0, votes: 0 };
    const copy = duplicateOf(atRightEdge, 'Sam');
    expect(zoneOfRect({ x: copy.x!, y: copy.y!, w: 220, h: 160 })).toBe('need');
    expect([copy.x, copy.y]).toEqual([atRightEdge.x - DUPLICATE_OFFSET, atRightEdge.y - DUPLICATE_OFFSET]);
    expect(copy.addedBy).toBeUndefined();
    expect(zoneOfRect({ ...atRightEdge, x: atRightEdge.x + DUPLICATE_OFFSET })).toBe('there');
  });

  it('duplicates every selected note in one step, and skips notes deleted meanwhile', () => {
    const model = newBoard();
    const a = model.addNote({ zone: 'who', author: 'A', text: 'Retired nurses' });
    const b = model.addNote({ zone: 'there', author: 'A', text: 'Visiting scheme' });
    model.stopCapturing();
    const outcome = runAction(duplicateNoteAction, context(model, [a, b, 'gone-gone-gone-gone-gone']));
    expect(outcome).toMatchObject({ done: true, announce: 'Duplicated 2 notes.' });
    const texts = model.getSnapshot().notes.map((note) => `${note.zone}:${note.text}`).sort();
    expect(texts).toEqual(['there:Visiting scheme', 'there:Visiting scheme', 'who:Retired nurses', 'who:Retired nurses']);
    model.undo();
    expect(model.getSnapshot().notes).toHaveLength(2);
  });

  it('is Ctrl+D and Cmd+D, shown in the toolbar and the note menu, and does nothing without a note or edit rights', () => {
    const model = newBoard();
    const id = model.addNote({ zone: 'who', author: 'A' });
    expect(actionForKey(key({ key: 'd', ctrlKey: true }), context(model, [id]))).toBe(duplicateNoteAction);
    expect(actionForKey(key({ key: 'D', metaKey: true }), context(model, [id]))).toBe(duplicateNoteAction);
    expect(actionForKey(key({ key: 'd' }), context(model, [id]))).toBeUndefined();
    expect(actionForKey(key({ key: 'd', ctrlKey: true, shiftKey: true }), context(model, [id]))).toBeUndefined();
    expect(actionForKey(key({ key: 'd', ctrlKey: true }), context(model, []))).toBeUndefined();
    expect(actionForKey(key({ key: 'd', ctrlKey: true }), context(model, [id], { canEdit: false }))).toBeUndefined();
    expect(runAction(duplicateNoteAction, context(model, [id], { canEdit: false }))).toEqual({ done: false, refusal: null });
    expect(model.getSnapshot().notes).toHaveLength(1);
    expect(actionsIn('toolbar')).toContain(duplicateNoteAction);
    expect(actionsIn('note-menu')).toContain(duplicateNoteAction);
    expect(getAction('duplicate-note')).toBe(duplicateNoteAction);
  });
});

describe('the large-text action', () => {
  it('marks the selection large, shows pressed, and unmarks it when every note already is', () => {
    const model = newBoard();
    const a = model.addNote({ zone: 'who', author: 'Ana', text: 'Welcome' });
    const b = model.addNote({ zone: 'who', author: 'Ana', text: 'Us' });
    expect(actionsIn('toolbar')).toContain(largeTextAction);
    expect(largeTextAction.pressed?.(context(model, [a, b]))).toBe(false);
    expect(runAction(largeTextAction, context(model, [a])).done).toBe(true);
    expect(largeTextAction.pressed?.(context(model, [a]))).toBe(true);
    // A mixed selection is not pressed: the toggle makes all of them large.
    expect(largeTextAction.pressed?.(context(model, [a, b]))).toBe(false);
    runAction(largeTextAction, context(model, [a, b]));
    expect([model.getNote(a)?.large, model.getNote(b)?.large]).toEqual([true, true]);
    runAction(largeTextAction, context(model, [a, b]));
    expect([model.getNote(a)?.large, model.getNote(b)?.large]).toEqual([undefined, undefined]);
    model.undo();
    expect([model.getNote(a)?.large, model.getNote(b)?.large]).toEqual([true, true]);
    expect(runAction(largeTextAction, context(model, [a], { canEdit: false })).done).toBe(false);
  });
});

describe('the colour action', () => {
  it('colours every selected note as one undo step', () => {
    const model = newBoard();
    const a = model.addNote({ zone: 'who', author: 'A' });
    const b = model.addNote({ zone: 'need', author: 'A' });
    model.stopCapturing();
    expect(runAction(getAction('color-notes')!, context(model, [a, b]), '#F48FB1')).toEqual({ done: true });
    expect(model.getSnapshot().notes.map((note) => note.color)).toEqual(['#f48fb1', '#f48fb1']);
    model.undo();
    expect(model.getSnapshot().notes.map((note) => note.color)).toEqual(['#fff176', '#fff176']);
    expect(runAction(getAction('color-notes')!, context(model, [a]), 'pink')).toEqual({ done: false, refusal: 'That cannot be done' });
  });
});

describe('refusals', () => {
  it('carry a code, worded once for people', () => {
    const model = newBoard();
    const id = model.addNote({ zone: 'need', author: 'A' });
    model.startVote(1);
    model.castVote(id, 'me');
    let caught: unknown;
    try {
      model.castVote(id, 'me');
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(BoardCommandError);
    expect((caught as BoardCommandError).code).toBe('no-dots-left');
    expect(refusalOf(() => model.castVote(id, 'me'))).toBe('No dots left');
    expect(refusalOf(() => model.setTitle('  '))).toBe(commandErrorMessage('title-empty'));
    expect(refusalOf(() => model.setNoteText('missing', 'x'))).toBe(commandErrorMessage('note-missing'));
    expect(refusalOf(() => model.startVote(2))).toBe('A vote is already running: end it first');
    model.endVote();
    expect(refusalOf(() => model.startVote(0))).toBe('Dots each must be a whole number from 1 to 20');
    expect(refusalOf(() => model.startTimer(10))).toBe('A timer runs from 1 second to 4 hours');
    for (const code of BOARD_COMMAND_ERROR_CODES) expect(commandErrorMessage(code)).toMatch(/^[A-Z].*[^.]$/);
  });

  it('a dot action refused by the model says why, and changes nothing', () => {
    const model = newBoard();
    const id = model.addNote({ zone: 'need', author: 'A' });
    const addDot = getAction('add-dot')!;
    expect(runAction(addDot, context(model, [id]))).toEqual({ done: false, refusal: 'No vote is running' });
    model.startVote(1);
    expect(runAction(addDot, context(model, [id]))).toEqual({ done: true });
    expect(runAction(addDot, context(model, [id]))).toEqual({ done: false, refusal: 'No dots left' });
    expect(model.getSnapshot().votesBy('voter-lee').get(id)).toBe(1);
  });

  it('other errors are not swallowed', () => {
    expect(() => refusalOf(() => {
      throw new TypeError('bug');
    })).toThrow(TypeError);
  });
});
