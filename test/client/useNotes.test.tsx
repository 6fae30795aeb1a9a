// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { act, renderHook } from '@testing-library/react';
import * as Y from 'yjs';
import { BoardModel } from '../../shared/board/model';
import { useBoardMeta, useHistoryState, useNote, useNotes } from '../../client/board/useNotes';

function twoModels() {
  const docA = new Y.Doc();
  const docB = new Y.Doc();
  docA.on('update', (update: Uint8Array) => Y.applyUpdate(docB, update, 'remote'));
  docB.on('update', (update: Uint8Array, origin: unknown) => {
    if (origin !== 'remote') Y.applyUpdate(docA, update, 'remote');
  });
  return { mine: new BoardModel(docA, { undo: true }), theirs: new BoardModel(docB, { undo: true }) };
}

describe('useNotes', () => {
  it("returns the model's notes and re-renders when they change", () => {
    const { mine, theirs } = twoModels();
    let renders = 0;
    const hook = renderHook(() => {
      renders++;
      return useNotes(mine);
    });
    expect(hook.result.current).toEqual([]);
    let id = '';
    act(() => {
      id = theirs.addNote({ zone: 'need', author: 'Ben', text: 'Food bank' });
    });
    expect(hook.result.current.map((note) => [note.id, note.text])).toEqual([[id, 'Food bank']]);
    expect(hook.result.current).toBe(mine.getSnapshot().notes);
    const rendersAfterAdd = renders;

    // A change that touches no note (the title) leaves the notes array, and the component, alone.
    act(() => theirs.setTitle('Renamed'));
    expect(renders).toBe(rendersAfterAdd);
  });
});

describe('useNote', () => {
  it('re-renders only when its own note changes', () => {
    const { mine } = twoModels();
    const first = mine.addNote({ zone: 'who', author: 'Ana', text: 'one' });
    const second = mine.addNote({ zone: 'who', author: 'Ana', text: 'two' });
    let renders = 0;
    const hook = renderHook(() => {
      renders++;
      return useNote(first, mine);
    });
    const before = renders;
    act(() => mine.setNoteText(second, 'two, edited'));
    expect(renders).toBe(before);
    act(() => mine.setNoteText(first, 'one, edited'));
    expect(renders).toBe(before + 1);
    expect(hook.result.current?.text).toBe('one, edited');
    act(() => mine.deleteNote(first));
    expect(hook.result.current).toBeUndefined();
  });
});

describe('useBoardMeta and useHistoryState', () => {
  it('follow title changes and undo of own edits only', () => {
    const { mine, theirs } = twoModels();
    const meta = renderHook(() => useBoardMeta(mine));
    const history = renderHook(() => useHistoryState(mine));
    expect(history.result.current).toEqual({ canUndo: false, canRedo: false });
    act(() => theirs.setTitle('Their title'));
    expect(meta.result.current.title).toBe('Their title');
    expect(history.result.current.canUndo).toBe(false);
    act(() => mine.setTitle('My title'));
    expect(history.result.current).toEqual({ canUndo: true, canRedo: false });
    act(() => mine.undo());
    expect(meta.result.current.title).toBe('Their title');
    expect(history.result.current).toEqual({ canUndo: false, canRedo: true });
  });
});
