import { CloseCode } from '../../shared/protocol/closeCodes';
import { Refusal } from './refusal';

/** How long a connection's early edits wait for its step 2 before they are refused as incomplete (4509). */
const HOLD_FOR_STEP_2_MS = 1_000;

/**
 * A connection's first sync, until its answer to our step 1 (its step 2) arrives. Meanwhile its
 * messages may carry an offline backlog (a larger message allowance), and a stock provider sends
 * edits as they are made, also while it reconnects, so one can overtake the step 2 that carries
 * what it builds on (edits made offline, or held by a server that has since restarted). Such an
 * edit waits here for step 2 instead of being refused; then the held edits are checked in order.
 */
export class FirstSync {
  /** True until the connection's step 2 arrives. */
  inProgress = true;
  private held: Uint8Array[] = [];
  private heldBytes = 0;
  private timer: NodeJS.Timeout | null = null;

  /**
   * Holds an edit that cannot be checked before step 2: one that `inspect` refuses as incomplete
   * (4509), or any edit once one is held, so they stay in order. Returns false when the update is
   * complete and can be checked now. If step 2 does not come in time, `expire` is called.
   */
  holdIfIncomplete(update: Uint8Array, maxBytes: number, inspect: () => void, expire: () => void): boolean {
    if (this.held.length === 0) {
      try {
        inspect();
        return false;
      } catch (error) {
        if (!(error instanceof Refusal) || error.code !== CloseCode.NeedsResync) return false;
      }
    }
    this.heldBytes += update.byteLength;
    if (this.heldBytes > maxBytes) {
      throw new Refusal(CloseCode.TooLarge, 'too many edits before the first sync');
    }
    this.held.push(update);
    this.timer ??= setTimeout(() => {
      this.timer = null;
      if (this.held.length > 0) expire();
    }, HOLD_FOR_STEP_2_MS);
    return true;
  }

  /** Step 2 has been applied: returns the edits that waited for it, in the order they came. */
  release(): Uint8Array[] {
    this.stopWaiting();
    const held = this.held.splice(0);
    this.heldBytes = 0;
    return held;
  }

  /** The connection left: nothing waits for its step 2 any more. */
  stopWaiting(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}
