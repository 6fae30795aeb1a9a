import { useCallback, useSyncExternalStore } from 'react';
import type { LinkView } from '../../shared/board/links';
import type { BoardModel } from '../../shared/board/model';

/** The board's valid links, oldest first. The array keeps its identity while no link changes. */
export function useLinks(model: BoardModel): readonly LinkView[] {
  const getLinks = useCallback(() => model.getSnapshot().links, [model]);
  return useSyncExternalStore(model.subscribe, getLinks, getLinks);
}
