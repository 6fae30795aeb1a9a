import { describe, expect, it } from 'vitest';
import type { NoteView } from '../../shared/board/note';
import { hitTarget, type HitContext } from '../../client/canvas/gestures/hitTarget';
import type { Connector } from '../../client/canvas/linkGeometry';

function note(id: string, x: number, y: number, w = 200, h = 150): NoteView {
  return { id, zone: 'who', text: '', x, y, w, h, color: '#fff176', author: 'A', createdAt: 0, votes: 0 } as NoteView;
}

// Two notes overlapping at (150..200, 100..150); b is drawn on top. A connector runs below them.
const a = note('a', 0, 0);
const b = note('b', 150, 100);
const link: Connector = { id: 'l1', kind: 'served-by', from: 'a', to: 'c', start: { x: 0, y: 400 }, end: { x: 400, y: 400 } };

function context(overrides: Partial<HitContext> = {}): HitContext {
  return {
    notes: [a, b],
    scale: 1,
    connectors: [link],
    deletableLink: null,
    linkSource: null,
    resizable: null,
    voteButtons: null,
    // The "+ more" marker of every note, in this table, is its bottom-left 20 px square.
    onMoreMarker: (target, point) => point.x - target.x < 20 && target.y + target.h - point.y < 20,
    ...overrides,
  };
}

// At scale 1: b's resize handle covers (337.4..355.4, 237.4..255.4); its link handle sits on its right edge's middle;
// b's "+" dot button is centred at (336, 114) with radius 10; the connector's delete button at its midpoint (200, 400).
describe('hitTarget: which control wins a press', () => {
  it.each<[string, { x: number; y: number }, Partial<HitContext>, ReturnType<typeof hitTarget>]>([
    ['empty board', { x: 600, y: 600 }, {}, { kind: 'board' }],
    ['a note', { x: 50, y: 50 }, {}, { kind: 'note', note: a }],
    ['the topmost of two overlapping notes', { x: 175, y: 125 }, {}, { kind: 'note', note: b }],
    ['a connector off every note', { x: 300, y: 403 }, {}, { kind: 'link', linkId: 'l1' }],
    ['a note over a connector', { x: 100, y: 100 }, { connectors: [{ ...link, start: { x: 0, y: 100 }, end: { x: 400, y: 100 } }] }, { kind: 'note', note: a }],
    ['a note\'s "+ more" marker', { x: 5, y: 145 }, {}, { kind: 'more', note: a }],
    ['the selected link\'s delete button, when links may be deleted', { x: 200, y: 400 }, { deletableLink: link }, { kind: 'link-delete', linkId: 'l1' }],
    ['the same point without it is the connector', { x: 200, y: 400 }, {}, { kind: 'link', linkId: 'l1' }],
    ['the link handle before the note under it', { x: 350, y: 175 }, { linkSource: b }, { kind: 'link-handle', note: b }],
    ['the resize handle before the note under it', { x: 345, y: 245 }, { resizable: b }, { kind: 'resize-handle', note: b }],
    ['the link handle before the resize handle', { x: 350, y: 175 }, { linkSource: b, resizable: { ...b, h: 82 } }, { kind: 'link-handle', note: b }],
    ['a dot button while the vote\'s buttons are drawn', { x: 336, y: 114 }, { voteButtons: new Map() }, { kind: 'vote-button', noteId: 'b', delta: 1 }],
    ['the "−" button only where the voter has dots', { x: 312, y: 114 }, { voteButtons: new Map([['b', 1]]) }, { kind: 'vote-button', noteId: 'b', delta: -1 }],
    ['no "−" button without dots: the note', { x: 312, y: 114 }, { voteButtons: new Map() }, { kind: 'note', note: b }],
    ['no dot buttons when they are not drawn: the note', { x: 336, y: 114 }, {}, { kind: 'note', note: b }],
    ['the delete button before a note over it', { x: 200, y: 400 }, { deletableLink: link, notes: [a, b, note('c', 150, 350)] }, { kind: 'link-delete', linkId: 'l1' }],
  ])('%s', (_case, point, overrides, expected) => {
    expect(hitTarget(point, context(overrides))).toEqual(expected);
  });
});
