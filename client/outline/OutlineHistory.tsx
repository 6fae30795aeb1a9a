import type { BoardModel } from '../../shared/board/model';
import { useHistoryState } from '../board/useNotes';

/** Undo and redo for the outline, which has no canvas toolbar (Ctrl/Cmd+Z works too). */
export function OutlineHistory({ model }: { model: BoardModel }) {
  const history = useHistoryState(model);
  return (
    <span className="outline-history">
      <button type="button" data-testid="outline-undo" disabled={!history.canUndo} onClick={() => model.undo()}>
        Undo
      </button>
      <button type="button" data-testid="outline-redo" disabled={!history.canRedo} onClick={() => model.redo()}>
        Redo
      </button>
    </span>
  );
}
