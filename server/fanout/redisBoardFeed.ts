import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import type { BoardFeed, FeedKind, FeedMessage, FeedSubscriber } from './boardFeed';

export interface RedisFeedOptions {
  /** `redis://host:port/db` (REDIS_URL). */
  url: string;
  /** Entries kept per board stream; a process further behind than this catches up from storage. */
  maxLength?: number;
  /** A board's stream is deleted this long after its last entry, and older entries are trimmed. */
  maxAgeMs?: number;
  onError?: (error: unknown, context: string) => void;
}

const KEY_PREFIX = 'discern:board:';
/** How long one XREAD waits for entries before it is issued again. */
const BLOCK_MS = 5_000;
const READ_BATCH = 512;
/** Age trimming scans the stream head; once in so many publishes per board is plenty. */
const TRIM_BY_AGE_EVERY = 100;

interface FollowedBoard {
  readonly boardId: string;
  /** The last entry id read (or the newest when following started); XREAD continues after it. */
  position: string;
  readonly subscribers: Set<FeedSubscriber>;
  /** Each publisher numbers its entries per board; a number skipped means entries were missed. */
  readonly lastSeqByOrigin: Map<string, number>;
}

type StreamEntries = Array<[Buffer, Buffer[]]>;
/** XREAD's answer: RESP2 gives `[[key, entries], …]`; RESP3's map arrives flattened as `[key, entries, …]`. */
type StreamReply = Array<[Buffer, StreamEntries] | Buffer | StreamEntries>;

function streamsOf(reply: StreamReply): Array<[Buffer, StreamEntries]> {
  if (!Buffer.isBuffer(reply[0])) return reply as Array<[Buffer, StreamEntries]>;
  const pairs: Array<[Buffer, StreamEntries]> = [];
  for (let i = 0; i + 1 < reply.length; i += 2) pairs.push([reply[i] as Buffer, reply[i + 1] as StreamEntries]);
  return pairs;
}

/**
 * A `BoardFeed` on Redis Streams: one stream per board (`discern:board:<id>`), trimmed by length
 * and age, read by one blocking XREAD per process for every board it has open. Unlike pub/sub, a
 * reader that reconnects resumes from the last entry it read, and a restarted Redis (empty) only
 * costs a catch-up from storage (`onGap`), never a lost edit.
 */
export class RedisBoardFeed implements BoardFeed {
  /** Tells this process's own entries apart, which it has already forwarded to its clients. */
  private readonly origin = randomBytes(9).toString('base64url');
  private readonly writer: Redis;
  private readonly reader: Redis;
  private readonly boards = new Map<string, FollowedBoard>();
  private readonly publishSeq = new Map<string, number>();
  private readonly maxLength: number;
  private readonly maxAgeMs: number;
  private readonly onError: (error: unknown, context: string) => void;
  private readerId: number | null = null;
  private readerConnectedBefore = false;
  /** Set while the positions are being taken again after the reader reconnected. */
  private resyncing: Promise<void> | null = null;
  private wakeReader: (() => void) | null = null;
  private reading = false;
  /** Counts XREADs issued, so an interruption that came too early can tell it is still needed. */
  private readGeneration = 0;
  private closed = false;
  private readonly loop: Promise<void>;

  constructor(options: RedisFeedOptions) {
    this.maxLength = options.maxLength ?? 10_000;
    this.maxAgeMs = options.maxAgeMs ?? 60 * 60 * 1000;
    this.onError = options.onError ?? (() => undefined);
    // Commands wait in ioredis's queue while Redis is away, rather than failing after a few retries.
    this.writer = new Redis(options.url, { maxRetriesPerRequest: null, connectionName: 'discern-feed-writer' });
    this.reader = new Redis(options.url, { maxRetriesPerRequest: null, connectionName: 'discern-feed-reader' });
    this.writer.on('error', (error: unknown) => this.onError(error, 'redis writer connection'));
    this.reader.on('error', (error: unknown) => this.onError(error, 'redis reader connection'));
    this.reader.on('ready', () => {
      this.resyncing = this.afterReaderConnected().finally(() => (this.resyncing = null));
    });
    this.loop = this.readLoop();
  }

  async follow(boardId: string, subscriber: FeedSubscriber): Promise<() => void> {
    let board = this.boards.get(boardId);
    if (!board) {
      const position = await this.newestEntryId(boardId);
      // Another follow of the same board may have finished while this one waited.
      board = this.boards.get(boardId) ?? { boardId, position, subscribers: new Set(), lastSeqByOrigin: new Map() };
      this.boards.set(boardId, board);
      this.interruptRead();
    }
    const followed = board;
    followed.subscribers.add(subscriber);
    return () => {
      followed.subscribers.delete(subscriber);
      if (followed.subscribers.size === 0 && this.boards.get(boardId) === followed) this.boards.delete(boardId);
    };
  }

  publish(boardId: string, message: FeedMessage): void {
    if (this.closed) return;
    const seq = (this.publishSeq.get(boardId) ?? 0) + 1;
    this.publishSeq.set(boardId, seq);
    // While Redis is away, queueing would only grow memory: every reader catches up from storage when
    // it reconnects, and one that never lost its connection sees this number skipped and does too.
    if (this.writer.status !== 'ready') return;
    const key = KEY_PREFIX + boardId;
    const pipeline = this.writer.pipeline();
    pipeline.xadd(key, 'MAXLEN', '~', this.maxLength, '*', 'o', this.origin, 'n', seq, 'k', message.kind, 'd', Buffer.from(message.payload));
    pipeline.pexpire(key, this.maxAgeMs);
    if (seq % TRIM_BY_AGE_EVERY === 0) pipeline.xtrim(key, 'MINID', '~', Date.now() - this.maxAgeMs);
    pipeline.exec().then(
      (results) => {
        const failed = results?.find(([error]) => error);
        if (failed) this.onError(failed[0], `publishing to board ${boardId}`);
      },
      (error: unknown) => this.onError(error, `publishing to board ${boardId}`),
    );
  }

  async ping(): Promise<void> {
    if (this.writer.status !== 'ready' || this.reader.status !== 'ready') throw new Error(`redis is ${this.writer.status === 'ready' ? this.reader.status : this.writer.status}`);
    await this.writer.ping();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.wakeReader?.();
    this.reader.disconnect();
    await this.loop;
    await this.writer.quit().catch(() => this.writer.disconnect());
  }

  private async newestEntryId(boardId: string): Promise<string> {
    const newest = (await this.writer.xrevrange(KEY_PREFIX + boardId, '+', '-', 'COUNT', 1)) as Array<[string, string[]]>;
    return newest[0]?.[0] ?? '0-0';
  }

  /**
   * After a reconnection the reader cannot know what it missed (Redis may even have restarted
   * empty): it takes each board's newest entry as its position, then has every room catch up from
   * storage, where everything published before that position was committed first.
   */
  private async afterReaderConnected(): Promise<void> {
    try {
      this.readerId = Number(await this.reader.client('ID'));
      if (!this.readerConnectedBefore) {
        this.readerConnectedBefore = true;
        return;
      }
      for (const board of [...this.boards.values()]) {
        board.position = await this.newestEntryId(board.boardId);
        board.lastSeqByOrigin.clear();
        for (const subscriber of board.subscribers) subscriber.onGap();
      }
    } catch (error) {
      this.onError(error, 'resuming the board feed');
    }
  }

  /** A blocked XREAD reads only the streams it was given: re-issue it when a board is added. */
  private interruptRead(): void {
    if (this.wakeReader) return this.wakeReader();
    if (!this.reading || this.readerId === null) return;
    const generation = this.readGeneration;
    // The XREAD may be sent but not yet blocking in Redis, in which case UNBLOCK finds nothing: retry.
    this.writer.client('UNBLOCK', this.readerId).then(
      (unblocked) => {
        if (Number(unblocked) === 0 && this.reading && this.readGeneration === generation) setTimeout(() => this.interruptRead(), 5);
      },
      (error: unknown) => this.onError(error, 'interrupting the board feed'),
    );
  }

  private async readLoop(): Promise<void> {
    while (!this.closed) {
      if (this.resyncing) await this.resyncing;
      if (this.boards.size === 0 || this.reader.status !== 'ready') {
        // Nothing to read yet: wait for a board to follow or the connection to come back.
        await new Promise<void>((resolve) => {
          this.wakeReader = resolve;
          if (this.reader.status !== 'ready') this.reader.once('ready', resolve);
        });
        this.wakeReader = null;
        continue;
      }
      const boards = [...this.boards.values()];
      let reply: StreamReply | null;
      try {
        this.reading = true;
        this.readGeneration += 1;
        reply = (await this.reader.callBuffer(
          'XREAD', 'COUNT', READ_BATCH, 'BLOCK', BLOCK_MS, 'STREAMS',
          ...boards.map((board) => KEY_PREFIX + board.boardId),
          ...boards.map((board) => board.position),
        )) as StreamReply | null;
      } catch (error) {
        if (this.closed) break;
        this.onError(error, 'reading the board feed');
        await new Promise((resolve) => setTimeout(resolve, 100));
        continue;
      } finally {
        this.reading = false;
      }
      if (reply) this.dispatch(reply);
    }
  }

  private dispatch(reply: StreamReply): void {
    for (const [keyBuffer, entries] of streamsOf(reply)) {
      const board = this.boards.get(keyBuffer.toString().slice(KEY_PREFIX.length));
      if (!board) continue;
      for (const [idBuffer, fields] of entries) {
        board.position = idBuffer.toString();
        const entry = parseEntry(fields);
        if (!entry || entry.origin === this.origin) continue;
        const lastSeq = board.lastSeqByOrigin.get(entry.origin);
        board.lastSeqByOrigin.set(entry.origin, entry.seq);
        if (lastSeq !== undefined && entry.seq !== lastSeq + 1) {
          for (const subscriber of board.subscribers) subscriber.onGap();
        }
        for (const subscriber of board.subscribers) {
          try {
            subscriber.deliver({ kind: entry.kind, payload: entry.payload });
          } catch (error) {
            this.onError(error, `applying a feed message to board ${board.boardId}`);
          }
        }
      }
    }
  }
}

interface ParsedEntry {
  origin: string;
  seq: number;
  kind: FeedKind;
  payload: Uint8Array;
}

/** An entry's fields as this feed writes them; anything else in the stream is ignored. */
function parseEntry(fields: Buffer[]): ParsedEntry | null {
  const values = new Map<string, Buffer>();
  for (let i = 0; i + 1 < fields.length; i += 2) values.set(fields[i]!.toString(), fields[i + 1]!);
  const origin = values.get('o')?.toString();
  const seq = Number(values.get('n')?.toString());
  const kind = values.get('k')?.toString();
  const payload = values.get('d');
  if (!origin || !Number.isInteger(seq) || (kind !== 'update' && kind !== 'awareness') || !payload) return null;
  return { origin, seq, kind, payload: new Uint8Array(payload.buffer, payload.byteOffset, payload.byteLength) };
}
