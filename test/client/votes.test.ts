import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { BoardModel } from '../../shared/board/model';
import type { NoteView } from '../../shared/board/note';
import { deriveVoteUi } from '../../client/board/voteView';
import { voteOn } from '../../client/canvas/boardActions';
import { voteButtonAt, voteButtons } from '../../client/canvas/voteGeometry';

function boardWithNotes(): { model: BoardModel; a: string; b: string } {
  const model = new BoardModel(new Y.Doc());
  const a = model.addNote({ zone: 'need', author: 'A', text: 'Food' });
  const b = model.addNote({ zone: 'need', author: 'A', text: 'Housing' });
  return { model, a, b };
}

describe('vote UI state', () => {
  it('shows nothing before any vote', () => {
    const { model } = boardWithNotes();
    expect(deriveVoteUi(model.getSnapshot(), 'me')).toMatchObject({ status: 'none', left: 0, totals: null });
  });

  it('shows my own dots and dots left, and hides totals until the leader reveals them', () => {
    const { model, a, b } = boardWithNotes();
    model.startVote(3);
    expect(voteOn(model, a, 'me', 1)).toBeNull();
    expect(voteOn(model, a, 'me', 1)).toBeNull();
    expect(voteOn(model, a, 'other', 1)).toBeNull();
    expect(voteOn(model, b, 'other', 1)).toBeNull();

    const hidden = deriveVoteUi(model.getSnapshot(), 'me');
    expect(hidden.status).toBe('active');
    expect(hidden.left).toBe(1);
    expect([...hidden.mine]).toEqual([[a, 2]]);
    expect(hidden.totals).toBeNull();

    model.revealVotes();
    const shown = deriveVoteUi(model.getSnapshot(), 'me');
    expect(shown.totals && Object.fromEntries(shown.totals)).toEqual({ [a]: 3, [b]: 1 });

    model.endVote();
    const ended = deriveVoteUi(model.getSnapshot(), 'me');
    expect(ended).toMatchObject({ status: 'ended', left: 0 });
    expect(ended.mine.size).toBe(0);
    expect(ended.totals?.get(a)).toBe(3);
  });

  it('keeps totals hidden after the vote ends unless revealed', () => {
    const { model, a } = boardWithNotes();
    model.startVote(1);
    voteOn(model, a, 'me', 1);
    model.endVote();
    expect(deriveVoteUi(model.getSnapshot(), 'me').totals).toBeNull();
  });

  it('refuses a dot past the budget with a short message, and takes dots back', () => {
    const { model, a, b } = boardWithNotes();
    expect(voteOn(model, a, 'me', 1)).toBe('No vote is running');
    model.startVote(2);
    expect(voteOn(model, a, 'me', 1)).toBeNull();
    expect(voteOn(model, b, 'me', 1)).toBeNull();
    expect(voteOn(model, b, 'me', 1)).toBe('No dots left');
    expect(model.getSnapshot().votesBy('me').get(b)).toBe(1);
    expect(voteOn(model, b, 'me', -1)).toBeNull();
    expect(voteOn(model, b, 'me', -1)).toMatch(/None of your dots/);
    expect(model.votesLeft('me')).toBe(1);
  });
});

describe('dot buttons on a note', () => {
  const note = { id: 'n', zone: 'need', text: '', x: 0, y: 0, w: 200, h: 150, color: '#fff', author: '', createdAt: 0, votes: 0 } as NoteView;
  it('hits "+" always and "−" only where I have dots, at a constant screen size', () => {
    const { plus, minus } = voteButtons(note, 0.5);
    expect(plus.r).toBe(20);
    expect(voteButtonAt([note], plus, 0.5, new Map())).toEqual({ noteId: 'n', delta: 1 });
    expect(voteButtonAt([note], minus, 0.5, new Map())).toBeNull();
    expect(voteButtonAt([note], minus, 0.5, new Map([['n', 1]]))).toEqual({ noteId: 'n', delta: -1 });
    expect(voteButtonAt([note], { x: 100, y: 100 }, 0.5, new Map())).toBeNull();
  });
});
