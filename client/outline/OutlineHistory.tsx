import type { BoardModel } from '../../shared/board/model';
import { useHistoryState } from '../board/useNotes';
import { useTranslation } from '../i18n';

/** Undo and redo for the outline, which has no canvas toolbar (Ctrl/Cmd+Z works too). */
export function OutlineHistory({ model }: { model: BoardModel }) {
  const { t } = useTranslation();
  const history = useHistoryState(model);
  return (
    <span className="outline-history">
      <button type="button" data-testid="outline-undo" disabled={!history.canUndo} onClick={() => model.undo()}>
        {t('outline.undo')}
      </button>
      <button type="button" data-testid="outline-redo" disabled={!history.canRedo} onClick={() => model.redo()}>
        {t('outline.redo')}
      </button>
    </span>
  );
}
