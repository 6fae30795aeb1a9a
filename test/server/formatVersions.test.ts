import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { BoardModel, CURRENT_SCHEMA_VERSION, Root, type BoardRecord } from '../../shared/board';
import { startServer, synced, type TestServer } from '../helpers/server';
import { voterIdFor } from '../../shared/protocol/voter';
import { waitFor } from '../helpers/waitFor';

let server: TestServer | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});

/** Replaces a board's stored state with a version-1 document, as a server of that version left it. */
async function storeVersionOne(s: TestServer, boardId: string): Promise<void> {
  const doc = new Y.Doc();
  doc.transact(() => {
    doc.getMap(Root.Meta).set('title', 'Old board');
    doc.getMap(Root.Meta).set('schemaVersion', 1);
    const note = new Y.Map<unknown>();
    for (const [key, value] of Object.entries({ zone: 'need', x: 1100, y: 300, w: 220, h: 160, color: '#fff176', author: 'Ann', createdAt: 1 })) {
      note.set(key, value);
    }
    note.set('text', new Y.Text('Lonely elders'));
    doc.getMap(Root.Notes).set('old-note', note);
  });
  const log = s.app.storage.updates;
  await log.compact(boardId, (await log.load(boardId)).at(-1)!.seq, () => Y.encodeStateAsUpdate(doc));
}

describe('boards stored in an older format', () => {
  it('are migrated when their room loads, and the migration is stored', async () => {
    server = await startServer();
    const board = await server.createBoard('Old board');
    await storeVersionOne(server, board.id);
    const client = server.connect(board.id, board.keys.edit);
    await synced(client);
    const model = new BoardModel(client.doc);
    await waitFor(() => expect(model.getSnapshot().meta.schemaVersion).toBe(CURRENT_SCHEMA_VERSION));
    expect(model.getNote('old-note')?.text).toBe('Lonely elders');
    client.disconnect();
    await waitFor(() => expect(server!.app.rooms.size).toBe(0));

    const stored = new Y.Doc();
    for (const { update } of await server.app.storage.updates.load(board.id)) Y.applyUpdate(stored, update);
    expect(stored.getMap(Root.Meta).get('schemaVersion')).toBe(CURRENT_SCHEMA_VERSION);
  });
});

describe('record JSON carries format 2 fields', () => {
  it('includes links, revealed dot totals and addedBy', async () => {
    server = await startServer();
    const board = await server.createBoard('Links and dots');
    const client = server.connect(board.id, board.keys.lead, undefined, { voter: 'lead-voter-secret-00000000001' });
    const participant = server.connect(board.id, board.keys.edit, undefined, { voter: 'edit-voter-secret-00000000001' });
    await Promise.all([synced(client), synced(participant)]);
    const model = new BoardModel(client.doc);
    const need = model.addNote({ zone: 'need', author: 'Sam', addedBy: 'Lee', text: 'After-school care' });
    const there = model.addNote({ zone: 'there', author: 'Lee', text: 'Library homework club' });
    model.addLink(need, there, undefined, 'Lee');
    model.startVote(3);
    model.castVote(need, voterIdFor('lead-voter-secret-00000000001'));
    const participantModel = new BoardModel(participant.doc);
    await waitFor(() => expect(participantModel.getSnapshot().meeting.vote?.active).toBe(true));
    participantModel.castVote(need, voterIdFor('edit-voter-secret-00000000001'));
    await waitFor(() => expect(model.getNote(need)?.votes).toBe(2));
    model.revealVotes();
    await waitFor(() => expect(server!.app.rooms.get(board.id)?.doc.getMap(Root.Links).size).toBe(1));

    const headers = { authorization: `Bearer ${board.keys.lead}`, 'content-type': 'application/json' };
    const created = await fetch(`${server.httpUrl}/api/boards/${board.id}/snapshots`, { method: 'POST', headers, body: '{}' });
    const { id } = (await created.json()) as { id: string };
    const response = await fetch(`${server.httpUrl}/api/boards/${board.id}/snapshots/${id}`, { headers });
    const record = (await response.json()) as BoardRecord;
    const needNote = record.zones.find((zone) => zone.key === 'need')?.notes[0];
    expect(needNote).toMatchObject({ text: 'After-school care', author: 'Sam', addedBy: 'Lee', votes: 2 });
    expect(record.links?.servedBy).toEqual([
      { needId: need, need: 'After-school care', thereId: there, there: 'Library homework club' },
    ]);
  });
});
