import * as Y from 'yjs';
import { readVote, type VoteView } from './votes';
import { Zone } from './zones';

/**
 * The meeting's shared state (format version 2, docs/format.md): root `doc.getMap('meeting')`.
 * Written only by the leader's gestures (the client shows those controls to leaders only; the
 * document cannot tell roles apart). Every sub-record is optional: missing or malformed reads as
 * "not started".
 */
export const MeetingField = {
  Phase: 'phase',
  /** `Y.Map`, see `VoteField` in votes.ts. */
  Vote: 'vote',
  /** `Y.Map`, see `TimerField`. */
  Timer: 'timer',
  /** `Y.Map`, see `PrivateRoundField`. */
  PrivateRound: 'privateRound',
  /**
   * Number: seconds the shared screen shows each zone before the next, when it cannot show every
   * note legibly at once. Missing (or malformed) means the screen follows the phase's zone instead.
   */
  DisplayCycleSeconds: 'displayCycleSeconds',
} as const;
export type MeetingField = (typeof MeetingField)[keyof typeof MeetingField];

// --- phases -------------------------------------------------------------------------------------

/** The optional agenda the leader steps through. */
export const Phase = {
  Gather: 'gather',
  Look: 'look',
  Listen: 'listen',
  Discern: 'discern',
  Record: 'record',
} as const;
export type Phase = (typeof Phase)[keyof typeof Phase];

export const PHASES: readonly Phase[] = [Phase.Gather, Phase.Look, Phase.Listen, Phase.Discern, Phase.Record];

export function isPhase(value: unknown): value is Phase {
  return typeof value === 'string' && (PHASES as readonly string[]).includes(value);
}

export const PHASE_TITLES: Readonly<Record<Phase, string>> = {
  gather: 'Gather',
  look: 'Look',
  listen: 'Listen',
  discern: 'Discern',
  record: 'Record',
};

/** What each phase is for, as a one-line hint under its title. */
export const PHASE_HINTS: Readonly<Record<Phase, string>> = {
  gather: 'Who are we?',
  look: "What's the need?",
  listen: "Who's already there?",
  discern: 'Link needs to who is there, and vote',
  record: 'Save a record of the board',
};

/** The zone each phase highlights for everyone; `null` means no zone is highlighted. */
export const PHASE_ZONES: Readonly<Record<Phase, Zone | null>> = {
  gather: Zone.Who,
  look: Zone.Need,
  listen: Zone.There,
  discern: null,
  record: null,
};

// --- timer --------------------------------------------------------------------------------------

/**
 * A shared countdown. Times are in **server clock** milliseconds: each client corrects its own
 * clock by an offset measured against the server, so devices whose clocks disagree still count
 * down to the same moment.
 */
export const TimerField = {
  DurationMs: 'durationMs',
  /** While running: the server-clock moment it reaches zero; `null` while paused or reset. */
  EndsAt: 'endsAt',
  /** While paused or reset: what is left. While running it holds the value at the last start/resume. */
  RemainingMs: 'remainingMs',
  Running: 'running',
} as const;
export type TimerField = (typeof TimerField)[keyof typeof TimerField];

export const MIN_TIMER_MS = 1000;
export const MAX_TIMER_MS = 4 * 60 * 60 * 1000;

export interface TimerView {
  readonly durationMs: number;
  /** Non-null exactly when `running`. */
  readonly endsAt: number | null;
  readonly remainingMs: number;
  readonly running: boolean;
}

function isFiniteNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

/** Reads `meeting.timer`; a malformed timer reads as no timer. */
export function readTimer(value: unknown): TimerView | null {
  if (!(value instanceof Y.Map)) return null;
  const durationMs: unknown = value.get(TimerField.DurationMs);
  const endsAt: unknown = value.get(TimerField.EndsAt);
  const remainingMs: unknown = value.get(TimerField.RemainingMs);
  const running: unknown = value.get(TimerField.Running);
  if (!isFiniteNumber(durationMs) || durationMs <= 0 || typeof running !== 'boolean') return null;
  if (!isFiniteNumber(remainingMs) || remainingMs < 0) return null;
  if (running && !isFiniteNumber(endsAt)) return null;
  return {
    durationMs,
    endsAt: running ? (endsAt as number) : null,
    remainingMs: Math.min(remainingMs, durationMs),
    running,
  };
}

/**
 * Milliseconds left on the timer at server-clock time `now`, between 0 and the duration.
 * Pure: call it on every animation frame with the client's corrected clock.
 */
export function timerRemaining(timer: TimerView | null, now: number): number {
  if (!timer) return 0;
  const left = timer.running && timer.endsAt !== null ? timer.endsAt - now : timer.remainingMs;
  return Math.max(0, Math.min(timer.durationMs, left));
}

// --- private writing round ----------------------------------------------------------------------

/**
 * A private-writing round. The drafts never enter the document (see privateDrafts.ts); this
 * record only tells every client when a round started and when the leader revealed it.
 */
export const PrivateRoundField = {
  Active: 'active',
  StartedAt: 'startedAt',
  /** Server-clock moment of the reveal; `null` while the round is running. */
  RevealedAt: 'revealedAt',
  /** A fresh id per round, so a client can tell its drafts of this round from an older one's. */
  Round: 'round',
} as const;
export type PrivateRoundField = (typeof PrivateRoundField)[keyof typeof PrivateRoundField];

export interface PrivateRoundView {
  readonly active: boolean;
  readonly startedAt: number;
  readonly revealedAt: number | null;
  readonly round: string;
}

/** Reads `meeting.privateRound`; a malformed one reads as no round. */
export function readPrivateRound(value: unknown): PrivateRoundView | null {
  if (!(value instanceof Y.Map)) return null;
  const active: unknown = value.get(PrivateRoundField.Active);
  const startedAt: unknown = value.get(PrivateRoundField.StartedAt);
  const revealedAt: unknown = value.get(PrivateRoundField.RevealedAt);
  const round: unknown = value.get(PrivateRoundField.Round);
  if (typeof active !== 'boolean' || !isFiniteNumber(startedAt)) return null;
  if (typeof round !== 'string' || round.length === 0) return null;
  if (revealedAt !== null && revealedAt !== undefined && !isFiniteNumber(revealedAt)) return null;
  return { active, startedAt, revealedAt: isFiniteNumber(revealedAt) ? revealedAt : null, round };
}

// --- shared screen -----------------------------------------------------------------------------

/** Bounds of `meeting.displayCycleSeconds`: long enough to read a zone, short enough to come round. */
export const MIN_DISPLAY_CYCLE_SECONDS = 5;
export const MAX_DISPLAY_CYCLE_SECONDS = 600;

export function isDisplayCycleSeconds(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= MIN_DISPLAY_CYCLE_SECONDS && value <= MAX_DISPLAY_CYCLE_SECONDS;
}

// --- the whole root -----------------------------------------------------------------------------

export interface MeetingView {
  readonly phase: Phase | null;
  readonly vote: VoteView | null;
  readonly timer: TimerView | null;
  readonly privateRound: PrivateRoundView | null;
  /** The shared screen's zone interval, or `null`: it follows the phase. */
  readonly displayCycleSeconds: number | null;
}

export const EMPTY_MEETING: MeetingView = { phase: null, vote: null, timer: null, privateRound: null, displayCycleSeconds: null };

/** Reads the `meeting` root. Never throws; each part that breaks the schema reads as absent. */
export function readMeeting(meeting: Y.Map<unknown>): MeetingView {
  const phase: unknown = meeting.get(MeetingField.Phase);
  const cycle: unknown = meeting.get(MeetingField.DisplayCycleSeconds);
  return {
    phase: isPhase(phase) ? phase : null,
    vote: readVote(meeting.get(MeetingField.Vote)),
    timer: readTimer(meeting.get(MeetingField.Timer)),
    privateRound: readPrivateRound(meeting.get(MeetingField.PrivateRound)),
    displayCycleSeconds: isDisplayCycleSeconds(cycle) ? cycle : null,
  };
}
