import { useCallback, useEffect, useMemo, useRef } from 'react';
import type { Role } from '../../shared/protocol/ids';
import type { LocalPresence, Participant } from '../board/presence';
import type { Viewport } from '../canvas/viewport';
import { followViewport, freshSummon, pickLeader, shareViewport } from './followViewport';

interface ViewportSharing {
  viewport: Viewport;
  size: { width: number; height: number };
  setViewport(viewport: Viewport): void;
  /** This screen follows the leader's viewport. */
  following: boolean;
  /** Following, but not moving for now (a shared screen showing its own layout until a leader moves). */
  holding?: boolean;
  role: Role;
  participants: readonly Participant[];
  presence: LocalPresence;
  now(): number;
}

function sameViewport(a: Viewport, b: Viewport): boolean {
  return Math.abs(a.x - b.x) < 0.5 && Math.abs(a.y - b.y) < 0.5 && Math.abs(a.scale - b.scale) < 1e-4;
}

/**
 * Follow-the-leader and summon over awareness. A leader who is not following publishes its viewport;
 * a following screen fits the leader's visible board area to its own size; every client moves to a
 * fresh summon from a leader. Returns `summon`, for the leader's "bring everyone to me".
 */
export function useViewportSharing({ viewport, size, setViewport, following, holding = false, role, participants, presence, now }: ViewportSharing): {
  leader: Participant | null;
  summon(): void;
} {
  const publishes = role === 'lead' && !following && size.width > 0;
  useEffect(() => {
    presence.setViewport(publishes ? shareViewport(viewport, size) : null);
  }, [presence, publishes, viewport, size]);
  useEffect(() => presence.setFollow(following), [presence, following]);

  // When each leader's viewport last changed, to follow whichever leader is active. Worked out when
  // the participants change (an awareness change), not on every render: this screen re-renders per frame
  // while it pans. People who left are forgotten.
  const changedAt = useRef(new Map<number, number>());
  const seen = useRef(new Map<number, string>());
  const leader = useMemo(() => {
    const present = new Set<number>();
    for (const participant of participants) {
      present.add(participant.clientId);
      const key = participant.viewport ? JSON.stringify(participant.viewport) : '';
      if (seen.current.get(participant.clientId) !== key) {
        seen.current.set(participant.clientId, key);
        changedAt.current.set(participant.clientId, performance.now());
      }
    }
    for (const clientId of seen.current.keys()) {
      if (present.has(clientId)) continue;
      seen.current.delete(clientId);
      changedAt.current.delete(clientId);
    }
    return pickLeader(participants, changedAt.current);
  }, [participants]);
  const target = following && !holding && leader?.viewport && size.width > 0 ? followViewport(leader.viewport, size) : null;
  const latestViewport = useRef(viewport);
  latestViewport.current = viewport;
  useEffect(() => {
    if (target && !sameViewport(target, latestViewport.current)) setViewport(target);
    // The target's numbers, not its identity, decide whether to move.
  }, [target?.x, target?.y, target?.scale, setViewport]); // eslint-disable-line react-hooks/exhaustive-deps

  const handledAt = useRef(0);
  const summonNow = freshSummon(participants, handledAt.current, now());
  useEffect(() => {
    if (!summonNow || size.width <= 0) return;
    handledAt.current = summonNow.at;
    setViewport(followViewport(summonNow.viewport, size));
  }, [summonNow?.at, size.width, size.height, setViewport]); // eslint-disable-line react-hooks/exhaustive-deps

  const summon = useCallback(() => {
    presence.summon({ at: now(), viewport: shareViewport(latestViewport.current, size) });
  }, [presence, now, size]);
  return { leader, summon };
}
