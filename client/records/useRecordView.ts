import { useCallback, useMemo, useRef, useState } from 'react';
import type { RecordView } from './recordView';

/**
 * The one owner of what the canvas shows instead of the live board. The records panel shows and
 * clears views through it, the board screen reads it and clears it from the banner; neither keeps
 * its own copy.
 */
export interface RecordViewing {
  /** The record or comparison shown now; null for the live board. */
  readonly current: RecordView | null;
  /**
   * Shows the view `load` resolves to. Records load over the network: when two are asked for
   * quickly, or the view is cleared meanwhile, only the request made last may land.
   */
  show(load: () => Promise<RecordView>): Promise<void>;
  /** Back to the live board; a load still on its way is dropped. */
  clear(): void;
}

export function useRecordView(): RecordViewing {
  const [current, setCurrent] = useState<RecordView | null>(null);
  // The request allowed to land: a fresh object per request, so no counter has to be kept in step.
  const pending = useRef<object | null>(null);
  const show = useCallback(async (load: () => Promise<RecordView>) => {
    const request = {};
    pending.current = request;
    const next = await load();
    if (pending.current === request) setCurrent(next);
  }, []);
  const clear = useCallback(() => {
    pending.current = null;
    setCurrent(null);
  }, []);
  return useMemo(() => ({ current, show, clear }), [current, show, clear]);
}
