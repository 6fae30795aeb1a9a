import type { Participant, SharedViewport, SummonRequest } from '../board/presence';
import { fitRect, visibleBoardRect, type Viewport } from '../canvas/viewport';

/** What this screen shows, in the form another screen can fit to its own size. */
export function shareViewport(viewport: Viewport, size: { width: number; height: number }): SharedViewport {
  return { x: viewport.x, y: viewport.y, scale: viewport.scale, width: size.width, height: size.height };
}

/**
 * The viewport that shows, on a screen of `size`, the board area the leader sees: the leader's
 * visible rect fitted whole and centred (a wider TV shows a little more at the sides, never less).
 */
export function followViewport(leader: SharedViewport, size: { width: number; height: number }): Viewport {
  const rect = visibleBoardRect(leader, { width: leader.width, height: leader.height });
  return fitRect(rect, size, 0);
}

/**
 * The leader to follow: among lead-role participants that publish a viewport, the one whose viewport
 * changed most recently (`changedAt`, by client id), so with a leader on a laptop and a phone the
 * screen follows whichever is being used.
 */
export function pickLeader(participants: readonly Participant[], changedAt: ReadonlyMap<number, number>): Participant | null {
  let best: Participant | null = null;
  for (const participant of participants) {
    if (participant.user.role !== 'lead' || !participant.viewport) continue;
    if (!best || (changedAt.get(participant.clientId) ?? 0) > (changedAt.get(best.clientId) ?? 0)) best = participant;
  }
  return best;
}

/** How long a summon stays news: someone joining later is not pulled to where the leader once was. */
export const SUMMON_FRESH_MS = 30_000;

/**
 * How far ahead of this screen's server-corrected clock a summon may be dated (clock offsets are
 * measured, not exact). One dated later is ignored: obeying it would make every real summon look old.
 */
export const SUMMON_FUTURE_SLACK_MS = 5_000;

/**
 * The summon to obey, if any: the newest from a lead-role participant (the server stamps roles), newer than
 * the last one handled and made within SUMMON_FRESH_MS before `now` and at most
 * SUMMON_FUTURE_SLACK_MS after it (server-corrected clocks on both sides).
 */
export function freshSummon(participants: readonly Participant[], lastHandledAt: number, now: number): SummonRequest | null {
  let newest: SummonRequest | null = null;
  for (const participant of participants) {
    const summon = participant.summon;
    if (participant.user.role !== 'lead' || !summon) continue;
    if (summon.at <= lastHandledAt || now - summon.at > SUMMON_FRESH_MS || summon.at - now > SUMMON_FUTURE_SLACK_MS) continue;
    if (!newest || summon.at > newest.at) newest = summon;
  }
  return newest;
}
