import { useCallback, useSyncExternalStore } from 'react';
import type { BoardMeta } from '../../shared/board/meta';
import type { BoardModel, BoardState } from '../../shared/board/model';
import type { NoteView } from '../../shared/board/note';
import { useOptionalBoard } from './BoardContext';

function useModel(given: BoardModel | undefined): BoardModel {
  const context = useOptionalBoard();
  const model = given ?? context?.model;
  if (!model) throw new Error('no board model: pass one or render inside a board page');
  return model;
}

/** The whole board state; re-renders on any change to the board. */
export function useBoardState(given?: BoardModel): BoardState {
  const model = useModel(given);
  return useSyncExternalStore(model.subscribe, model.getSnapshot, model.getSnapshot);
}

/** Notes in stacking order. The array keeps its identity while no note changes. */
export function useNotes(given?: BoardModel): readonly NoteView[] {
  const model = useModel(given);
  const getNotes = useCallback(() => model.getSnapshot().notes, [model]);
  return useSyncExternalStore(model.subscribe, getNotes, getNotes);
}

/** One note; re-renders only when that note changes (the model keeps identity of unchanged notes). */
export function useNote(id: string | null, given?: BoardModel): NoteView | undefined {
  const model = useModel(given);
  const getNote = useCallback(() => (id === null ? undefined : model.getSnapshot().byId.get(id)), [model, id]);
  return useSyncExternalStore(model.subscribe, getNote, getNote);
}

export function useBoardMeta(given?: BoardModel): BoardMeta {
  const model = useModel(given);
  const getMeta = useCallback(() => model.getSnapshot().meta, [model]);
  return useSyncExternalStore(model.subscribe, getMeta, getMeta);
}

/** Whether undo and redo are available; read after every board change. */
export function useHistoryState(given?: BoardModel): { canUndo: boolean; canRedo: boolean } {
  const model = useModel(given);
  // Encoded as one number so the state is a primitive and compares by value.
  const get = useCallback(() => (model.canUndo() ? 1 : 0) + (model.canRedo() ? 2 : 0), [model]);
  const bits = useSyncExternalStore(model.subscribe, get, get);
  return { canUndo: (bits & 1) !== 0, canRedo: (bits & 2) !== 0 };
}
