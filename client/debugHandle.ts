import type { Stage } from 'konva/lib/Stage';
import type { BoardModel } from '../shared/board/model';
import type { BoardProvider } from './sync/BoardProvider';

/**
 * `window.__discern`, for end-to-end tests and the benchmark: `{ model, provider, stage }`, the open
 * board's BoardModel (count notes via `model.getSnapshot().notes`), its websocket provider, and the
 * Konva stage (null until mounted). Only live objects, no copies, so readers always see the current board.
 */
export interface DiscernHandle {
  model: BoardModel;
  provider: BoardProvider;
  stage: Stage | null;
}

declare global {
  interface Window {
    __discern?: DiscernHandle;
  }
}

export function exposeBoard(handle: DiscernHandle): void {
  window.__discern = handle;
}

export function exposeStage(stage: Stage | null): void {
  if (window.__discern) window.__discern.stage = stage;
}

export function clearBoardHandle(model: BoardModel): void {
  if (window.__discern?.model === model) delete window.__discern;
}
