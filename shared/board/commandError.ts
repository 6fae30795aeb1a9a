/**
 * Why a board command was refused. Interfaces word these for people (client/board/commandErrors.ts);
 * the error's `message` stays an English sentence for logs and tools.
 */
export const BOARD_COMMAND_ERROR_CODES = [
  /** Input the document format does not allow (a wrong type, a number out of range…): a caller's mistake. */
  'invalid-input',
  'text-too-long',
  'title-empty',
  'title-too-long',
  'prompt-too-long',
  /** The note is not (or no longer) on the board: someone may have deleted it meanwhile. */
  'note-missing',
  'link-to-self',
  /** No kind of link joins the two notes' zones, or the given kind does not join them. */
  'link-zones',
  'already-linked',
  /** A vote's dots per person outside 1–20 or not whole. */
  'vote-budget',
  'vote-running',
  'vote-not-running',
  /** There has been no vote, so there is nothing to reveal. */
  'no-vote',
  'no-dots-left',
  /** The voter has no dot on this note to take back. */
  'no-dot-here',
  /** A timer's duration outside 1 s – 4 h. */
  'timer-duration',
  'no-timer',
  'timer-not-running',
  'timer-not-paused',
  'timer-finished',
  /** The shared screen's zone interval outside 5–600 seconds or not whole. */
  'display-cycle',
  'round-running',
  'round-not-running',
] as const;

export type BoardCommandErrorCode = (typeof BOARD_COMMAND_ERROR_CODES)[number];

/** A command was refused (input the format does not allow, or a state it does not apply to); nothing was changed. */
export class BoardCommandError extends Error {
  override readonly name = 'BoardCommandError';
  readonly code: BoardCommandErrorCode;

  constructor(code: BoardCommandErrorCode, message: string) {
    super(message);
    this.code = code;
  }
}
