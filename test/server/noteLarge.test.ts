import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BoardModel } from '../../shared/board';
import { startServer, synced, type TestServer } from '../helpers/server';
import { waitFor } from '../helpers/waitFor';

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => server?.close());

describe('a note marked large, through the real server', () => {
  it('is accepted from an edit key, reaches the others and stays after a reload', async () => {
    const board = await server.createBoard('Large');
    const writer = server.connect(board.id, board.keys.edit);
    const reader = server.connect(board.id, board.keys.view);
    await Promise.all([synced(writer), synced(reader)]);
    const model = new BoardModel(writer.doc);
    const id = model.addNote({ zone: 'who', author: 'Ana', text: 'Welcome' });
    model.setNotesLarge([id], true);
    const seen = new BoardModel(reader.doc);
    await waitFor(() => expect(seen.getSnapshot().byId.get(id)?.large).toBe(true));
    expect(writer.wsconnected).toBe(true);
    writer.destroy();
    reader.destroy();
    const later = server.connect(board.id, board.keys.view);
    await synced(later);
    expect(new BoardModel(later.doc).getSnapshot().byId.get(id)?.large).toBe(true);
    later.destroy();
  });
});
