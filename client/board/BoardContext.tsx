import { createContext, useContext, type ReactNode } from 'react';
import type { Awareness } from 'y-protocols/awareness';
import type { BoardModel } from '../../shared/board/model';
import type { Role } from '../../shared/protocol/ids';
import type { ConnectionStatusStore } from '../sync/connectionStatus';
import type { LocalPresence } from './presence';

/** What every component under a board page may reach: the model to read and command, and presence. */
export interface BoardContextValue {
  model: BoardModel;
  awareness: Awareness;
  presence: LocalPresence;
  status: ConnectionStatusStore;
  role: Role;
  /** The server-corrected clock (meeting timer); absent in tests and tools, which use Date.now. */
  clock?: { now(): number };
}

const BoardContext = createContext<BoardContextValue | null>(null);

export function BoardProvider({ value, children }: { value: BoardContextValue; children: ReactNode }) {
  return <BoardContext.Provider value={value}>{children}</BoardContext.Provider>;
}

/** The board context, or null outside a board page (hooks then take their store as an argument). */
export function useOptionalBoard(): BoardContextValue | null {
  return useContext(BoardContext);
}

export function useBoard(): BoardContextValue {
  const value = useContext(BoardContext);
  if (!value) throw new Error('useBoard must be used inside a board page');
  return value;
}
