import { registerAction } from './registry';

/**
 * One dot more or less from this person on each targeted note: the canvas's + and − buttons and
 * its V key (Shift+V), and the outline's dot buttons. The model judges the vote and the budget;
 * a refusal (no vote running, no dots left…) is worded once, in commandErrors.ts.
 */
export const addDotAction = registerAction({
  name: 'add-dot',
  label: 'actions.addDot',
  perform({ model, noteIds, voterId }) {
    for (const id of noteIds) model.castVote(id, voterId);
  },
});

export const removeDotAction = registerAction({
  name: 'remove-dot',
  label: 'actions.removeDot',
  perform({ model, noteIds, voterId }) {
    for (const id of noteIds) model.removeVote(id, voterId);
  },
});
