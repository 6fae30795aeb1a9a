import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { IndexeddbPersistence } from 'y-indexeddb';
import { BoardModel } from '../../shared/board/model';
import { BoardProvider } from '../../client/sync/BoardProvider';
import { deferFirstSyncEncoding } from '../../client/sync/firstSyncEncoding';
import { startServer, synced, type TestServer } from '../helpers/server';
import { waitFor } from '../helpers/waitFor';

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => server?.close());

/** A board with `count` notes on the server. */
async function boardWithNotes(count: number): Promise<{ id: string; key: string }> {
  const board = await server.createBoard('First sync');
  const doc = new Y.Doc();
  new BoardModel(doc).addNotes(Array.from({ length: count }, (_, i) => ({ zone: 'who' as const, author: 'Lee', text: `Note ${i}` })));
  const writer = server.connect(board.id, board.keys.edit, doc);
  await synced(writer);
  // Synced means the writer has the server's state; the server may not have the writer's yet.
  const check = server.connect(board.id, board.keys.view);
  await waitFor(() => expect(new BoardModel(check.doc).getSnapshot().notes).toHaveLength(count));
  check.destroy();
  writer.destroy();
  doc.destroy();
  return { id: board.id, key: board.keys.edit };
}

/** The texts of the notes the local copy in IndexedDB holds, read into a fresh document. */
async function notesStoredIn(name: string): Promise<string[]> {
  const doc = new Y.Doc();
  const stored = new IndexeddbPersistence(name, doc);
  await stored.whenSynced;
  const texts = new BoardModel(doc).getSnapshot().notes.map((note) => note.text);
  await stored.destroy();
  doc.destroy();
  return texts;
}

/** Counts the server's transactions that reached the document's `update` listeners encoded. */
function countEncodedServerUpdates(doc: Y.Doc, provider: BoardProvider): () => number {
  let count = 0;
  // Emitted just before Yjs encodes the transaction, which it does when anyone listens to `update`.
  doc.on('afterTransactionCleanup', (transaction) => {
    if (transaction.origin === provider && (doc._observers.get('update')?.size ?? 0) > 0) count++;
  });
  return () => count;
}

/** Waits until another client of the board sees a note with this text. */
async function expectOnServer(board: { id: string; key: string }, text: string): Promise<void> {
  const reader = server.connect(board.id, board.key);
  const model = new BoardModel(reader.doc);
  try {
    await waitFor(() => expect(model.getSnapshot().notes.map((note) => note.text)).toContain(text));
  } finally {
    model.destroy();
    reader.destroy();
  }
}

function open(board: { id: string; key: string }, name: string) {
  const doc = new Y.Doc();
  const persistence = new IndexeddbPersistence(name, doc);
  const provider = new BoardProvider(`${server.wsUrl}/sync`, board.id, doc, board.key, {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
  });
  const idle: Array<() => unknown> = [];
  const stop = deferFirstSyncEncoding(provider, persistence, (work) => {
    idle.push(work);
    return () => idle.splice(idle.indexOf(work), 1);
  });
  return { doc, persistence, provider, idle, stop };
}

describe('deferFirstSyncEncoding', () => {
  it('applies the first sync without encoding it, and stores the whole board once idle', async () => {
    const board = await boardWithNotes(50);
    const opened = open(board, 'first-sync-a');
    const encoded = countEncodedServerUpdates(opened.doc, opened.provider);
    await opened.persistence.whenSynced;
    await synced(opened.provider);
    expect(new BoardModel(opened.doc).getSnapshot().notes).toHaveLength(50);
    expect(encoded()).toBe(0);

    // After the first sync the listeners are back: a local edit is sent and stored at once.
    new BoardModel(opened.doc).addNote({ zone: 'need', author: 'Me', text: 'Added after the sync' });
    await expectOnServer(board, 'Added after the sync');

    await waitFor(() => expect(opened.idle).toHaveLength(1));
    expect(await notesStoredIn('first-sync-a')).toEqual(['Added after the sync']);
    await opened.idle[0]!();
    await waitFor(async () => expect(await notesStoredIn('first-sync-a')).toHaveLength(51));
    opened.stop();
    opened.provider.destroy();
    await opened.persistence.destroy();
  });

  it('sends and stores an edit made by a listener while the first sync is applied', async () => {
    const board = await boardWithNotes(5);
    const opened = open(board, 'first-sync-b');
    await opened.persistence.whenSynced;
    const model = new BoardModel(opened.doc);
    let edited = false;
    opened.doc.on('afterTransaction', (transaction) => {
      if (transaction.origin !== opened.provider || edited) return;
      edited = true;
      model.addNote({ zone: 'need', author: 'Me', text: 'Added during the sync' });
    });
    await synced(opened.provider);
    expect(edited).toBe(true);
    await expectOnServer(board, 'Added during the sync');
    // Stored before any idle work: the local copy has the edit even if the page closes now.
    expect(await notesStoredIn('first-sync-b')).toContain('Added during the sync');
    opened.stop();
    opened.provider.destroy();
    await opened.persistence.destroy();
  });

  it('stores nothing later when the board is closed first', async () => {
    const board = await boardWithNotes(3);
    const opened = open(board, 'first-sync-c');
    await opened.persistence.whenSynced;
    await synced(opened.provider);
    await waitFor(() => expect(opened.idle).toHaveLength(1));
    opened.stop();
    expect(opened.idle).toHaveLength(0);
    opened.provider.destroy();
    await opened.persistence.destroy();
  });
});
