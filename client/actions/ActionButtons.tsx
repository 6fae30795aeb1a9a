import { useTranslation } from '../i18n';
import { actionsIn, isEnabled } from './registry';
import type { ActionContext, ActionPlace, BoardAction } from './types';

export interface ActionButtonsProps {
  place: ActionPlace;
  context: ActionContext;
  onRun(action: BoardAction): void;
}

/** The registered actions of a place as buttons, each titled with its shortcut and disabled when it does not apply. */
export function ActionButtons({ place, context, onRun }: ActionButtonsProps) {
  const { t } = useTranslation();
  return (
    <>
      {actionsIn(place).map((action) => (
        <button
          key={action.name}
          type="button"
          data-testid={action.name}
          title={action.shortcut ? t('actions.withShortcut', { action: t(action.title ?? action.label), shortcut: action.shortcut }) : t(action.title ?? action.label)}
          disabled={!isEnabled(action, context)}
          aria-pressed={action.pressed ? isEnabled(action, context) && action.pressed(context) : undefined}
          onClick={() => onRun(action)}
        >
          {t(action.label)}
        </button>
      ))}
    </>
  );
}
