import { createHash } from 'node:crypto';
import WebSocket from 'ws';
import * as syncProtocol from 'y-protocols/sync';
import { MessageType } from '../shared/protocol/messageTypes';
import { waitUntil } from './stats';
import type { BenchServer } from './server';
import { boardUrl } from './server';
import type { LoadWorker } from './loadWorker';
import type { Figure } from './report';

export interface EncodingCount {
  /** Distinct update payloads the server sent (one per flushed batch). */
  batches: number;
  /** Distinct byte arrays that carried them: more than one per batch means it was encoded per peer. */
  encodings: number;
  sends: number;
  maxEncodingsPerBatch: number;
}

/**
 * Counts, on the server side, how often each sync-update payload was encoded: it wraps
 * `ws.WebSocket.prototype.send` in this thread (the load worker's `ws` is a separate copy, so only
 * server sends are seen) and groups sends by content. Two identical payloads in two different
 * arrays are two encodings of one batch.
 */
export class EncodingCounter {
  private readonly contentOf = new WeakMap<object, string>();
  private readonly byContent = new Map<string, { encodings: number; sends: number }>();
  private restore: (() => void) | null = null;

  install(): this {
    const prototype = WebSocket.prototype as unknown as { send: (data: unknown, ...rest: unknown[]) => void };
    const original = prototype.send;
    const counter = this;
    prototype.send = function send(this: WebSocket, data: unknown, ...rest: unknown[]) {
      if (data instanceof Uint8Array) counter.count(data);
      return original.call(this, data, ...rest);
    };
    this.restore = () => {
      prototype.send = original;
    };
    return this;
  }

  uninstall(): void {
    this.restore?.();
    this.restore = null;
  }

  private count(data: Uint8Array): void {
    // Only document updates forwarded to the room; step 1/2 answers are per peer by nature.
    if (data[0] !== MessageType.Sync || data[1] !== syncProtocol.messageYjsUpdate) return;
    let key = this.contentOf.get(data);
    let fresh = false;
    if (key === undefined) {
      key = createHash('sha1').update(data).digest('base64');
      this.contentOf.set(data, key);
      fresh = true;
    }
    let entry = this.byContent.get(key);
    if (!entry) {
      entry = { encodings: 0, sends: 0 };
      this.byContent.set(key, entry);
    }
    if (fresh) entry.encodings++;
    entry.sends++;
  }

  summary(): EncodingCount {
    let encodings = 0;
    let sends = 0;
    let maxEncodingsPerBatch = 0;
    for (const entry of this.byContent.values()) {
      encodings += entry.encodings;
      sends += entry.sends;
      maxEncodingsPerBatch = Math.max(maxEncodingsPerBatch, entry.encodings);
    }
    return { batches: this.byContent.size, encodings, sends, maxEncodingsPerBatch };
  }
}

export const ENCODE_PEER_COUNTS = [2, 10, 50] as const;

/** One short fan-out run per peer count, with the counter installed. */
export async function measureEncodeOnce(server: BenchServer, load: LoadWorker): Promise<Figure[]> {
  const section = '3 encode once per room (Discern)';
  const figures: Figure[] = [];
  for (const readers of ENCODE_PEER_COUNTS) {
    const board = await server.createBoard('Encode once');
    const counter = new EncodingCounter().install();
    try {
      await load.run('fanout', { url: boardUrl(server.syncUrl, board), readers, edits: 100, warmup: 0, intervalMs: 2 });
    } finally {
      counter.uninstall();
    }
    await waitUntil(() => server.app.rooms.size === 0, 5000);
    figures.push(encodingFigure(section, `encodings per batch, ${readers} readers`, counter.summary()));
  }
  return figures;
}

export function encodingFigure(section: string, name: string, count: EncodingCount): Figure {
  return {
    section,
    name,
    value: count.batches ? count.encodings / count.batches : Number.NaN,
    unit: '',
    target: { op: '=', limit: 1 },
    note: `${count.batches} batches, ${count.sends} sends (${(count.sends / Math.max(1, count.batches)).toFixed(1)}/batch), worst batch ${count.maxEncodingsPerBatch} encodings`,
  };
}
