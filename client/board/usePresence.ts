import { useCallback, useRef, useSyncExternalStore } from 'react';
import type { Awareness } from 'y-protocols/awareness';
import { readPresence, type Participant } from './presence';
import { useOptionalBoard } from './BoardContext';

/**
 * Everyone else on the board, from awareness. The list is rebuilt only when awareness reports a
 * change (not on its keep-alive renewals), so renders follow real presence changes.
 */
export function useParticipants(given?: Awareness): readonly Participant[] {
  const context = useOptionalBoard();
  const awareness = given ?? context?.awareness;
  if (!awareness) throw new Error('no awareness: pass one or render inside a board page');
  const cache = useRef<{ version: number; participants: readonly Participant[] }>({ version: -1, participants: [] });
  const version = useRef(0);
  const subscribe = useCallback(
    (listener: () => void) => {
      const onChange = () => {
        version.current++;
        listener();
      };
      awareness.on('change', onChange);
      return () => awareness.off('change', onChange);
    },
    [awareness],
  );
  const getSnapshot = useCallback(() => {
    if (cache.current.version !== version.current) {
      const participants: Participant[] = [];
      awareness.getStates().forEach((state, clientId) => {
        if (clientId === awareness.clientID) return;
        const participant = readPresence(clientId, state);
        if (participant) participants.push(participant);
      });
      cache.current = { version: version.current, participants };
    }
    return cache.current.participants;
  }, [awareness]);
  return useSyncExternalStore(subscribe, getSnapshot, getSnapshot);
}
