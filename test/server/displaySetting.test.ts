import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { Root } from '../../shared/board';
import { MeetingField, readMeeting } from '../../shared/board/meeting';
import { BoardCommandError } from '../../shared/board/model';
import { CloseCode } from '../../shared/protocol/closeCodes';
import { Arena, syncUpdateMessage } from '../helpers/arena';
import { waitFor } from '../helpers/waitFor';

/**
 * `meeting.displayCycleSeconds`, the shared screen's zone interval (docs/format.md): the leader's,
 * like the rest of the meeting, and an integer 5–600 whoever writes it.
 */
let arena: Arena;
beforeAll(async () => {
  arena = await Arena.start({});
});
afterAll(async () => arena?.close());
beforeEach(() => arena.begin());

const liveCycle = () => readMeeting(arena.liveDoc().getMap(Root.Meeting)).displayCycleSeconds;

describe('the shared screen’s zone interval', () => {
  it('is set and cleared by the leader, and reaches the server’s document', async () => {
    arena.lead.setDisplayCycle(30);
    await waitFor(() => expect(liveCycle()).toBe(30));
    arena.lead.setDisplayCycle(null);
    await waitFor(() => expect(liveCycle()).toBeNull());
    expect(() => arena.lead.setDisplayCycle(4)).toThrow(BoardCommandError);
    expect(() => arena.lead.setDisplayCycle(12.5)).toThrow(BoardCommandError);
    await arena.expectUnharmed({ storedMayChange: true });
  });

  it('is refused from an edit key (4403) and dropped from a view key', async () => {
    const update = arena.craft((doc) => doc.getMap(Root.Meeting).set(MeetingField.DisplayCycleSeconds, 20));
    const outcome = await arena.sendUpdate(update, arena.board.keys.edit);
    expect(outcome.code, outcome.reason).toBe(CloseCode.ForbiddenChange);
    // A view key's updates are never applied (the socket may stay: it is only reading).
    await arena.raw(arena.syncUrl(arena.board.id, arena.board.keys.view), [syncUpdateMessage(update)], 800);
    expect(liveCycle()).toBeNull();
    await arena.expectUnharmed();
  });

  it('is refused from the lead key when it is not an integer 5–600 (4403)', async () => {
    for (const value of [4, 601, 7.5, '30', null, true]) {
      const update = arena.craft((doc) => doc.getMap(Root.Meeting).set(MeetingField.DisplayCycleSeconds, value));
      const outcome = await arena.sendUpdate(update, arena.board.keys.lead);
      expect(outcome.code, `${String(value)}: ${outcome.reason}`).toBe(CloseCode.ForbiddenChange);
    }
    expect(arena.liveDoc().getMap(Root.Meeting).has(MeetingField.DisplayCycleSeconds)).toBe(false);
    await arena.expectUnharmed();
  });
});
