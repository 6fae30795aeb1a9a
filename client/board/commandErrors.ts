import { BoardCommandError, type BoardCommandErrorCode } from '../../shared/board/commandError';
import { MAX_PROMPT_LENGTH, MAX_TITLE_LENGTH } from '../../shared/board/meta';
import { MAX_TIMER_MS, MIN_TIMER_MS } from '../../shared/board/meeting';
import { MAX_NOTE_TEXT } from '../../shared/board/note';
import { MAX_VOTE_BUDGET, MIN_VOTE_BUDGET } from '../../shared/board/votes';

/**
 * How the interface words each refusal of a board command: the one place that turns a
 * BoardCommandError's code into words for people (the canvas hint, the outline's status line,
 * the vote panel). Short sentences without a full stop; callers add punctuation to fit.
 */
const MESSAGES: Readonly<Record<BoardCommandErrorCode, string>> = {
  'invalid-input': 'That cannot be done',
  'text-too-long': `A note holds at most ${MAX_NOTE_TEXT} characters`,
  'title-empty': 'The title cannot be empty',
  'title-too-long': `A title holds at most ${MAX_TITLE_LENGTH} characters`,
  'prompt-too-long': `A prompt holds at most ${MAX_PROMPT_LENGTH} characters`,
  'note-missing': 'That note is gone: someone may have deleted it',
  'link-to-self': 'A note cannot be linked to itself',
  'link-zones': 'Link a need to who’s already there, or one of us to a need',
  'already-linked': 'These notes are already linked',
  'vote-budget': `Dots each must be a whole number from ${MIN_VOTE_BUDGET} to ${MAX_VOTE_BUDGET}`,
  'vote-running': 'A vote is already running: end it first',
  'vote-not-running': 'No vote is running',
  'no-vote': 'There has been no vote to reveal',
  'no-dots-left': 'No dots left',
  'no-dot-here': 'None of your dots are on this note',
  'timer-duration': `A timer runs from ${MIN_TIMER_MS / 1000} second to ${MAX_TIMER_MS / 3_600_000} hours`,
  'no-timer': 'There is no timer',
  'timer-not-running': 'The timer is not running',
  'timer-not-paused': 'The timer is not paused',
  'timer-finished': 'The timer has no time left: reset it',
  'round-running': 'A private round is already running',
  'round-not-running': 'No private round is running',
};

export function commandErrorMessage(code: BoardCommandErrorCode): string {
  return MESSAGES[code];
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
