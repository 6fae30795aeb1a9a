/**
 * The board's commands as actions (Excalidraw's `actions/` pattern): each module registers one
 * command with its behaviour, label, shortcut, buttons and undo step, and every surface (the
 * toolbar, the keyboard, the canvas, the outline's note menu) runs them through `runAction`.
 * A new command is a new module here and one import below.
 */
import './colorNotes';
import './deleteNotes';
import './dots';
import './duplicateNote';
import './largeText';
import './linkNotes';

export { actionForKey, actionsIn, getAction, isEnabled, registerAction } from './registry';
export { runAction } from './run';
export type { ActionContext, ActionOutcome, ActionPlace, ActionResult, BoardAction } from './types';
export { addDotAction, removeDotAction } from './dots';
export { colorNotesAction } from './colorNotes';
export { deleteNotesAction } from './deleteNotes';
export { largeTextAction } from './largeText';
export { linkNotesAction } from './linkNotes';
