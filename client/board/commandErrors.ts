import { BoardCommandError, type BoardCommandErrorCode } from '../../shared/board/commandError';
import { MAX_PROMPT_LENGTH, MAX_TITLE_LENGTH } from '../../shared/board/meta';
import { MAX_DISPLAY_CYCLE_SECONDS, MAX_TIMER_MS, MIN_DISPLAY_CYCLE_SECONDS, MIN_TIMER_MS } from '../../shared/board/meeting';
import { MAX_NOTE_TEXT } from '../../shared/board/note';
import { MAX_VOTE_BUDGET, MIN_VOTE_BUDGET } from '../../shared/board/votes';
import { t } from '../i18n';
import type { Messages } from '../i18n/en';

type CommandMessageKey = keyof Messages['errors']['command'];

/**
 * How the interface words each refusal of a board command: the one place that turns a
 * BoardCommandError's code into words for people (the canvas hint, the outline's status line, the
 * vote panel), in the active language. Short sentences without a full stop; callers add punctuation.
 */
const MESSAGES: Readonly<Record<BoardCommandErrorCode, readonly [CommandMessageKey, Record<string, number>?]>> = {
  'invalid-input': ['invalidInput'],
  'text-too-long': ['textTooLong', { max: MAX_NOTE_TEXT }],
  'title-empty': ['titleEmpty'],
  'title-too-long': ['titleTooLong', { max: MAX_TITLE_LENGTH }],
  'prompt-too-long': ['promptTooLong', { max: MAX_PROMPT_LENGTH }],
  'note-missing': ['noteMissing'],
  'link-to-self': ['linkToSelf'],
  'link-zones': ['linkZones'],
  'already-linked': ['alreadyLinked'],
  'vote-budget': ['voteBudget', { min: MIN_VOTE_BUDGET, max: MAX_VOTE_BUDGET }],
  'vote-running': ['voteRunning'],
  'vote-not-running': ['voteNotRunning'],
  'no-vote': ['noVote'],
  'no-dots-left': ['noDotsLeft'],
  'no-dot-here': ['noDotHere'],
  'timer-duration': ['timerDuration', { min: MIN_TIMER_MS / 1000, max: MAX_TIMER_MS / 3_600_000 }],
  'no-timer': ['noTimer'],
  'timer-not-running': ['timerNotRunning'],
  'timer-not-paused': ['timerNotPaused'],
  'timer-finished': ['timerFinished'],
  'display-cycle': ['displayCycle', { min: MIN_DISPLAY_CYCLE_SECONDS, max: MAX_DISPLAY_CYCLE_SECONDS }],
  'round-running': ['roundRunning'],
  'round-not-running': ['roundNotRunning'],
};

export function commandErrorMessage(code: BoardCommandErrorCode): string {
  const [key, values] = MESSAGES[code] ?? ['generic'];
  return t(`errors.command.${key}`, values ?? {});
}

/**
 * Runs a board command: null when it was done, the refusal's words when the model refused it.
 * Anything other than a refusal is a bug and is thrown on.
 */
export function refusalOf(command: () => unknown): string | null {
  try {
    command();
    return null;
  } catch (error) {
    if (error instanceof BoardCommandError) return commandErrorMessage(error.code);
    throw error;
  }
}
