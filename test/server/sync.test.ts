import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import { BoardModel, NoteField, Root } from '../../shared/board';
import { voterIdFor } from '../../shared/protocol/voter';
import { CloseCode } from '../../shared/protocol/closeCodes';
import { startServer, synced, closeOf, type TestServer } from '../helpers/server';
import { waitFor } from '../helpers/waitFor';

let server: TestServer;
beforeEach(async () => {
  server = await startServer();
});
afterEach(async () => server.close());

/** Writes a note exactly as docs/format.md describes, with plain Yjs and no Discern code. */
function writePlainNote(doc: Y.Doc, id: string, text: string): void {
  doc.transact(() => {
    const note = new Y.Map<unknown>();
    note.set('zone', 'need');
    note.set('text', new Y.Text(text));
    note.set('x', 1100);
    note.set('y', 300);
    note.set('w', 220);
    note.set('h', 160);
    note.set('color', '#fff176');
    note.set('author', 'Plain client');
    note.set('createdAt', Date.now());
    doc.getMap('notes').set(id, note);
  });
}

describe('sync with stock y-websocket clients', () => {
  it('two clients converge on each other’s edits', async () => {
    const board = await server.createBoard('Live');
    const a = server.connect(board.id, board.keys.edit);
    const b = server.connect(board.id, board.keys.lead);
    await Promise.all([synced(a), synced(b)]);
    const modelA = new BoardModel(a.doc);
    const modelB = new BoardModel(b.doc);
    expect(modelA.getSnapshot().meta.title).toBe('Live');
    const id = modelA.addNote({ zone: 'need', author: 'A', text: 'Food bank' });
    await waitFor(() => expect(modelB.getNote(id)?.text).toBe('Food bank'));
    modelB.setNoteText(id, 'Food bank on Tuesdays');
    await waitFor(() => expect(modelA.getNote(id)?.text).toBe('Food bank on Tuesdays'));
    expect(modelA.getSnapshot().notes).toEqual(modelB.getSnapshot().notes);
  });

  it('a note written with plain Yjs in the documented shape reads back through the model', async () => {
    const board = await server.createBoard();
    const plain = server.connect(board.id, board.keys.edit);
    const app = server.connect(board.id, board.keys.edit);
    await Promise.all([synced(plain), synced(app)]);
    writePlainNote(plain.doc, 'plain-note-1', 'Youth club');
    const model = new BoardModel(app.doc);
    await waitFor(() => expect(model.getNote('plain-note-1')).toMatchObject({ zone: 'need', text: 'Youth club' }));
    // And the other way: the app's notes are plain Yjs maps for the outside client.
    const id = model.addNote({ zone: 'there', author: 'App', text: 'Parish nurse' });
    await waitFor(() => {
      const raw = plain.doc.getMap(Root.Notes).get(id) as Y.Map<unknown> | undefined;
      expect((raw?.get(NoteField.Text) as Y.Text | undefined)?.toString()).toBe('Parish nurse');
      expect(raw?.get(NoteField.Zone)).toBe('there');
    });
  });

  it('never applies what a viewer sends', async () => {
    const board = await server.createBoard();
    const viewer = server.connect(board.id, board.keys.view);
    const editor = server.connect(board.id, board.keys.edit);
    await Promise.all([synced(viewer), synced(editor)]);
    const viewerModel = new BoardModel(viewer.doc);
    const editorModel = new BoardModel(editor.doc);
    viewerModel.addNote({ zone: 'who', author: 'Viewer', text: 'sneaky' });
    const visible = editorModel.addNote({ zone: 'who', author: 'Editor', text: 'seen' });
    // The viewer still receives live edits...
    await waitFor(() => expect(viewerModel.getNote(visible)?.text).toBe('seen'));
    // ...but its own note reached neither the editor nor a fresh client.
    const fresh = server.connect(board.id, board.keys.lead);
    await synced(fresh);
    const freshModel = new BoardModel(fresh.doc);
    await waitFor(() => expect(freshModel.getNote(visible)).toBeDefined());
    expect(freshModel.getSnapshot().notes.map((n) => n.text)).toEqual(['seen']);
    expect(editorModel.getSnapshot().notes.map((n) => n.text)).toEqual(['seen']);
  });

  it('closes a wrong key with 4401 and an unknown board with 4404', async () => {
    const board = await server.createBoard();
    const other = await server.createBoard();
    expect((await closeOf(`${server.wsUrl}/sync/${board.id}?key=${other.keys.edit}`)).code).toBe(CloseCode.Unauthorized);
    expect((await closeOf(`${server.wsUrl}/sync/${board.id}`)).code).toBe(CloseCode.Unauthorized);
    expect((await closeOf(`${server.wsUrl}/sync/AAAAAAAAAAAAAAAAAAAAAAAAA?key=${board.keys.edit}`)).code).toBe(
      CloseCode.BoardNotFound,
    );
    expect((await closeOf(`${server.wsUrl}/sync/not-a-board?key=x`)).code).toBe(CloseCode.BoardNotFound);
  });

  it.each([
    ['an unknown message type', [0x07, 0x01]],
    ['a truncated sync message', [0x00]],
    ['an update that is not Yjs', [0x00, 0x02, 0x05, 0xff, 0xff, 0xff, 0xff, 0xff]],
  ])('closes only the sender of %s with 4400 and the room carries on', async (_name, bytes) => {
    const board = await server.createBoard();
    const a = server.connect(board.id, board.keys.edit);
    const b = server.connect(board.id, board.keys.edit);
    await Promise.all([synced(a), synced(b)]);
    const closed = await closeOf(`${server.wsUrl}/sync/${board.id}?key=${board.keys.edit}`, [new Uint8Array(bytes)]);
    expect(closed.code).toBe(CloseCode.MalformedMessage);
    expect(closed.reason).toMatch(/malformed/);
    const id = new BoardModel(a.doc).addNote({ zone: 'who', author: 'A', text: 'still here' });
    const modelB = new BoardModel(b.doc);
    await waitFor(() => expect(modelB.getNote(id)?.text).toBe('still here'));
  });

  it('holds messages that arrive before the room is loaded', async () => {
    const board = await server.createBoard();
    // Send a whole update in the very first frame, before the server has said anything.
    const doc = new Y.Doc();
    const id = new BoardModel(doc).addNote({ zone: 'who', author: 'Eager', text: 'first frame' });
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, 0);
    encoding.writeVarUint(encoder, 2);
    encoding.writeVarUint8Array(encoder, Y.encodeStateAsUpdate(doc));
    const WebSocket = (await import('ws')).default;
    const socket = new WebSocket(`${server.wsUrl}/sync/${board.id}?key=${board.keys.edit}`);
    await new Promise((resolve) => socket.on('open', resolve));
    socket.send(encoding.toUint8Array(encoder));
    const reader = server.connect(board.id, board.keys.view);
    const model = new BoardModel(reader.doc);
    await waitFor(() => expect(model.getNote(id)?.text).toBe('first frame'));
    socket.close();
  });

  it('relays awareness so clients see each other’s presence, with the role the server gives the key', async () => {
    const board = await server.createBoard();
    const a = server.connect(board.id, board.keys.edit);
    const b = server.connect(board.id, board.keys.view);
    await Promise.all([synced(a), synced(b)]);
    a.awareness.setLocalStateField('user', { name: 'Ana', color: '#d81b60', role: 'lead' });
    await waitFor(() => expect(b.awareness.getStates().get(a.doc.clientID)?.user).toEqual({ name: 'Ana', color: '#d81b60', role: 'edit' }));
    a.disconnect();
    await waitFor(() => expect(b.awareness.getStates().has(a.doc.clientID)).toBe(false));
  });

  it('unloads a room when its last client leaves, and reloads it intact', async () => {
    const board = await server.createBoard();
    const a = server.connect(board.id, board.keys.edit);
    await synced(a);
    const id = new BoardModel(a.doc).addNote({ zone: 'who', author: 'A', text: 'kept' });
    expect(server.app.rooms.size).toBe(1);
    a.disconnect();
    await waitFor(() => expect(server.app.rooms.size).toBe(0));
    const b = server.connect(board.id, board.keys.edit);
    await synced(b);
    expect(new BoardModel(b.doc).getNote(id)?.text).toBe('kept');
  });
});

describe('heartbeat', () => {
  it('drops a socket that stops answering pings, so its room can unload', async () => {
    const quick = await startServer({ heartbeatMs: 100 });
    try {
      const board = await quick.createBoard();
      const WebSocket = (await import('ws')).default;
      // A client whose machine went to sleep: the socket looks open but nothing answers.
      const silent = new WebSocket(`${quick.wsUrl}/sync/${board.id}?key=${board.keys.edit}`, { autoPong: false });
      const closed = new Promise<number>((resolve) => silent.on('close', (code) => resolve(code)));
      await new Promise((resolve) => silent.on('open', resolve));
      // A live client answers pings (ws does so by itself) and stays.
      const live = quick.connect(board.id, board.keys.edit);
      await synced(live);
      await waitFor(() => expect(quick.app.rooms.get(board.id)?.connectionCount).toBe(2));
      expect(await closed).toBe(1006);
      await waitFor(() => expect(quick.app.rooms.get(board.id)?.connectionCount).toBe(1));
      live.disconnect();
      await waitFor(() => expect(quick.app.rooms.size).toBe(0));
    } finally {
      await quick.close();
    }
  });
});

describe('the meeting is the leader’s to run', () => {
  it('refuses meeting changes from an edit key, closing only that socket, and keeps the leader’s', async () => {
    const board = await server.createBoard();
    const secret = 'pat-secret-0123456789abcdef';
    const participant = server.connect(board.id, board.keys.edit, new Y.Doc(), { voter: secret });
    const leader = server.connect(board.id, board.keys.lead);
    await Promise.all([synced(participant), synced(leader)]);
    const participantModel = new BoardModel(participant.doc);
    const leaderModel = new BoardModel(leader.doc);
    const note = participantModel.addNote({ zone: 'need', author: 'Pat', text: 'Still allowed' });
    await waitFor(() => expect(leaderModel.getNote(note)?.text).toBe('Still allowed'));

    // A participant's own client that ignores the UI starts a vote: refused whole, sender closed with 4403.
    const closed = new Promise<number>((resolve) => participant.once('connection-close', (event) => resolve(event?.code ?? 0)));
    participantModel.startVote(3);
    expect(await closed).toBe(CloseCode.ForbiddenChange);
    participant.destroy();
    expect(leaderModel.getSnapshot().meeting.vote).toBeNull();

    // The leader runs the meeting; a participant (reconnected with a fresh document) casts dots under its own voter id.
    leaderModel.setPhase('discern');
    leaderModel.startVote(2);
    const again = server.connect(board.id, board.keys.edit, new Y.Doc(), { voter: secret });
    await synced(again);
    const againModel = new BoardModel(again.doc);
    await waitFor(() => expect(againModel.getSnapshot().meeting.vote?.active).toBe(true));
    againModel.castVote(note, voterIdFor(secret));
    await waitFor(() => expect(leaderModel.getNote(note)?.votes).toBe(1));
    const stored = server.app.rooms.get(board.id)!.doc;
    expect(new BoardModel(stored).getSnapshot().meeting).toMatchObject({ phase: 'discern', vote: { active: true, budget: 2 } });
  });
});
