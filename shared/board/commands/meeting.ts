import * as Y from 'yjs';
import { nanoid } from 'nanoid';
import { BoardCommandError } from '../commandError';
import {
  MAX_DISPLAY_CYCLE_SECONDS,
  MAX_TIMER_MS,
  MIN_DISPLAY_CYCLE_SECONDS,
  MIN_TIMER_MS,
  MeetingField,
  PrivateRoundField,
  TimerField,
  isDisplayCycleSeconds,
  isPhase,
  timerRemaining,
  type Phase,
} from '../meeting';
import type { BoardStore } from '../store/boardStore';

/** Meeting commands: phase, timer and private round (docs/format.md, "meeting"); readers in meeting.ts. */

export function setPhase(store: BoardStore, phase: Phase | null): void {
  if (phase !== null && !isPhase(phase)) throw new BoardCommandError('invalid-input', `unknown phase: ${String(phase)}`);
  if (store.getSnapshot().meeting.phase === phase) return;
  store.transact(() => {
    if (phase === null) store.meeting.delete(MeetingField.Phase);
    else store.meeting.set(MeetingField.Phase, phase);
  });
}

/** The shared screen's zone interval in seconds, or null to follow the phase's zone. */
export function setDisplayCycle(store: BoardStore, seconds: number | null): void {
  if (seconds !== null && !isDisplayCycleSeconds(seconds)) {
    throw new BoardCommandError('display-cycle', `the interval must be a whole number of seconds from ${MIN_DISPLAY_CYCLE_SECONDS} to ${MAX_DISPLAY_CYCLE_SECONDS}`);
  }
  if (store.getSnapshot().meeting.displayCycleSeconds === seconds) return;
  store.transact(() => {
    if (seconds === null) store.meeting.delete(MeetingField.DisplayCycleSeconds);
    else store.meeting.set(MeetingField.DisplayCycleSeconds, seconds);
  });
}

export function startTimer(store: BoardStore, durationMs: number): void {
  if (typeof durationMs !== 'number' || !Number.isFinite(durationMs) || durationMs < MIN_TIMER_MS || durationMs > MAX_TIMER_MS) {
    throw new BoardCommandError('timer-duration', `duration must be between ${MIN_TIMER_MS} and ${MAX_TIMER_MS} ms`);
  }
  const duration = Math.round(durationMs);
  store.transact(() => {
    const timer = new Y.Map<unknown>();
    timer.set(TimerField.DurationMs, duration);
    timer.set(TimerField.EndsAt, store.now() + duration);
    timer.set(TimerField.RemainingMs, duration);
    timer.set(TimerField.Running, true);
    store.meeting.set(MeetingField.Timer, timer);
  });
}

export function pauseTimer(store: BoardStore): void {
  const timer = store.getSnapshot().meeting.timer;
  if (!timer?.running) throw new BoardCommandError('timer-not-running', 'the timer is not running');
  const remaining = timerRemaining(timer, store.now());
  store.transact(() => {
    const map = store.requireMeetingPart(MeetingField.Timer);
    map.set(TimerField.Running, false);
    map.set(TimerField.EndsAt, null);
    map.set(TimerField.RemainingMs, remaining);
  });
}

export function resumeTimer(store: BoardStore): void {
  const timer = store.getSnapshot().meeting.timer;
  if (!timer || timer.running) throw new BoardCommandError('timer-not-paused', 'the timer is not paused');
  if (timer.remainingMs <= 0) throw new BoardCommandError('timer-finished', 'the timer has no time left; reset it');
  store.transact(() => {
    const map = store.requireMeetingPart(MeetingField.Timer);
    map.set(TimerField.EndsAt, store.now() + timer.remainingMs);
    map.set(TimerField.Running, true);
  });
}

export function resetTimer(store: BoardStore): void {
  const timer = store.getSnapshot().meeting.timer;
  if (!timer) throw new BoardCommandError('no-timer', 'there is no timer');
  store.transact(() => {
    const map = store.requireMeetingPart(MeetingField.Timer);
    map.set(TimerField.Running, false);
    map.set(TimerField.EndsAt, null);
    map.set(TimerField.RemainingMs, timer.durationMs);
  });
}

export function clearTimer(store: BoardStore): void {
  if (!store.meeting.has(MeetingField.Timer)) return;
  store.transact(() => store.meeting.delete(MeetingField.Timer));
}

export function startPrivateRound(store: BoardStore): string {
  if (store.getSnapshot().meeting.privateRound?.active) throw new BoardCommandError('round-running', 'a private round is already running');
  const round = nanoid();
  store.transact(() => {
    const map = new Y.Map<unknown>();
    map.set(PrivateRoundField.Active, true);
    map.set(PrivateRoundField.StartedAt, store.now());
    map.set(PrivateRoundField.RevealedAt, null);
    map.set(PrivateRoundField.Round, round);
    store.meeting.set(MeetingField.PrivateRound, map);
  });
  return round;
}

export function revealPrivateRound(store: BoardStore): void {
  if (!store.getSnapshot().meeting.privateRound?.active) throw new BoardCommandError('round-not-running', 'no private round is running');
  store.transact(() => {
    const map = store.requireMeetingPart(MeetingField.PrivateRound);
    map.set(PrivateRoundField.Active, false);
    map.set(PrivateRoundField.RevealedAt, store.now());
  });
}
