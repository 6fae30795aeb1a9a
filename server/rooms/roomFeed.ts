import type { BoardFeed, FeedMessage, FeedSubscriber } from '../fanout/boardFeed';

/** The origin of changes another process accepted: applied and forwarded here, never stored or published again. */
export const FEED_ORIGIN = Symbol('another process');

/** What a room does with what the other processes send (room.ts). */
export interface FeedTarget {
  applyRemoteUpdate(update: Uint8Array): void;
  applyRemoteAwareness(update: Uint8Array): void;
  /** Messages were missed: load the board from storage again. */
  catchUp(): void;
}

/**
 * A room's connection to the other processes (server/fanout/boardFeed.ts). It starts following
 * the board before the room loads it from storage, keeping what arrives meanwhile, so nothing
 * published between the load and the room's first message is missed; then hands everything to the
 * room as it comes.
 */
export class RoomFeedLink {
  private target: FeedTarget | null = null;
  private readonly early: FeedMessage[] = [];
  private gapWhileLoading = false;
  private unfollow: () => void = () => undefined;

  private constructor(
    private readonly feed: BoardFeed,
    private readonly boardId: string,
  ) {}

  /** Resolves once the feed's position is taken; load the board from storage after this. */
  static async follow(feed: BoardFeed, boardId: string): Promise<RoomFeedLink> {
    const link = new RoomFeedLink(feed, boardId);
    const subscriber: FeedSubscriber = {
      deliver: (message) => link.deliver(message),
      onGap: () => link.onGap(),
    };
    link.unfollow = await feed.follow(boardId, subscriber);
    return link;
  }

  /** The room is loaded: what arrived while it was loading is applied now, in order. */
  attach(target: FeedTarget): void {
    this.target = target;
    for (const message of this.early.splice(0)) this.deliver(message);
    if (this.gapWhileLoading) target.catchUp();
  }

  publishUpdate(update: Uint8Array): void {
    this.feed.publish(this.boardId, { kind: 'update', payload: update });
  }

  publishAwareness(update: Uint8Array): void {
    this.feed.publish(this.boardId, { kind: 'awareness', payload: update });
  }

  close(): void {
    this.target = null;
    this.unfollow();
  }

  private deliver(message: FeedMessage): void {
    if (!this.target) {
      this.early.push(message);
      return;
    }
    if (message.kind === 'update') this.target.applyRemoteUpdate(message.payload);
    else this.target.applyRemoteAwareness(message.payload);
  }

  private onGap(): void {
    if (this.target) this.target.catchUp();
    else this.gapWhileLoading = true;
  }
}
