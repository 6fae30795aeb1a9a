import { registerAction } from './registry';

/**
 * Links each targeted note to the chosen one (`value`: its id), the kind following from their
 * zones: the canvas's link handle dropped on a note, and the outline's link picker. The model
 * judges which zones may be linked; commandErrors.ts words its refusal.
 */
export const linkNotesAction = registerAction({
  name: 'link-notes',
  label: 'actions.link',
  perform({ model, noteIds, myName }, to) {
    if (to === undefined) return;
    for (const from of noteIds) model.addLink(from, to, undefined, myName);
  },
});
