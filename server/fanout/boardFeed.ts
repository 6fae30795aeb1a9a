/**
 * How processes that have the same board open hear each other's changes. One process alone needs
 * none (rooms forward to their own sockets); with several, every process publishes what it
 * committed, and every other process that has the board open applies it and forwards it to its own
 * clients. Storage stays the source of truth: a feed may drop messages, and `onGap` then asks the
 * room to catch up from storage.
 */
export type FeedKind = 'update' | 'awareness';

export interface FeedMessage {
  readonly kind: FeedKind;
  readonly payload: Uint8Array;
}

export interface FeedSubscriber {
  /** A message another process published for the board, in the order it was published. */
  deliver(message: FeedMessage): void;
  /**
   * Messages may have been missed (the feed reconnected, or a publisher's sequence skipped). The
   * room reloads the board from storage; everything published after this call is still delivered.
   */
  onGap(): void;
}

export interface BoardFeed {
  /**
   * Starts following a board. Resolves once the feed's position is taken, so anything published
   * afterwards is delivered: load the board from storage after this, not before. Returns the
   * function that stops following.
   */
  follow(boardId: string, subscriber: FeedSubscriber): Promise<() => void>;
  /** Publishes to the other processes; call it only after the change is committed to storage. */
  publish(boardId: string, message: FeedMessage): void;
  /** Throws (rejects) when the feed's server cannot be reached (GET /readyz). */
  ping(): Promise<void>;
  close(): Promise<void>;
}
