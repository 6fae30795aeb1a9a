import type { Stage } from 'konva/lib/Stage';
import type { BoardModel } from '../shared/board/model';
import type { BoardProvider } from './sync/BoardProvider';

/**
 * `window.__discern`, for end-to-end tests and the benchmark: `{ model, provider, stage }`, the open
 * board's BoardModel (count notes via `model.getSnapshot().notes`), its websocket provider, and the
 * Konva stage (null until mounted). Only live objects, no copies, so readers always see the current board.
 *
 * Only the test build has it (`vite build --mode test`, dist/client-test; see scripts/clientBuild.ts):
 * in production builds TEST_BUILD is the constant `false`, so these functions are empty and the
 * minifier drops the handle's name from the bundle (test/e2e/testHandle.test.ts checks).
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

/** Replaced by Vite at build time; vitest runs in mode `test` too, so unit tests see the handle. */
const TEST_BUILD = import.meta.env.MODE === 'test';

export const exposeBoard: (handle: DiscernHandle) => void = TEST_BUILD
  ? (handle) => {
      window.__discern = handle;
    }
  : () => {};

export const exposeStage: (stage: Stage | null) => void = TEST_BUILD
  ? (stage) => {
      if (window.__discern) window.__discern.stage = stage;
    }
  : () => {};

export const clearBoardHandle: (model: BoardModel) => void = TEST_BUILD
  ? (model) => {
      if (window.__discern?.model === model) delete window.__discern;
    }
  : () => {};
