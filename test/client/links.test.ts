import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { LinkView } from '../../shared/board/links';
import { BoardModel } from '../../shared/board/model';
import type { NoteView } from '../../shared/board/note';
import { linkNotes } from '../../client/canvas/boardActions';
import { arrowHead, connectorAt, connectorEnds, edgeAnchor, isLinkSource, linkHandle, visibleConnectors } from '../../client/canvas/linkGeometry';

function note(id: string, x: number, y: number, zone: NoteView['zone'] = 'need'): NoteView {
  return { id, zone, text: '', x, y, w: 100, h: 80, color: '#fff176', author: 'A', createdAt: 0, votes: 0 };
}

function link(id: string, from: string, to: string): LinkView {
  return { id, from, to, kind: 'served-by', author: 'A', createdAt: 0 };
}

describe('connector anchors on note edges', () => {
  const rect = { x: 0, y: 0, w: 100, h: 80 };
  it.each([
    ['right', { x: 500, y: 40 }, { x: 100, y: 40 }],
    ['left', { x: -500, y: 40 }, { x: 0, y: 40 }],
    ['below', { x: 50, y: 400 }, { x: 50, y: 80 }],
    ['above', { x: 50, y: -400 }, { x: 50, y: 0 }],
    ['corner diagonal', { x: 150, y: 120 }, { x: 100, y: 80 }],
  ])('leaves towards the %s', (_case, target, expected) => {
    const point = edgeAnchor(rect, target);
    expect(point.x).toBeCloseTo(expected.x);
    expect(point.y).toBeCloseTo(expected.y);
  });

  it('joins facing edges of two notes side by side', () => {
    const { start, end } = connectorEnds(note('a', 0, 0), note('b', 300, 0));
    expect(start).toEqual({ x: 100, y: 40 });
    expect(end).toEqual({ x: 300, y: 40 });
  });
});

describe('which connectors are drawn', () => {
  const notes = [note('a', 0, 0), note('b', 300, 0), note('c', 5000, 5000), note('d', 5400, 5000)];
  const byId = new Map(notes.map((n) => [n.id, n]));
  const links = [link('near', 'a', 'b'), link('far', 'c', 'd'), link('across', 'a', 'd'), link('dangling', 'a', 'gone')];

  it('culls links whose segment lies outside the visible area, and skips links to missing notes', () => {
    const ids = visibleConnectors(links, byId, { x: -50, y: -50, w: 600, h: 400 }).map((c) => c.id);
    expect(ids).toEqual(['near', 'across']);
    expect(visibleConnectors(links, byId, { x: 4900, y: 4900, w: 700, h: 300 }).map((c) => c.id)).toEqual(['far', 'across']);
    expect(visibleConnectors(links, byId, { x: 2000, y: -3000, w: 100, h: 100 })).toEqual([]);
  });

  it('follows a note that is being dragged before the move is committed', () => {
    const dragged = visibleConnectors([links[0]!], byId, { x: -1000, y: -1000, w: 3000, h: 3000 }, (n) =>
      n.id === 'b' ? { ...n, x: n.x, y: n.y + 500 } : n,
    );
    expect(dragged[0]!.end.y).toBeGreaterThan(400);
    expect(dragged[0]!.start.y).toBe(80);
  });

  it('selects the connector near a click, within a few screen pixels at any zoom', () => {
    const connectors = visibleConnectors(links, byId, { x: -50, y: -50, w: 600, h: 400 });
    expect(connectorAt(connectors, { x: 200, y: 43 }, 1)?.id).toBe('near');
    expect(connectorAt(connectors, { x: 200, y: 60 }, 1)).toBeNull();
    expect(connectorAt(connectors, { x: 200, y: 60 }, 0.25)?.id).toBe('near');
  });
});

describe('link handle and creation', () => {
  it('offers a handle only on notes links start from', () => {
    expect(isLinkSource('need')).toBe(true);
    expect(isLinkSource('who')).toBe(true);
    expect(isLinkSource('there')).toBe(false);
    expect(linkHandle(note('a', 0, 0), 0.5)).toEqual({ x: 100, y: 40, r: 16 });
  });

  it('links a need to who is there, and words a refusal instead of throwing', () => {
    const model = new BoardModel(new Y.Doc());
    const need = model.addNote({ zone: 'need', author: 'A', text: 'Lonely elders' });
    const there = model.addNote({ zone: 'there', author: 'A', text: 'Visiting scheme' });
    const who = model.addNote({ zone: 'who', author: 'A', text: 'Retired nurses' });
    expect(linkNotes(model, need, there, 'Ana')).toBeNull();
    expect(model.getSnapshot().links).toMatchObject([{ from: need, to: there, kind: 'served-by', author: 'Ana' }]);
    expect(linkNotes(model, need, there, 'Ana')).toMatch(/already linked/);
    expect(linkNotes(model, there, who, 'Ana')).toMatch(/Link a need/);
    expect(linkNotes(model, who, need, 'Ana')).toBeNull();
    expect(model.getSnapshot().links).toHaveLength(2);
  });
});

describe('arrowHead', () => {
  it('puts the tip on the end and the base across the line, length back towards the start', () => {
    // Pointing right: tip at (100, 0), base 10 back, 8 wide.
    expect(arrowHead({ x: 0, y: 0 }, { x: 100, y: 0 }, 10, 8)).toEqual([100, 0, 90, 4, 90, -4]);
    // Pointing up (screen y grows down): the base lies below the tip.
    const [tipX, tipY, ax, ay, bx, by] = arrowHead({ x: 50, y: 200 }, { x: 50, y: 100 }, 12, 6);
    expect([tipX, tipY]).toEqual([50, 100]);
    expect([ay, by]).toEqual([112, 112]);
    expect([Math.min(ax!, bx!), Math.max(ax!, bx!)]).toEqual([47, 53]);
  });

  it('stays finite when both ends are the same point', () => {
    expect(arrowHead({ x: 5, y: 5 }, { x: 5, y: 5 }, 10, 10).every(Number.isFinite)).toBe(true);
  });
});
