import { registerAction } from './registry';

/** Gives the targeted notes the colour chosen in the toolbar's palette, as one undo step. */
export const colorNotesAction = registerAction({
  name: 'color-notes',
  label: 'actions.color',
  perform({ model, noteIds }, color) {
    if (color === undefined) return;
    for (const id of noteIds) model.setNoteColor(id, color);
  },
});
