import type { ActionContext, ActionPlace, BoardAction } from './types';

const actions = new Map<string, BoardAction>();

/** Adds an action to the board's commands; registering a name again replaces it (hot reload). */
export function registerAction<A extends BoardAction>(action: A): A {
  actions.set(action.name, action);
  return action;
}

export function getAction(name: string): BoardAction | undefined {
  return actions.get(name);
}

/** The actions shown as buttons in a place, in the order they were registered. */
export function actionsIn(place: ActionPlace): BoardAction[] {
  return [...actions.values()].filter((action) => action.places?.includes(place));
}

export function isEnabled(action: BoardAction, context: ActionContext): boolean {
  return action.enabled ? action.enabled(context) : context.canEdit && context.noteIds.length > 0;
}

/** The enabled action whose shortcut this key press is, if any. */
export function actionForKey(event: KeyboardEvent, context: ActionContext): BoardAction | undefined {
  for (const action of actions.values()) {
    if (action.keyTest?.(event) && isEnabled(action, context)) return action;
  }
  return undefined;
}
