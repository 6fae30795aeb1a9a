import { registerAction } from './registry';

/**
 * Deletes the targeted notes and their links, one undo step. The Delete key reaches it through
 * useShortcuts (deleteSelection), which shares the key with the canvas's selected link.
 */
export const deleteNotesAction = registerAction({
  name: 'delete-notes',
  label: 'actions.delete',
  shortcut: 'Delete',
  perform({ model, noteIds }) {
    model.deleteNotes(noteIds);
    return { select: [] };
  },
});
