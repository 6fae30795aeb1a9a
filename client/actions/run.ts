import { refusalOf } from '../board/commandErrors';
import { isEnabled } from './registry';
import type { ActionContext, ActionOutcome, ActionResult, BoardAction } from './types';

/**
 * Runs an action the same way from every surface: only when enabled, as one undo step of its own,
 * and with a refusal from the model turned into words (commandErrors.ts) instead of thrown.
 */
export function runAction(action: BoardAction, context: ActionContext, value?: string): ActionOutcome {
  if (!isEnabled(action, context)) return { done: false, refusal: null };
  const step = action.undoStep !== false && context.model.tracksUndo;
  const done: { result?: ActionResult | void } = {};
  const refusal = refusalOf(() => {
    if (step) context.model.stopCapturing();
    done.result = action.perform(context, value);
    if (step) context.model.stopCapturing();
  });
  if (refusal !== null) return { done: false, refusal };
  return { done: true, ...(done.result ?? {}) };
}
