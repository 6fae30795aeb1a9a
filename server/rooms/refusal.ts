import type { CloseCode } from '../../shared/protocol/closeCodes';

/**
 * A message the server will not take, and the close code its sender gets. Only the sender's socket
 * is closed; the room and every other socket carry on.
 */
export class Refusal extends Error {
  override readonly name = 'Refusal';
  constructor(
    readonly code: CloseCode,
    reason: string,
  ) {
    super(reason);
  }
}
