import { useCallback, useEffect, useState, useSyncExternalStore } from 'react';
import type { MeetingView } from '../../shared/board/meeting';
import { timerRemaining } from '../../shared/board/meeting';
import { useBoard } from '../board/BoardContext';

/** Phase, vote, timer and private round; re-renders only when the meeting root changes. */
export function useMeeting(): MeetingView {
  const { model } = useBoard();
  const get = useCallback(() => model.getSnapshot().meeting, [model]);
  return useSyncExternalStore(model.subscribe, get, get);
}

/** The server-corrected clock of the open board (Date.now where none was measured). */
export function useServerNow(): () => number {
  const { clock } = useBoard();
  return clock?.now ?? Date.now;
}

/** Milliseconds left on the shared timer, refreshed a few times a second while it runs. */
export function useTimerRemaining(): number {
  const { timer } = useMeeting();
  const now = useServerNow();
  const [, tick] = useState(0);
  useEffect(() => {
    if (!timer?.running) return;
    const id = setInterval(() => tick((n) => n + 1), 200);
    return () => clearInterval(id);
  }, [timer?.running, timer?.endsAt]);
  return timerRemaining(timer, now());
}

/** `mm:ss`, rounding up so the display shows 00:00 only when time is really up. */
export function formatRemaining(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const minutes = Math.floor(total / 60);
  const seconds = total % 60;
  return `${String(minutes).padStart(2, '0')}:${String(seconds).padStart(2, '0')}`;
}
