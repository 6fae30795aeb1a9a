import { useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import { PHASE_ZONES, type MeetingView } from '../../shared/board/meeting';
import type { NoteView } from '../../shared/board/note';
import type { Participant, SharedViewport } from '../board/presence';
import { visibleBoardRect, type Viewport } from '../canvas/viewport';
import { subscribeTextLayout, textLayoutVersion } from '../canvas/zoneFonts';
import { BOARD_HEIGHT, BOARD_WIDTH } from '../../shared/board/zones';
import { frameViewport, planFrames, type DisplayFrame, type ScreenSize } from './displayFrames';
import { drawnFontSizes, legibleTextPx } from './displayText';

/** Seconds per zone or page when the leader has set no interval and the phase names no single zone. */
export const DEFAULT_CYCLE_SECONDS = 20;

export interface DisplayViewInput {
  display: boolean;
  /** The screen's "Follow the leader" switch. Off, nothing moves the screen but the person at it. */
  following: boolean;
  /** Someone edits at the screen (E): the view holds still under them. */
  editing: boolean;
  notes: readonly NoteView[];
  size: ScreenSize;
  meeting: MeetingView;
  participants: readonly Participant[];
  setViewport(viewport: Viewport): void;
}

export interface DisplayView {
  /** The frame on screen while the display's own layout is in charge, else `null`. */
  frame: DisplayFrame | null;
  /** Its place in the frames the screen goes through (1-based), for "2 of 3". */
  position: { index: number; count: number };
  /** The notes to draw: the frame's, or `null` for all of them. */
  notes: readonly NoteView[] | null;
  /** A leader has moved their own view since the last frame change: the screen follows it. */
  leaderDriving: boolean;
  /** Why the screen holds still, when it does: someone edits at it, or it does not follow the leader. */
  holding: 'editing' | 'unfollowed' | null;
}

/**
 * A leader who sees most of the board is not showing the room anything in particular; one zoomed in
 * on less than half of it is. Judged on what they see, not on a fitted viewport: their window may
 * have changed size (a panel opened) since it was fitted, and a board fitted to the old size shows a
 * little less than all of it.
 */
export const DIRECTING_SHARE = 0.5;

function isWholeBoardView(viewport: SharedViewport): boolean {
  const seen = visibleBoardRect(viewport, { width: viewport.width, height: viewport.height });
  const w = Math.max(0, Math.min(seen.x + seen.w, BOARD_WIDTH) - Math.max(seen.x, 0));
  const h = Math.max(0, Math.min(seen.y + seen.h, BOARD_HEIGHT) - Math.max(seen.y, 0));
  return w * h >= DIRECTING_SHARE * BOARD_WIDTH * BOARD_HEIGHT;
}

/**
 * The shared screen's presentation: which frame (whole board, zone, page) it shows and when it moves
 * on, following the phase's zone or the leader's interval. A leader who pans or zooms their own view
 * takes the screen (when it follows the leader) until the next frame; a leader back at the
 * whole-board view, or first arriving, does not.
 */
export function useDisplayView({ display, following, editing, notes, size, meeting, participants, setViewport }: DisplayViewInput): DisplayView {
  const active = display && following && !editing;
  const textPx = legibleTextPx(typeof window === 'undefined' ? 1080 : window.innerHeight);
  // The sizes are measured: a webfont that finishes loading changes them (zoneFonts.invalidateTextLayout).
  const layoutVersion = useSyncExternalStore(subscribeTextLayout, textLayoutVersion);
  // Measuring every note's text is only worth it on a shared screen (a phone's outline draws none).
  const fontOf = useMemo(() => (display ? drawnFontSizes(notes) : null), [display, notes, layoutVersion]); // eslint-disable-line react-hooks/exhaustive-deps
  const frames = useMemo(
    () => (fontOf ? planFrames(notes, size, textPx, fontOf) : []),
    [notes, size.width, size.height, textPx, fontOf], // eslint-disable-line react-hooks/exhaustive-deps
  );
  const phaseZone = meeting.phase ? PHASE_ZONES[meeting.phase] : null;
  const cycle = meeting.displayCycleSeconds;
  const candidates = useMemo(() => {
    if (frames.length <= 1) return frames;
    if (cycle === null && phaseZone) return frames.filter((frame) => frame.zone === phaseZone);
    const filled = frames.filter((frame) => frame.notes.length > 0);
    return filled.length > 0 ? filled : frames;
  }, [frames, cycle, phaseZone]);

  // Leaders' own moves, told apart from their arrival and from the whole-board view.
  const moves = useRef({ seen: new Map<number, string>(), count: 0, released: true });
  const leaderMove = useMemo(() => {
    const state = moves.current;
    const present = new Set<number>();
    for (const participant of participants) {
      if (participant.user.role !== 'lead' || !participant.viewport) continue;
      present.add(participant.clientId);
      // Where they look, not how large their window is: a panel opening on their side is not a move.
      const { x, y, scale } = participant.viewport;
      const key = `${x}|${y}|${scale}`;
      const before = state.seen.get(participant.clientId);
      state.seen.set(participant.clientId, key);
      if (before === undefined || before === key) continue;
      state.count += 1;
      state.released = isWholeBoardView(participant.viewport);
    }
    for (const clientId of state.seen.keys()) if (!present.has(clientId)) state.seen.delete(clientId);
    return { count: state.count, released: state.released };
  }, [participants]);

  const mode = `${String(cycle)}|${String(phaseZone)}|${String(active)}`;
  const [step, setStep] = useState({ mode, index: 0 });
  const index = step.mode === mode ? step.index : 0;
  const current = candidates.length > 0 ? candidates[index % candidates.length]! : null;

  const [driving, setDriving] = useState(false);
  const handledMove = useRef(leaderMove.count);
  useEffect(() => {
    if (leaderMove.count === handledMove.current) return;
    handledMove.current = leaderMove.count;
    setDriving(!leaderMove.released);
  }, [leaderMove.count, leaderMove.released]);
  // A new frame (the phase moved on, the next zone came round) takes the screen back.
  useEffect(() => setDriving(false), [current?.key, mode]);

  const intervalMs = (cycle ?? DEFAULT_CYCLE_SECONDS) * 1000;
  useEffect(() => {
    if (!active || driving || candidates.length <= 1) return;
    const timer = setTimeout(() => setStep({ mode, index: index + 1 }), intervalMs);
    return () => clearTimeout(timer);
  }, [active, driving, candidates.length, mode, index, intervalMs]);

  const inCharge = active && !driving && current !== null;
  const target = inCharge ? frameViewport(current, size) : null;
  useEffect(() => {
    if (target) setViewport(target);
    // The target's numbers, not its identity, decide whether to move.
  }, [target?.x, target?.y, target?.scale, setViewport]); // eslint-disable-line react-hooks/exhaustive-deps

  return {
    frame: inCharge ? current : null,
    position: { index: candidates.length > 0 ? (index % candidates.length) + 1 : 0, count: candidates.length },
    notes: inCharge ? current.notes : null,
    leaderDriving: display && following && driving,
    holding: !display || (following && driving) ? null : editing ? 'editing' : following ? null : 'unfollowed',
  };
}
