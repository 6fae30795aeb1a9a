import { monitorEventLoopDelay } from 'node:perf_hooks';
import WebSocket from 'ws';
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import type { WebsocketProvider } from 'y-websocket';
import { expect } from 'vitest';
import { BoardModel } from '../../shared/board';
import { MessageType } from '../../shared/protocol/messageTypes';
import { voterIdFor } from '../../shared/protocol/voter';
import type { ServerOverrides } from '../../server/app';
import type { SqliteStorage } from '../../server/storage/sqliteStorage';
import { startServer, synced, type CreatedBoard, type TestServer } from './server';
import { waitFor } from './waitFor';
import { collector } from './gc';

/** How a socket or request ended: a close code and reason, or an HTTP status. */
export interface Outcome {
  code: number;
  reason: string;
}

export function syncUpdateMessage(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.Sync);
  syncProtocol.writeUpdate(encoder, update);
  return encoding.toUint8Array(encoder);
}

export function awarenessMessage(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.Awareness);
  encoding.writeVarUint8Array(encoder, update);
  return encoding.toUint8Array(encoder);
}

/** A bystander: a stock client that must notice nothing while someone else attacks. */
interface Bystander {
  provider: WebsocketProvider;
  model: BoardModel;
  closes: number[];
}

/**
 * A server with two boards and honest clients on both, for hostile-input cases. After each case,
 * `expectUnharmed` checks what the issue asks of every case: the process answers, the event loop
 * stayed responsive, no bystander was closed or sees anything different, and storage holds what it
 * held before (plus the bystanders' own liveness edits).
 */
export class Arena {
  readonly voterSecret = 'bystander-voter-secret-000001';
  board!: CreatedBoard;
  other!: CreatedBoard;
  /** A note on `board`, in the `need` zone, written by a bystander. */
  noteId!: string;
  /** A note in the `there` zone, for link cases. */
  thereId!: string;
  private editor!: Bystander;
  private viewer!: Bystander;
  private elsewhere!: Bystander;
  private storedBefore = new Map<string, string>();
  private delay = monitorEventLoopDelay({ resolution: 10 });
  private liveness = 0;
  private readonly gc = collector();

  constructor(readonly server: TestServer) {}

  static async start(overrides: ServerOverrides): Promise<Arena> {
    const arena = new Arena(await startServer(overrides));
    await arena.setUp();
    return arena;
  }

  private bystander(board: CreatedBoard, key: string, params: Record<string, string> = {}): Bystander {
    const provider = this.server.connect(board.id, key, new Y.Doc(), params);
    const closes: number[] = [];
    provider.on('connection-close', (event: CloseEvent | null) => closes.push(event?.code ?? 0));
    return { provider, model: new BoardModel(provider.doc), closes };
  }

  private async setUp(): Promise<void> {
    this.board = await this.server.createBoard('Arena');
    this.other = await this.server.createBoard('Elsewhere');
    this.editor = this.bystander(this.board, this.board.keys.lead, { voter: this.voterSecret });
    this.viewer = this.bystander(this.board, this.board.keys.view);
    this.elsewhere = this.bystander(this.other, this.other.keys.edit);
    await Promise.all([this.editor, this.viewer, this.elsewhere].map((b) => synced(b.provider)));
    this.noteId = this.editor.model.addNote({ zone: 'need', author: 'Ana', text: 'Lonely elders' });
    this.thereId = this.editor.model.addNote({ zone: 'there', author: 'Ana', text: 'Food bank' });
    this.elsewhere.model.addNote({ zone: 'who', author: 'Ben', text: 'Other board' });
    await waitFor(() => expect(this.viewer.model.getNote(this.thereId)).toBeDefined());
  }

  /** The lead bystander's model, for cases that need the board in a state (a vote running). */
  get lead(): BoardModel {
    return this.editor.model;
  }

  get leadVoterId(): string {
    return voterIdFor(this.voterSecret);
  }

  /** The server's live document of the arena board, as the base for crafted updates. */
  liveDoc(boardId = this.board.id): Y.Doc {
    const room = this.server.app.rooms.get(boardId);
    if (!room) throw new Error('room is not open');
    return room.doc;
  }

  /** A copy of the live board under a fresh client id; `change` edits it; returns the update. */
  craft(change: (doc: Y.Doc) => void, boardId = this.board.id): Uint8Array {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(this.liveDoc(boardId)));
    const before = Y.encodeStateVector(doc);
    change(doc);
    return Y.encodeStateAsUpdate(doc, before);
  }

  storedJson(boardId: string): string {
    const doc = new Y.Doc();
    // Read straight from the SQLite file, synchronously: this suite runs on the default backend.
    const db = (this.server.app.storage as SqliteStorage).db;
    for (const { data } of db.prepare<[string], { data: Buffer }>('SELECT data FROM updates WHERE board_id = ? ORDER BY seq').all(boardId)) {
      Y.applyUpdate(doc, new Uint8Array(data));
    }
    return JSON.stringify(['meta', 'notes', 'links', 'meeting'].map((name) => doc.getMap(name).toJSON()));
  }

  /** Call before each case. */
  begin(): void {
    // Garbage left by earlier cases (some send megabytes) is collected now, so that a collection
    // pause is not counted against the case being measured.
    this.gc();
    for (const id of [this.board.id, this.other.id]) this.storedBefore.set(id, this.storedJson(id));
    this.delay.reset();
    this.delay.enable();
  }

  /** Every check the issue names, after a case. */
  async expectUnharmed(options: { storedMayChange?: boolean } = {}): Promise<void> {
    this.delay.disable();
    expect(this.delay.max / 1e6, 'event-loop lag (ms)').toBeLessThan(200);
    const time = await fetch(`${this.server.httpUrl}/api/time`);
    expect(time.status).toBe(200);
    for (const bystander of [this.editor, this.viewer, this.elsewhere]) {
      expect(bystander.closes, 'a bystander was closed').toEqual([]);
      expect(bystander.provider.wsconnected).toBe(true);
    }
    // Nothing that was refused reached storage, on this board or another.
    await new Promise((resolve) => setImmediate(resolve));
    if (!options.storedMayChange) expect(this.storedJson(this.board.id)).toBe(this.storedBefore.get(this.board.id));
    expect(this.storedJson(this.other.id)).toBe(this.storedBefore.get(this.other.id));
    // The bystanders still hold what is stored, and an honest edit still goes round.
    const stored = this.storedJson(this.board.id);
    for (const bystander of [this.editor, this.viewer]) {
      expect(JSON.stringify(['meta', 'notes', 'links', 'meeting'].map((name) => bystander.provider.doc.getMap(name).toJSON()))).toBe(stored);
    }
    const text = `Lonely elders ${++this.liveness}`;
    this.editor.model.setNoteText(this.noteId, text);
    await waitFor(() => expect(this.viewer.model.getNote(this.noteId)?.text).toBe(text));
    this.elsewhere.model.setNoteText(this.elsewhere.model.getSnapshot().notes[0]!.id, text);
    await waitFor(() => expect(this.storedJson(this.other.id)).toContain(text));
    // The next variant of the same case starts from here.
    this.begin();
  }

  syncUrl(boardId: string, key: string | null, params: Record<string, string> = {}): string {
    const query = new URLSearchParams({ ...(key ? { key } : {}), ...params }).toString();
    return `${this.server.wsUrl}/sync/${boardId}${query ? `?${query}` : ''}`;
  }

  /**
   * Opens a raw socket, waits for it to open, sends the messages (or runs `act`), and resolves with
   * how the server closed it; `{ code: 0 }` if it was still open after `timeoutMs`.
   */
  raw(url: string, messages: Uint8Array[] | ((socket: WebSocket) => void), timeoutMs = 5000): Promise<Outcome> {
    return new Promise((resolve, reject) => {
      const socket = new WebSocket(url);
      const timer = setTimeout(() => {
        socket.terminate();
        resolve({ code: 0, reason: 'still open' });
      }, timeoutMs);
      socket.on('open', () => {
        if (typeof messages === 'function') messages(socket);
        else for (const message of messages) socket.send(message);
      });
      socket.on('close', (code, reason) => {
        clearTimeout(timer);
        resolve({ code, reason: reason.toString() });
      });
      socket.on('error', (error) => {
        clearTimeout(timer);
        reject(error);
      });
    });
  }

  /** Sends one crafted update with a key (edit by default) and resolves with the close. */
  sendUpdate(update: Uint8Array, key = this.board.keys.edit, params: Record<string, string> = {}): Promise<Outcome> {
    return this.raw(this.syncUrl(this.board.id, key, params), [syncUpdateMessage(update)]);
  }

  async close(): Promise<void> {
    this.delay.disable();
    await this.server.close();
  }
}
