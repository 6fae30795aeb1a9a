import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import * as Y from 'yjs';

/** How a board's state may travel over HTTP, in the server's order of preference. */
export type StateEncoding = 'br' | 'gzip' | 'identity';

// zlib's async forms run on libuv's thread pool: a 2,000-note board (about 0.5 MB) never blocks
// the event loop while it is compressed.
const brotliAsync = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

/**
 * Brotli at quality 4 compresses Yjs updates about as well as gzip -9 in a fraction of the time
 * (the same setting as compressionPlugin); gzip at 6 is zlib's default trade-off.
 */
export function compressState(state: Uint8Array, encoding: StateEncoding): Promise<Uint8Array> {
  if (encoding === 'br') return brotliAsync(state, { params: { [constants.BROTLI_PARAM_QUALITY]: 4, [constants.BROTLI_PARAM_SIZE_HINT]: state.byteLength } });
  if (encoding === 'gzip') return gzipAsync(state, { level: 6 });
  return Promise.resolve(state);
}

/** One version of the doc, encoded once, with the compressed forms asked for so far. */
interface Encoded {
  readonly version: number;
  readonly state: Uint8Array;
  readonly compressed: Map<Exclude<StateEncoding, 'identity'>, Promise<Uint8Array>>;
}

/**
 * The whole state of a room's doc as a Yjs update (`Y.encodeStateAsUpdate`), encoded once per
 * version of the doc and compressed once per encoding, however many people ask for it: a meeting
 * whose fifty members open a 2,000-note board at once costs one encode and one compression.
 *
 * - Lazy: nothing is computed until someone asks.
 * - Invalidated by every doc update (a version counter); a compression that finishes after the doc
 *   changed answers the requests that were waiting for it, and is not kept.
 * - Freed when the doc is destroyed with its room.
 *
 * The caller decides when the doc may be read (liveDoc.ts: only once everything is committed), and
 * `read` encodes in that same turn.
 */
export class EncodedState {
  private version = 0;
  private current: Encoded | null = null;
  private encodeCount = 0;
  private compressCount = 0;

  constructor(private readonly doc: Y.Doc) {
    doc.on('update', this.invalidate);
    doc.on('destroy', this.release);
  }

  /** Times the doc has been encoded and compressed: the cost the cache saves, counted for tests and metrics. */
  get encodes(): number {
    return this.encodeCount;
  }

  get compressions(): number {
    return this.compressCount;
  }

  /** The doc's state in `encoding`: cached for this version, else computed (once, however many ask). */
  read(encoding: StateEncoding): Promise<Uint8Array> {
    const encoded = this.encoded();
    if (encoding === 'identity') return Promise.resolve(encoded.state);
    let compressed = encoded.compressed.get(encoding);
    if (!compressed) {
      this.compressCount++;
      compressed = compressState(encoded.state, encoding);
      encoded.compressed.set(encoding, compressed);
      // A failed compression is not kept: the next request tries again.
      compressed.catch(() => {
        if (encoded.compressed.get(encoding) === compressed) encoded.compressed.delete(encoding);
      });
    }
    return compressed;
  }

  /** The encoding of the doc as it is now; encoded synchronously, in the caller's turn. */
  private encoded(): Encoded {
    if (this.current?.version === this.version) return this.current;
    this.encodeCount++;
    this.current = { version: this.version, state: Y.encodeStateAsUpdate(this.doc), compressed: new Map() };
    return this.current;
  }

  private readonly invalidate = (): void => {
    this.version++;
    // Dropped at once rather than on the next read: a board that changes all meeting long should
    // not hold half a megabyte of stale bytes.
    this.current = null;
  };

  private readonly release = (): void => {
    this.current = null;
    this.doc.off('update', this.invalidate);
    this.doc.off('destroy', this.release);
  };
}
