import * as Y from 'yjs';
import type { WebsocketProvider } from 'y-websocket';
import { BoardModel } from '../../shared/board/model';
import { ZONES } from '../../shared/board/zones';
import { onRefusal, type Refusal } from './stockClient';

/** Text a writer puts in its notes: who, which note, which version; versions only go up. */
const TEXT = /^(.+) note (\d+) v(\d+)$/;

export function textVersion(text: string | undefined): number {
  const match = text === undefined ? null : TEXT.exec(text);
  return match ? Number(match[3]) : -1;
}

/**
 * A stock client that keeps writing until stopped: it adds notes and rewrites their text with a
 * rising version number, a few dozen times a second. It records every update that reached its doc
 * from the server, that is, everything it received from the others.
 */
export class BusyWriter {
  readonly model: BoardModel;
  /** Updates applied to this doc from the server, in arrival order. */
  readonly received: Uint8Array[] = [];
  /** Closes with a 4xxx code: an honest writer should never get one. */
  readonly refusals: Refusal[] = [];
  private readonly own: string[] = [];
  private version = 0;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    readonly name: string,
    readonly provider: WebsocketProvider,
    private readonly maxNotes = 6,
  ) {
    this.model = new BoardModel(provider.doc);
    provider.doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin === provider) this.received.push(update);
    });
    onRefusal(provider, (refusal) => this.refusals.push(refusal));
  }

  /** Writes one edit every `minMs`–`maxMs` milliseconds (random), so writers interleave. */
  start(minMs = 8, maxMs = 25): void {
    const tick = (): void => {
      this.writeOnce();
      this.timer = setTimeout(tick, minMs + Math.random() * (maxMs - minMs));
    };
    this.timer = setTimeout(tick, Math.random() * maxMs);
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private writeOnce(): void {
    this.version++;
    if (this.own.length < this.maxNotes && (this.own.length === 0 || Math.random() < 0.3)) {
      const zone = ZONES[this.own.length % ZONES.length]!;
      const index = this.own.length;
      this.own.push(this.model.addNote({ zone, author: this.name, text: `${this.name} note ${index} v${this.version}` }));
      return;
    }
    const index = Math.floor(Math.random() * this.own.length);
    this.model.setNoteText(this.own[index]!, `${this.name} note ${index} v${this.version}`);
  }

  /** The notes of other writers this client has, with the text version it saw. */
  seenFromOthers(): Map<string, { author: string; version: number }> {
    const seen = new Map<string, { author: string; version: number }>();
    for (const note of this.model.getSnapshot().notes) {
      if (note.author !== this.name) seen.set(note.id, { author: note.author, version: textVersion(note.text) });
    }
    return seen;
  }

  /** Everything received from the server, as one update. */
  receivedUpdate(): Uint8Array {
    return this.received.length === 0 ? Y.encodeStateAsUpdate(new Y.Doc()) : Y.mergeUpdates(this.received);
  }

  destroy(): void {
    this.stop();
    this.model.destroy();
    this.provider.destroy();
    this.provider.awareness.destroy();
    this.provider.doc.destroy();
  }
}
