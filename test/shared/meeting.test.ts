import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  BoardCommandError,
  BoardModel,
  MeetingField,
  NoteField,
  PHASES,
  PHASE_ZONES,
  Root,
  TimerField,
  commitDrafts,
  timerRemaining,
  type PrivateDraft,
} from '../../shared/board';
import { ORDERS, connectedPair, newBoard } from './helpers';

/** A clock the test moves by hand. */
function manualClock(start: number): { now: () => number; advance: (ms: number) => void } {
  let time = start;
  return { now: () => time, advance: (ms) => void (time += ms) };
}

describe('dot voting', () => {
  it('counts dots per voter against the budget and totals them per note', () => {
    const model = newBoard();
    const n1 = model.addNote({ zone: 'need', author: 'A' });
    const n2 = model.addNote({ zone: 'need', author: 'A' });
    model.startVote(3);
    model.castVote(n1, 'ann');
    model.castVote(n1, 'ann');
    model.castVote(n2, 'ann');
    model.castVote(n1, 'ben');
    const snapshot = model.getSnapshot();
    expect(snapshot.byId.get(n1)?.votes).toBe(3);
    expect(snapshot.byId.get(n2)?.votes).toBe(1);
    expect([...snapshot.votesBy('ann')]).toEqual([[n1, 2], [n2, 1]]);
    expect(model.votesLeft('ann')).toBe(0);
    expect(model.votesLeft('ben')).toBe(2);
    expect(() => model.castVote(n2, 'ann')).toThrow(BoardCommandError);
    model.removeVote(n1, 'ann');
    expect(model.votesLeft('ann')).toBe(1);
    expect(model.getNote(n1)?.votes).toBe(2);
  });

  const noSetup = (): void => undefined;
  it.each([
    ['casting with no vote running', noSetup, (m: BoardModel, id: string) => m.castVote(id, 'ann')],
    ['casting after the vote ended', (m: BoardModel) => (m.startVote(2), m.endVote()), (m: BoardModel, id: string) => m.castVote(id, 'ann')],
    ['casting past the budget', (m: BoardModel, id: string) => (m.startVote(1), m.castVote(id, 'ann')), (m: BoardModel, id: string) => m.castVote(id, 'ann')],
    ['removing a dot that is not there', (m: BoardModel) => m.startVote(2), (m: BoardModel, id: string) => m.removeVote(id, 'ann')],
    ['casting on an unknown note', (m: BoardModel) => m.startVote(2), (m: BoardModel) => m.castVote('ghost', 'ann')],
    ['an empty voter id', (m: BoardModel) => m.startVote(2), (m: BoardModel, id: string) => m.castVote(id, '')],
    ['a budget of 0', noSetup, (m: BoardModel) => m.startVote(0)],
    ['a budget of 21', noSetup, (m: BoardModel) => m.startVote(21)],
    ['a fractional budget', noSetup, (m: BoardModel) => m.startVote(2.5)],
    ['starting a vote while one runs', (m: BoardModel) => m.startVote(2), (m: BoardModel) => m.startVote(3)],
    ['revealing when there was never a vote', noSetup, (m: BoardModel) => m.revealVotes()],
    ['ending when no vote runs', noSetup, (m: BoardModel) => m.endVote()],
  ] as const)('refuses %s and writes nothing', (_name, setup, command) => {
    const model = newBoard();
    const id = model.addNote({ zone: 'need', author: 'A' });
    setup(model, id);
    const before = Y.encodeStateAsUpdate(model.doc);
    expect(() => command(model, id)).toThrow(BoardCommandError);
    expect(Y.encodeStateAsUpdate(model.doc)).toEqual(before);
  });

  it('reveal and end are visible in the snapshot; a new vote clears the old dots', () => {
    const model = newBoard();
    const id = model.addNote({ zone: 'need', author: 'A' });
    model.startVote(2);
    expect(model.getSnapshot().meeting.vote).toMatchObject({ active: true, budget: 2, revealed: false });
    model.castVote(id, 'ann');
    model.revealVotes();
    expect(model.getSnapshot().meeting.vote?.revealed).toBe(true);
    model.endVote();
    expect(model.getSnapshot().meeting.vote).toMatchObject({ active: false, revealed: true });
    expect(model.getNote(id)?.votes).toBe(1);
    expect(model.votesLeft('ann')).toBe(0);
    model.stopCapturing();
    model.startVote(5);
    expect(model.getNote(id)?.votes).toBe(0);
    expect(model.votesLeft('ann')).toBe(5);
    model.undo();
    expect(model.getSnapshot().meeting.vote?.active).toBe(false);
    expect(model.getNote(id)?.votes).toBe(1);
  });

  it('dots on a deleted note come back to the voter', () => {
    const model = newBoard();
    const id = model.addNote({ zone: 'need', author: 'A' });
    model.startVote(2);
    model.castVote(id, 'ann');
    model.deleteNote(id);
    expect(model.votesLeft('ann')).toBe(2);
  });

  it.each([
    ['a huge count', 1_000_000],
    ['a negative count', -3],
    ['a fraction', 1.5],
    ['a string', '2'],
  ])('ignores a ballot entry with %s without dropping the note', (_name, dots) => {
    const model = newBoard();
    const id = model.addNote({ zone: 'need', author: 'A' });
    model.startVote(3);
    model.castVote(id, 'ann');
    model.doc.transact(() => {
      ((model.doc.getMap(Root.Notes).get(id) as Y.Map<unknown>).get(NoteField.Votes) as Y.Map<unknown>).set('mallory', dots);
    }, 'remote');
    expect(model.getNote(id)?.votes).toBe(1);
    expect(model.getSnapshot().votesBy('mallory').size).toBe(0);
  });

  it.each(ORDERS)('two voters dotting one note at once both count (%s)', (order) => {
    const { a, b, deliver } = connectedPair();
    const id = a.addNote({ zone: 'need', author: 'A' });
    a.startVote(2);
    deliver(order);
    a.castVote(id, 'ann');
    a.castVote(id, 'ann');
    b.castVote(id, 'ben');
    deliver(order);
    for (const model of [a, b]) {
      expect(model.getNote(id)?.votes).toBe(3);
      expect(model.votesLeft('ann')).toBe(0);
      expect(model.votesLeft('ben')).toBe(1);
    }
  });

  it.each(ORDERS)('one voter on two devices can overshoot only by what was concurrent, then has none left (%s)', (order) => {
    const { a, b, deliver } = connectedPair();
    const n1 = a.addNote({ zone: 'need', author: 'A' });
    const n2 = a.addNote({ zone: 'need', author: 'A' });
    a.startVote(1);
    deliver(order);
    a.castVote(n1, 'ann');
    b.castVote(n2, 'ann');
    deliver(order);
    for (const model of [a, b]) {
      expect(model.votesLeft('ann')).toBe(0);
      expect(() => model.castVote(n1, 'ann')).toThrow(BoardCommandError);
    }
    expect(a.getSnapshot().notes).toEqual(b.getSnapshot().notes);
  });
});

describe('phases', () => {
  it('sets and clears the phase; each phase names the zone it highlights', () => {
    const model = newBoard();
    expect(PHASES.map((phase) => PHASE_ZONES[phase])).toEqual(['who', 'need', 'there', null, null]);
    model.setPhase('look');
    expect(model.getSnapshot().meeting.phase).toBe('look');
    model.setPhase(null);
    expect(model.getSnapshot().meeting.phase).toBeNull();
    expect(() => model.setPhase('dance' as 'look')).toThrow(BoardCommandError);
  });

  it('reads a phase outside the set as none', () => {
    const model = newBoard();
    model.doc.transact(() => model.doc.getMap(Root.Meeting).set(MeetingField.Phase, 'party'), 'remote');
    expect(model.getSnapshot().meeting.phase).toBeNull();
  });
});

describe('timer', () => {
  it('counts down, pauses, resumes and resets on one clock', () => {
    const clock = manualClock(1_000_000);
    const model = newBoard({ now: clock.now });
    model.startTimer(60_000);
    clock.advance(20_000);
    expect(timerRemaining(model.getSnapshot().meeting.timer, clock.now())).toBe(40_000);
    model.pauseTimer();
    clock.advance(100_000);
    expect(model.getSnapshot().meeting.timer).toMatchObject({ running: false, endsAt: null, remainingMs: 40_000 });
    expect(timerRemaining(model.getSnapshot().meeting.timer, clock.now())).toBe(40_000);
    model.resumeTimer();
    clock.advance(10_000);
    expect(timerRemaining(model.getSnapshot().meeting.timer, clock.now())).toBe(30_000);
    clock.advance(60_000);
    expect(timerRemaining(model.getSnapshot().meeting.timer, clock.now())).toBe(0);
    model.resetTimer();
    expect(timerRemaining(model.getSnapshot().meeting.timer, clock.now())).toBe(60_000);
  });

  it.each([
    ['pausing with no timer', (m: BoardModel) => m.pauseTimer()],
    ['resuming a running timer', (m: BoardModel) => (m.startTimer(5000), m.resumeTimer())],
    ['pausing a paused timer', (m: BoardModel) => (m.startTimer(5000), m.pauseTimer(), m.pauseTimer())],
    ['a duration under a second', (m: BoardModel) => m.startTimer(10)],
    ['a NaN duration', (m: BoardModel) => m.startTimer(Number.NaN)],
    ['resetting with no timer', (m: BoardModel) => m.resetTimer()],
  ])('refuses %s', (_name, command) => {
    expect(() => command(newBoard())).toThrow(BoardCommandError);
  });

  it.each(ORDERS)('two devices with skewed clocks see the same time left (%s)', (order) => {
    const serverTime = manualClock(5_000_000);
    // Device B's own clock runs 7 minutes fast; its corrected now() subtracts the measured offset.
    const skew = 7 * 60_000;
    const deviceB = (): number => serverTime.now() + skew;
    const { a, b, deliver } = connectedPair({ now: serverTime.now }, { now: () => deviceB() - skew });
    a.startTimer(120_000);
    deliver(order);
    serverTime.advance(30_000);
    expect(timerRemaining(b.getSnapshot().meeting.timer, deviceB() - skew)).toBe(90_000);
    // Uncorrected, B would think the time was over: this is what the injected now() prevents.
    expect(timerRemaining(b.getSnapshot().meeting.timer, deviceB())).toBe(0);
    b.pauseTimer();
    deliver(order);
    expect(a.getSnapshot().meeting.timer).toMatchObject({ running: false, remainingMs: 90_000 });
  });

  it('reads a malformed timer as none and never reports more than the duration', () => {
    const model = newBoard();
    model.doc.transact(() => {
      const timer = new Y.Map<unknown>();
      timer.set(TimerField.DurationMs, 1000);
      timer.set(TimerField.Running, true);
      timer.set(TimerField.RemainingMs, 1000);
      model.doc.getMap(Root.Meeting).set(MeetingField.Timer, timer);
    }, 'remote');
    expect(model.getSnapshot().meeting.timer).toBeNull();
    expect(timerRemaining({ durationMs: 1000, endsAt: 10_000, remainingMs: 1000, running: true }, 0)).toBe(1000);
  });
});

describe('private writing round', () => {
  it('starts, reveals, and the drafts are committed at once, in createdAt order, only once', () => {
    const clock = manualClock(2_000_000);
    const model = newBoard({ now: clock.now });
    const round = model.startPrivateRound();
    expect(model.getSnapshot().meeting.privateRound).toEqual({ active: true, startedAt: 2_000_000, revealedAt: null, round });
    expect(() => model.startPrivateRound()).toThrow(BoardCommandError);
    clock.advance(5000);
    model.revealPrivateRound();
    expect(model.getSnapshot().meeting.privateRound).toMatchObject({ active: false, revealedAt: 2_005_000 });
    expect(() => model.revealPrivateRound()).toThrow(BoardCommandError);

    const drafts: PrivateDraft[] = [
      { id: 'draft-b-000000000000000', zone: 'need', text: 'second', color: '#ffcc80', author: 'Ann', createdAt: 20 },
      { id: 'draft-a-000000000000000', zone: 'need', text: 'first', color: '#fff176', author: 'Ann', createdAt: 10 },
      { id: 'draft-c-000000000000000', zone: 'who', text: 'third', color: '#fff176', author: 'Ann', createdAt: 30 },
    ];
    let transactions = 0;
    model.doc.on('afterTransaction', () => transactions++);
    expect(commitDrafts(model, drafts)).toEqual(['draft-a-000000000000000', 'draft-b-000000000000000', 'draft-c-000000000000000']);
    expect(transactions).toBe(1);
    expect(model.getSnapshot().notes.map((note) => note.text)).toEqual(['first', 'second', 'third']);
    const [first, second] = model.getSnapshot().notes;
    const apart = first!.x + first!.w <= second!.x || first!.y + first!.h <= second!.y;
    expect(apart).toBe(true);
    expect(commitDrafts(model, drafts)).toEqual([]);
    expect(model.getSnapshot().notes).toHaveLength(3);
  });

  it('refuses the whole batch if one draft is invalid', () => {
    const model = newBoard();
    const drafts: PrivateDraft[] = [
      { id: 'draft-a-000000000000000', zone: 'need', text: 'fine', color: '#fff176', author: 'Ann', createdAt: 1 },
      { id: 'draft-b-000000000000000', zone: 'need', text: 'bad', color: 'blue', author: 'Ann', createdAt: 2 },
    ];
    expect(() => commitDrafts(model, drafts)).toThrow(BoardCommandError);
    expect(model.getSnapshot().notes).toEqual([]);
  });
});

describe('notes added on behalf of someone', () => {
  it('stores addedBy next to the author', () => {
    const model = newBoard();
    const id = model.addNote({ zone: 'who', author: 'Grandma Rose', addedBy: 'Lee', text: 'I bake' });
    expect(model.getNote(id)).toMatchObject({ author: 'Grandma Rose', addedBy: 'Lee', votes: 0 });
    expect((model.doc.getMap(Root.Notes).get(id) as Y.Map<unknown>).get(NoteField.AddedBy)).toBe('Lee');
    const own = model.addNote({ zone: 'who', author: 'Lee' });
    expect(model.getNote(own)?.addedBy).toBeUndefined();
    expect(() => model.addNote({ zone: 'who', author: 'A', addedBy: 5 as unknown as string })).toThrow(BoardCommandError);
  });
});
