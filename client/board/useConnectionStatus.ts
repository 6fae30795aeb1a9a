import { useSyncExternalStore } from 'react';
import type { ConnectionStatus, ConnectionStatusStore } from '../sync/connectionStatus';
import { useOptionalBoard } from './BoardContext';

export function useConnectionStatus(given?: ConnectionStatusStore): ConnectionStatus {
  const context = useOptionalBoard();
  const store = given ?? context?.status;
  if (!store) throw new Error('no status store: pass one or render inside a board page');
  return useSyncExternalStore(store.subscribe, store.getSnapshot, store.getSnapshot);
}
