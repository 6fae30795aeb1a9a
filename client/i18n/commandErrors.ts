import { MAX_TITLE_LENGTH, MAX_PROMPT_LENGTH } from '../../shared/board/meta';
import { MAX_TIMER_MS } from '../../shared/board/meeting';
import type { BoardCommandError } from '../../shared/board/model';
import { MAX_NOTE_TEXT } from '../../shared/board/note';
import { MAX_VOTE_BUDGET, MIN_VOTE_BUDGET } from '../../shared/board/votes';
import { t } from './index';

/**
 * The model's refusals (BoardCommandError, worded in English for developers and logs in
 * shared/board/model.ts) as the person is told them, in the active language. Only the refusals a
 * person can cause through the interface are worded; the rest (malformed input the interface never
 * sends) read as a generic refusal. test/client/i18n.test.ts makes the model throw each of these.
 */
const RULES: ReadonlyArray<readonly [RegExp, () => string]> = [
  [/^no dots left$/, () => t('errors.command.noDots')],
  [/^no vote is running$/, () => t('errors.command.noVote')],
  [/^a vote is already running/, () => t('errors.command.voteRunning')],
  [/^there is no vote to reveal$/, () => t('errors.command.noVoteToReveal')],
  [/^no dot of this voter on this note$/, () => t('errors.command.notYourDot')],
  [/^budget must be/, () => t('errors.command.budget', { min: MIN_VOTE_BUDGET, max: MAX_VOTE_BUDGET })],
  [/^a note cannot be linked to itself$/, () => t('errors.command.selfLink')],
  [/^these notes are already linked$/, () => t('errors.command.alreadyLinked')],
  [/^(no kind of link goes from|a [\w-]+ link goes from)/, () => t('errors.command.wrongZones')],
  [/^no note with id /, () => t('errors.command.noNote')],
  [/^text is longer than/, () => t('errors.command.tooLong', { max: MAX_NOTE_TEXT })],
  [/^title is longer than/, () => t('errors.command.tooLong', { max: MAX_TITLE_LENGTH })],
  [/^prompt is longer than/, () => t('errors.command.tooLong', { max: MAX_PROMPT_LENGTH })],
  [/^title must not be empty$/, () => t('errors.command.titleEmpty')],
  [/^the timer is not running$/, () => t('errors.command.timerNotRunning')],
  [/^the timer is not paused$/, () => t('errors.command.timerNotPaused')],
  [/^the timer has no time left/, () => t('errors.command.timerEmpty')],
  [/^there is no timer$/, () => t('errors.command.noTimer')],
  [/^duration must be between/, () => t('errors.command.timerRange', { max: MAX_TIMER_MS / 60_000 })],
  [/^a private round is already running$/, () => t('errors.command.roundRunning')],
  [/^no private round is running$/, () => t('errors.command.noRound')],
];

export function commandErrorMessage(error: BoardCommandError): string {
  for (const [pattern, message] of RULES) if (pattern.test(error.message)) return message();
  return t('errors.command.generic');
}
