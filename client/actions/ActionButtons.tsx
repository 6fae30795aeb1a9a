import { actionsIn, isEnabled } from './registry';
import type { ActionContext, ActionPlace, BoardAction } from './types';

export interface ActionButtonsProps {
  place: ActionPlace;
  context: ActionContext;
  onRun(action: BoardAction): void;
}

/** The registered actions of a place as buttons, each titled with its shortcut and disabled when it does not apply. */
export function ActionButtons({ place, context, onRun }: ActionButtonsProps) {
  return (
    <>
      {actionsIn(place).map((action) => (
        <button
          key={action.name}
          type="button"
          data-testid={action.name}
          title={action.shortcut ? `${action.label} (${action.shortcut})` : action.label}
          disabled={!isEnabled(action, context)}
          onClick={() => onRun(action)}
        >
          {action.label}
        </button>
      ))}
    </>
  );
}
