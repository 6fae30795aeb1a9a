import { useCallback, useEffect, useRef, useState } from 'react';
import type { BoardModel } from '../../shared/board/model';
import { useBoardState } from '../board/useNotes';
import { errorMessage } from '../i18n/apiErrors';
import { fetchRecordState, listRecords, type RecordsAccess, type RecordSummary } from './api';
import type { Comparison, CompareSide } from './compare';
import { closeRecordModel, openRecordModel } from './recordModel';

export interface RecordList {
  records: readonly RecordSummary[];
  loading: boolean;
  error: string | null;
  refresh(): void;
}

/** The board's saved records, newest first, fetched on mount and on `refresh()`. */
export function useRecordList(access: RecordsAccess): RecordList {
  const [records, setRecords] = useState<readonly RecordSummary[]>([]);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [generation, setGeneration] = useState(0);
  const { boardId, key } = access;
  useEffect(() => {
    let live = true;
    setLoading(true);
    listRecords({ boardId, key })
      .then((list) => {
        if (!live) return;
        setRecords(list);
        setError(null);
      })
      .catch((reason: unknown) => live && setError(errorMessage(reason)))
      .finally(() => live && setLoading(false));
    return () => {
      live = false;
    };
  }, [boardId, key, generation]);
  const refresh = useCallback(() => setGeneration((value) => value + 1), []);
  return { records, loading, error, refresh };
}

/**
 * Read-only models of saved records, loaded on first use and kept while the panel is open:
 * records are immutable, so a loaded one never goes stale. All are freed on unmount.
 */
export function useRecordModels(access: RecordsAccess): (id: string) => Promise<BoardModel> {
  const cache = useRef(new Map<string, Promise<BoardModel>>());
  const { boardId, key } = access;
  useEffect(() => {
    const models = cache.current;
    return () => {
      for (const pending of models.values()) void pending.then(closeRecordModel, () => {});
      models.clear();
    };
  }, []);
  return useCallback(
    (id: string) => {
      let pending = cache.current.get(id);
      if (!pending) {
        pending = fetchRecordState({ boardId, key }, id).then(openRecordModel);
        // A failed load is not kept, so trying again fetches again.
        pending.catch(() => cache.current.delete(id));
        cache.current.set(id, pending);
      }
      return pending;
    },
    [boardId, key],
  );
}

/** The comparison of two boards, recomputed whenever either changes (the live side changes as people edit). */
export function useComparison(from: CompareSide, to: CompareSide, comparer: (from: CompareSide, to: CompareSide) => Comparison): Comparison {
  useBoardState(from.model);
  useBoardState(to.model);
  return comparer(from, to);
}
