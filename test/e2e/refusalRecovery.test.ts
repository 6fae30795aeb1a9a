import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { BoardModel } from '../../shared/board/model';
import { voterIdFor } from '../../shared/protocol/voter';
import { expectCanvasShowsText } from '../helpers/canvasText';
import { notesOf, startE2E, type E2E } from '../helpers/e2e';
import { synced } from '../helpers/server';
import { waitFor } from '../helpers/waitFor';

vi.setConfig({ testTimeout: 60_000 });

let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(async () => e2e?.close());

describe('a change the server refuses for good', () => {
  it('does not lock the device out: a dot cast offline after the vote ended is dropped and the board works again', async () => {
    const board = await e2e.server.createBoard('Refused offline dot');
    const leader = e2e.server.connect(board.id, board.keys.lead, new Y.Doc());
    await synced(leader);
    const leaderModel = new BoardModel(leader.doc);
    const note = leaderModel.addNote({ zone: 'need', author: 'Lee', text: 'Lonely elders' });
    leaderModel.startVote(3);

    const context = await e2e.newContext();
    const page = await e2e.openBoard(context, board.links.edit, 'Pat');
    await waitFor(() => page.evaluate(() => window.__discern!.model.getSnapshot().meeting.vote?.active).then((active) => expect(active).toBe(true)));
    const voter = voterIdFor((await page.evaluate(() => localStorage.getItem('discern:voter-secret')))!);

    // Offline, the page still sees the vote running and casts a dot; meanwhile the leader ends it.
    await context.setOffline(true);
    await page.getByTestId('connection-status').and(page.locator('[data-status="offline"]')).waitFor();
    await page.evaluate(([id, who]) => window.__discern!.model.castVote(id!, who!), [note, voter]);
    leaderModel.endVote();
    await context.setOffline(false);

    // The server refuses the dot (4403); the page forgets its offline copy and loads the board afresh.
    await page.waitForEvent('load', { timeout: 20_000 });
    await page.getByTestId('connection-status').and(page.locator('[data-status="live"]')).waitFor({ timeout: 20_000 });
    expect(leaderModel.getNote(note)?.votes).toBe(0);
    // And it can edit again: a note it adds reaches the leader, and shows on the page.
    const added = await page.evaluate(() => window.__discern!.model.addNote({ zone: 'who', author: 'Pat', text: 'We can cook' }));
    await waitFor(() => expect(leaderModel.getNote(added)?.text).toBe('We can cook'));
    // What the person sees: the vote is over (no dots left to cast), and the note they added, on their canvas.
    expect(await page.getByTestId('votes-left').count()).toBe(0);
    await expectCanvasShowsText(page, 'We can cook', { note: (await notesOf(page)).find((shown) => shown.id === added)! });
    await context.close();
    leader.destroy();
  });
});
