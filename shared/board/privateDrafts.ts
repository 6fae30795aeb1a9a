import type { BoardModel } from './model';
import type { Zone } from './zones';

/**
 * A note written during a private-writing round. Drafts never enter the shared document: the
 * client keeps them (in localStorage, so a reload loses nothing) until it sees the round revealed
 * (`snapshot.meeting.privateRound.revealedAt !== null` for the round it wrote them in), then
 * commits them with `commitDrafts`.
 */
export interface PrivateDraft {
  /** A nanoid made by the client. It becomes the note's id, which makes committing idempotent. */
  readonly id: string;
  readonly zone: Zone;
  readonly text: string;
  readonly color: string;
  readonly author: string;
  /** When the draft was written (the client's server-corrected clock). */
  readonly createdAt: number;
}

/**
 * Adds every draft to the board in one transaction, in `createdAt` order, each at the first free
 * spot of its zone and keeping its `createdAt`. A draft whose id is already on the board (committed
 * before, perhaps from another tab) is skipped, so committing twice adds nothing twice.
 * Throws BoardCommandError, adding nothing, if any draft is invalid. Returns the ids added.
 */
export function commitDrafts(model: BoardModel, drafts: readonly PrivateDraft[]): string[] {
  const ordered = [...drafts].sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return model.addNotes(
    ordered.map((draft) => ({
      id: draft.id,
      zone: draft.zone,
      text: draft.text,
      color: draft.color,
      author: draft.author,
      createdAt: draft.createdAt,
    })),
  );
}
