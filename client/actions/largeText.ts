import { registerAction } from './registry';
import type { ActionContext } from './types';

/** True when every targeted note is marked large: the toggle then shows pressed and unmarks them. */
function allLarge({ model, noteIds }: ActionContext): boolean {
  return noteIds.length > 0 && noteIds.every((id) => model.getNote(id)?.large === true);
}

/**
 * "Large text": the targeted notes read as big as they fit instead of at their zone's one size
 * (client/canvas/zoneFonts.ts), or back to the zone's size when all of them already are.
 */
export const largeTextAction = registerAction({
  name: 'large-text',
  label: 'actions.largeText',
  title: 'actions.largeTextTitle',
  places: ['toolbar'],
  pressed: allLarge,
  perform(context) {
    context.model.setNotesLarge(context.noteIds, !allLarge(context));
  },
});
