import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { BoardCommandError, BoardModel, LinkField, Root, type LinkKind, type Zone } from '../../shared/board';
import { ORDERS, connectedPair, newBoard } from './helpers';

function threeZones(model: BoardModel): Record<Zone, string> {
  return {
    who: model.addNote({ zone: 'who', author: 'A', text: 'our choir' }),
    need: model.addNote({ zone: 'need', author: 'A', text: 'lonely elders' }),
    there: model.addNote({ zone: 'there', author: 'A', text: 'St Luke visiting team' }),
  };
}

describe('addLink', () => {
  it.each([
    ['need → there infers served-by', 'need', 'there', undefined, 'served-by'],
    ['who → need infers can-serve', 'who', 'need', undefined, 'can-serve'],
    ['explicit served-by', 'need', 'there', 'served-by', 'served-by'],
    ['explicit can-serve', 'who', 'need', 'can-serve', 'can-serve'],
  ] as const)('%s', (_name, fromZone, toZone, kind, expected) => {
    const model = newBoard();
    const ids = threeZones(model);
    const id = model.addLink(ids[fromZone], ids[toZone], kind, 'Ann');
    expect(model.getSnapshot().links).toEqual([
      { id, from: ids[fromZone], to: ids[toZone], kind: expected, author: 'Ann', createdAt: expect.any(Number) },
    ]);
    const raw = model.doc.getMap(Root.Links).get(id) as Y.Map<unknown>;
    expect(raw.get(LinkField.Kind)).toBe(expected);
  });

  it.each([
    ['there → need (reversed)', 'there', 'need', undefined],
    ['need → who', 'need', 'who', undefined],
    ['who → there', 'who', 'there', undefined],
    ['served-by between who and need', 'who', 'need', 'served-by'],
    ['can-serve between need and there', 'need', 'there', 'can-serve'],
    ['an unknown kind', 'need', 'there', 'helps'],
    ['a self link', 'need', 'need', undefined],
    ['an unknown note', 'need', 'missing', undefined],
  ] as const)('refuses %s and writes nothing', (_name, fromZone, toZone, kind) => {
    const model = newBoard();
    const ids: Record<string, string> = { ...threeZones(model), missing: 'no-such-note' };
    const before = Y.encodeStateAsUpdate(model.doc);
    expect(() => model.addLink(ids[fromZone]!, ids[toZone]!, kind as LinkKind | undefined)).toThrow(BoardCommandError);
    expect(Y.encodeStateAsUpdate(model.doc)).toEqual(before);
  });

  it('refuses a duplicate of the same from, to and kind', () => {
    const model = newBoard();
    const ids = threeZones(model);
    model.addLink(ids.need, ids.there);
    expect(() => model.addLink(ids.need, ids.there, 'served-by')).toThrow(BoardCommandError);
    expect(model.getSnapshot().links).toHaveLength(1);
  });

  it('deleteLink removes it; deleting a link that is gone is harmless', () => {
    const model = newBoard();
    const ids = threeZones(model);
    const id = model.addLink(ids.need, ids.there);
    model.deleteLink(id);
    expect(model.getSnapshot().links).toEqual([]);
    expect(() => model.deleteLink(id)).not.toThrow();
  });

  it('keeps a link, and its kind, when a note later moves to another zone', () => {
    const model = newBoard();
    const ids = threeZones(model);
    model.addLink(ids.need, ids.there);
    model.setNoteZone(ids.there, 'who');
    expect(model.getSnapshot().links.map((link) => link.kind)).toEqual(['served-by']);
  });
});

describe('deleting notes with links', () => {
  it('deletes the links in the same transaction, and one undo restores both', () => {
    const model = newBoard();
    const ids = threeZones(model);
    const served = model.addLink(ids.need, ids.there);
    const canServe = model.addLink(ids.who, ids.need);
    model.stopCapturing();
    let transactions = 0;
    model.doc.on('afterTransaction', () => transactions++);
    model.deleteNote(ids.need);
    expect(transactions).toBe(1);
    expect(model.doc.getMap(Root.Links).size).toBe(0);
    expect(model.getSnapshot().links).toEqual([]);
    model.undo();
    expect(model.getNote(ids.need)?.text).toBe('lonely elders');
    expect(model.getSnapshot().links.map((link) => link.id).sort()).toEqual([served, canServe].sort());
  });

  it('leaves links between other notes alone', () => {
    const model = newBoard();
    const ids = threeZones(model);
    const other = model.addNote({ zone: 'need', author: 'A' });
    const kept = model.addLink(other, ids.there);
    model.addLink(ids.need, ids.there);
    model.deleteNotes([ids.need]);
    expect(model.getSnapshot().links.map((link) => link.id)).toEqual([kept]);
  });
});

describe('reading links from an untrusted document', () => {
  it.each([
    ['kind not in the set', { kind: 'loves' }],
    ['from not a string', { from: 7 }],
    ['to a missing note', { to: 'ghost' }],
    ['from equal to to', { to: '$from' }],
    ['createdAt not a number', { createdAt: 'yesterday' }],
    ['author not a string', { author: 42 }],
    ['createdAt not finite', { createdAt: Number.POSITIVE_INFINITY }],
    ['kind missing', { kind: undefined }],
  ])('ignores a link with %s', (_name, override) => {
    const model = newBoard();
    const ids = threeZones(model);
    const good = model.addLink(ids.need, ids.there);
    model.doc.transact(() => {
      const fields: Record<string, unknown> = { from: ids.need, to: ids.there, kind: 'served-by', author: 'B', createdAt: 1 };
      for (const [key, value] of Object.entries(override)) fields[key] = value === '$from' ? fields.from : value;
      const bad = new Y.Map<unknown>();
      for (const [key, value] of Object.entries(fields)) if (value !== undefined) bad.set(key, value);
      model.doc.getMap(Root.Links).set('bad', bad);
      model.doc.getMap(Root.Links).set('not-a-map', 'x');
    }, 'remote');
    expect(model.getSnapshot().links.map((link) => link.id)).toEqual([good]);
  });

  it('reads a link with only from, to and kind (the first contract), as author "" and createdAt 0', () => {
    const model = newBoard();
    const ids = threeZones(model);
    model.doc.transact(() => {
      const bare = new Y.Map<unknown>();
      bare.set('from', ids.who);
      bare.set('to', ids.need);
      bare.set('kind', 'can-serve');
      model.doc.getMap(Root.Links).set('stock', bare);
    }, 'remote');
    expect(model.getSnapshot().links).toEqual([{ id: 'stock', from: ids.who, to: ids.need, kind: 'can-serve', author: '', createdAt: 0 }]);
    // Discern's own command sees it: the same link cannot be drawn twice.
    expect(() => model.addLink(ids.who, ids.need)).toThrow(BoardCommandError);
    // And a later change to it is seen like any other.
    model.doc.transact(() => (model.doc.getMap(Root.Links).get('stock') as Y.Map<unknown>).set('author', 'Sam'), 'remote');
    expect(model.getSnapshot().links[0]?.author).toBe('Sam');
  });

  it('keeps unchanged links (and the list) identical between snapshots', () => {
    const model = newBoard();
    const ids = threeZones(model);
    model.addLink(ids.need, ids.there);
    const before = model.getSnapshot();
    model.setNoteText(ids.who, 'our choir and band');
    expect(model.getSnapshot().links).toBe(before.links);
    expect(model.getSnapshot().meeting).toBe(before.meeting);
  });
});

describe('links between two docs', () => {
  it.each(ORDERS)('a link made while its note is deleted elsewhere is ignored on read (%s)', (order) => {
    const { a, b, deliver } = connectedPair();
    const ids = threeZones(a);
    deliver(order);
    a.addLink(ids.need, ids.there);
    b.deleteNote(ids.there);
    deliver(order);
    for (const model of [a, b]) {
      expect(model.getSnapshot().links).toEqual([]);
      expect(model.doc.getMap(Root.Links).size).toBe(1);
    }
    // The note coming back (an undo, a restore) brings the link back with it.
  });

  it.each(ORDERS)('the same link added on both sides at once reads as one, the same everywhere (%s)', (order) => {
    const { a, b, deliver } = connectedPair();
    const ids = threeZones(a);
    deliver(order);
    a.addLink(ids.need, ids.there, undefined, 'A');
    b.addLink(ids.need, ids.there, undefined, 'B');
    deliver(order);
    expect(a.getSnapshot().links).toHaveLength(1);
    expect(a.getSnapshot().links).toEqual(b.getSnapshot().links);
  });
});
