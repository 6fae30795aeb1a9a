import { useCallback, useEffect, useMemo, useState } from 'react';
import type { NoteView } from '../../shared/board/note';
import type { Rect } from '../../shared/board/zones';
import { useBoard } from '../board/BoardContext';
import { useNote } from '../board/useNotes';

export interface Selection {
  /** The selected notes that still exist. */
  readonly selection: ReadonlySet<string>;
  select(ids: readonly string[]): void;
  /** The note open in this person's editor, while it exists. */
  readonly editingId: string | null;
  readonly editingNote: NoteView | undefined;
  startEditing(id: string): void;
  stopEditing(): void;
  /** Where this person's pointer is on the board, for the others' cursors. */
  moveCursor(point: { x: number; y: number } | null): void;
}

/**
 * What this person has selected and is editing on the live board, told to the others through
 * presence as it changes. `readOnly` (a record on the canvas) closes the editor; `reveal` brings a
 * note about to be edited on screen.
 */
export function useSelection({ canEdit, readOnly, reveal }: { canEdit: boolean; readOnly: boolean; reveal(rect: Rect): void }): Selection {
  const { model, presence } = useBoard();
  const [selectionIds, setSelectionIds] = useState<readonly string[]>([]);
  const [editingId, setEditingId] = useState<string | null>(null);
  const editingNote = useNote(editingId);

  // Notes deleted by someone else drop out of the selection.
  const byId = model.getSnapshot().byId;
  const selection = useMemo(() => new Set(selectionIds.filter((id) => byId.has(id))), [selectionIds, byId]);

  const select = useCallback(
    (ids: readonly string[]) => {
      setSelectionIds(ids);
      presence.setSelection(ids);
    },
    [presence],
  );

  const startEditing = useCallback(
    (id: string) => {
      if (!canEdit) return;
      const note = model.getNote(id);
      if (!note) return;
      reveal(note);
      select([id]);
      setEditingId(id);
      presence.setEditing(id);
    },
    [canEdit, model, presence, select, reveal],
  );

  const stopEditing = useCallback(() => {
    setEditingId(null);
    presence.setEditing(null);
    model.stopCapturing();
  }, [model, presence]);

  useEffect(() => {
    if (editingId && (!editingNote || readOnly)) stopEditing();
  }, [editingId, editingNote, readOnly, stopEditing]);

  const moveCursor = useCallback((point: { x: number; y: number } | null) => presence.setCursor(point), [presence]);

  return { selection, select, editingId, editingNote, startEditing, stopEditing, moveCursor };
}
