import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import type { FeedMessage, FeedSubscriber } from '../../server/fanout/boardFeed';
import { RedisBoardFeed } from '../../server/fanout/redisBoardFeed';
import { startRedis, type RunningRedis } from '../helpers/redis';
import { waitFor } from '../helpers/waitFor';

let redis: RunningRedis;
beforeAll(async () => {
  redis = await startRedis();
});
afterAll(async () => {
  await redis.stop();
});

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A feed whose connections are up: before that it drops what it publishes (readers catch up from storage). */
async function feed(options: { maxLength?: number; maxAgeMs?: number } = {}): Promise<RedisBoardFeed> {
  const created = new RedisBoardFeed({ url: redis.url, ...options });
  cleanups.push(() => created.close());
  await waitFor(() => created.ping());
  return created;
}

interface Recorder extends FeedSubscriber {
  readonly received: string[];
  gaps: number;
}

function recorder(): Recorder {
  const received: string[] = [];
  const subscriber: Recorder = {
    received,
    gaps: 0,
    deliver: (message: FeedMessage) => received.push(`${message.kind}:${Buffer.from(message.payload).toString()}`),
    onGap: () => (subscriber.gaps += 1),
  };
  return subscriber;
}

const text = (kind: FeedMessage['kind'], value: string): FeedMessage => ({ kind, payload: Buffer.from(value) });

describe('the Redis board feed (real redis-server)', () => {
  it('delivers what another process publishes after following, in order, and never a process its own', async () => {
    const [a, b] = [await feed(), await feed()];
    const seenByA = recorder();
    const seenByB = recorder();
    b.publish('board-1', text('update', 'before anyone followed'));
    const raw = new Redis(redis.url);
    cleanups.push(() => raw.disconnect());
    await waitFor(async () => expect(await raw.xlen('discern:board:board-1')).toBe(1));
    await a.follow('board-1', seenByA);
    await b.follow('board-1', seenByB);
    for (let i = 0; i < 50; i++) b.publish('board-1', text(i % 5 === 0 ? 'awareness' : 'update', `b${i}`));
    a.publish('board-1', text('update', 'from a'));
    await waitFor(() => expect(seenByA.received).toHaveLength(50));
    expect(seenByA.received).toEqual(Array.from({ length: 50 }, (_, i) => `${i % 5 === 0 ? 'awareness' : 'update'}:b${i}`));
    await waitFor(() => expect(seenByB.received).toEqual(['update:from a']));
    expect(seenByA.gaps + seenByB.gaps).toBe(0);
  });

  it('keeps boards apart, follows a board added while a read is blocked, and stops after unfollowing', async () => {
    const [a, b] = [await feed(), await feed()];
    const first = recorder();
    const second = recorder();
    await a.follow('board-x', first);
    // The reader is now blocked on board-x alone; board-y must be picked up at once, not after the block times out.
    await new Promise((resolve) => setTimeout(resolve, 100));
    const stopSecond = await a.follow('board-y', second);
    const started = Date.now();
    b.publish('board-y', text('update', 'y1'));
    b.publish('board-x', text('update', 'x1'));
    await waitFor(() => expect(second.received).toEqual(['update:y1']));
    expect(Date.now() - started).toBeLessThan(2_000);
    await waitFor(() => expect(first.received).toEqual(['update:x1']));
    stopSecond();
    b.publish('board-y', text('update', 'y2'));
    b.publish('board-x', text('update', 'x2'));
    await waitFor(() => expect(first.received).toEqual(['update:x1', 'update:x2']));
    expect(second.received).toEqual(['update:y1']);
  });

  it('reports a gap when a publisher skipped entries (the stream was trimmed past a slow reader)', async () => {
    const a = await feed();
    const seen = recorder();
    await a.follow('board-gap', seen);
    const raw = new Redis(redis.url);
    cleanups.push(() => raw.disconnect());
    await raw.xadd('discern:board:board-gap', '*', 'o', 'other', 'n', 1, 'k', 'update', 'd', 'one');
    await raw.xadd('discern:board:board-gap', '*', 'o', 'other', 'n', 3, 'k', 'update', 'd', 'three');
    // Entries this feed does not understand are skipped, not delivered and not fatal.
    await raw.xadd('discern:board:board-gap', '*', 'junk', 'x');
    await raw.xadd('discern:board:board-gap', '*', 'o', 'other', 'n', 4, 'k', 'update', 'd', 'four');
    await waitFor(() => expect(seen.received).toEqual(['update:one', 'update:three', 'update:four']));
    expect(seen.gaps).toBe(1);
  });

  it('trims each stream by length and lets an idle board stream expire', async () => {
    const a = await feed({ maxLength: 100, maxAgeMs: 60_000 });
    for (let i = 0; i < 1_000; i++) a.publish('board-long', text('update', `${i}`));
    const raw = new Redis(redis.url);
    cleanups.push(() => raw.disconnect());
    await waitFor(async () => expect(await raw.xlen('discern:board:board-long')).toBeLessThan(300));
    const ttl = await raw.pttl('discern:board:board-long');
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(60_000);
  });

  it('after Redis restarts (empty), every follower is told to catch up, and delivery resumes', async () => {
    const [a, b] = [await feed(), await feed()];
    const seen = recorder();
    await a.follow('board-restart', seen);
    b.publish('board-restart', text('update', 'before'));
    await waitFor(() => expect(seen.received).toEqual(['update:before']));
    await redis.restart();
    await waitFor(() => expect(seen.gaps).toBeGreaterThanOrEqual(1), { timeout: 15_000 });
    await waitFor(async () => expect(await a.ping()).toBeUndefined(), { timeout: 15_000 });
    b.publish('board-restart', text('update', 'after'));
    await waitFor(() => expect(seen.received.at(-1)).toBe('update:after'), { timeout: 15_000 });
  }, 40_000);

  it('ping fails while Redis is away', async () => {
    // Not ready until both connections are up: a load balancer sends nothing to it before.
    const a = await feed();
    await redis.kill();
    await waitFor(() => expect(a.ping()).rejects.toThrow(/redis is/));
    await redis.start();
    await waitFor(() => a.ping(), { timeout: 15_000 });
  });
});
