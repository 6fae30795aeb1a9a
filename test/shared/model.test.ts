import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  BoardCommandError,
  BoardModel,
  MAX_NOTE_TEXT,
  NoteField,
  Root,
  ZONE_WIDTH,
  ZONE_GAP,
  createBoardDoc,
  zoneRect,
} from '../../shared/board';
import { STORAGE_ORIGIN } from '../../shared/protocol/origins';

function newBoard(): BoardModel {
  return new BoardModel(createBoardDoc('Test', STORAGE_ORIGIN), { undo: true });
}

/** Two peers that exchange every update, in an order the test controls. */
function connectedPair(): { a: BoardModel; b: BoardModel; deliver: (order: 'a-first' | 'b-first') => void } {
  const a = new BoardModel(new Y.Doc());
  const b = new BoardModel(new Y.Doc());
  const fromA: Uint8Array[] = [];
  const fromB: Uint8Array[] = [];
  a.doc.on('update', (update: Uint8Array, origin: unknown) => origin !== 'peer' && fromA.push(update));
  b.doc.on('update', (update: Uint8Array, origin: unknown) => origin !== 'peer' && fromB.push(update));
  const deliver = (order: 'a-first' | 'b-first'): void => {
    const sendA = (): void => fromA.splice(0).forEach((u) => Y.applyUpdate(b.doc, u, 'peer'));
    const sendB = (): void => fromB.splice(0).forEach((u) => Y.applyUpdate(a.doc, u, 'peer'));
    if (order === 'a-first') {
      sendA();
      sendB();
    } else {
      sendB();
      sendA();
    }
  };
  return { a, b, deliver };
}

describe('BoardModel commands', () => {
  it('adds a note in the documented shape, readable through plain Yjs', () => {
    const model = newBoard();
    const id = model.addNote({ zone: 'need', author: 'Ana', text: 'Lonely elders', color: '#90CAF9' });
    const raw = model.doc.getMap(Root.Notes).get(id) as Y.Map<unknown>;
    expect(raw.get(NoteField.Zone)).toBe('need');
    expect((raw.get(NoteField.Text) as Y.Text).toString()).toBe('Lonely elders');
    expect(raw.get(NoteField.Color)).toBe('#90caf9');
    expect(raw.get(NoteField.Author)).toBe('Ana');
    expect(typeof raw.get(NoteField.CreatedAt)).toBe('number');
    const note = model.getNote(id)!;
    const area = zoneRect('need');
    expect(note.x).toBeGreaterThanOrEqual(area.x);
    expect(note.x + note.w).toBeLessThanOrEqual(area.x + area.w);
  });

  it('places consecutive notes without overlap', () => {
    const model = newBoard();
    const ids = Array.from({ length: 6 }, () => model.addNote({ zone: 'who', author: 'A' }));
    const notes = ids.map((id) => model.getNote(id)!);
    for (const [i, a] of notes.entries()) {
      for (const b of notes.slice(i + 1)) {
        const apart = a.x + a.w <= b.x || b.x + b.w <= a.x || a.y + a.h <= b.y || b.y + b.h <= a.y;
        expect(apart).toBe(true);
      }
    }
  });

  it.each([
    ['unknown zone', (m: BoardModel) => m.addNote({ zone: 'elsewhere' as 'who', author: 'A' })],
    ['NaN x', (m: BoardModel) => m.addNote({ zone: 'who', author: 'A', x: Number.NaN, y: 0 })],
    ['infinite y on move', (m: BoardModel, id: string) => m.moveNote(id, 0, Infinity)],
    ['text over the limit', (m: BoardModel, id: string) => m.setNoteText(id, 'x'.repeat(MAX_NOTE_TEXT + 1))],
    ['bad colour', (m: BoardModel, id: string) => m.setNoteColor(id, 'red')],
    ['tiny size', (m: BoardModel, id: string) => m.resizeNote(id, 2, 2)],
    ['unknown note', (m: BoardModel) => m.setNoteText('nope', 'hi')],
    ['empty title', (m: BoardModel) => m.setTitle('   ')],
  ])('refuses %s with an error and writes nothing', (_name, command) => {
    const model = newBoard();
    const id = model.addNote({ zone: 'who', author: 'A', text: 'before' });
    const before = Y.encodeStateAsUpdate(model.doc);
    expect(() => command(model, id)).toThrow(BoardCommandError);
    expect(Y.encodeStateAsUpdate(model.doc)).toEqual(before);
  });

  it('keeps zone in step with position when a note is dragged across zones', () => {
    const model = newBoard();
    const id = model.addNote({ zone: 'need', author: 'A' });
    const there = zoneRect('there');
    model.moveNote(id, there.x + 100, 300);
    expect(model.getNote(id)!.zone).toBe('there');
    model.moveNote(id, 10, 300);
    expect(model.getNote(id)!.zone).toBe('who');
    // The gap between columns belongs to the nearer column.
    model.moveNote(id, ZONE_WIDTH + ZONE_GAP / 2 - 110 - 5, 300);
    expect(model.getNote(id)!.zone).toBe('who');
  });

  it('setNoteZone moves the note to a free spot inside the new zone', () => {
    const model = newBoard();
    const id = model.addNote({ zone: 'who', author: 'A' });
    model.setNoteZone(id, 'there');
    const note = model.getNote(id)!;
    expect(note.zone).toBe('there');
    expect(note.x).toBeGreaterThanOrEqual(zoneRect('there').x);
  });

  it('moves a group of notes as one undo step', () => {
    const model = newBoard();
    const a = model.addNote({ zone: 'who', author: 'A', x: 10, y: 200 });
    const b = model.addNote({ zone: 'who', author: 'A', x: 300, y: 200 });
    model.stopCapturing();
    model.moveNotes([
      { id: a, x: 10, y: 600 },
      { id: b, x: 300, y: 600 },
    ]);
    model.undo();
    expect(model.getNote(a)!.y).toBe(200);
    expect(model.getNote(b)!.y).toBe(200);
  });

  it('deletes with undo', () => {
    const model = newBoard();
    const id = model.addNote({ zone: 'who', author: 'A', text: 'keep me' });
    model.stopCapturing();
    model.deleteNote(id);
    expect(model.getNote(id)).toBeUndefined();
    model.undo();
    expect(model.getNote(id)?.text).toBe('keep me');
  });

  it('keeps identity of unchanged notes between snapshots', () => {
    const model = newBoard();
    const a = model.addNote({ zone: 'who', author: 'A' });
    const b = model.addNote({ zone: 'who', author: 'A' });
    const before = model.getSnapshot();
    model.setNoteText(a, 'changed');
    const after = model.getSnapshot();
    expect(after).not.toBe(before);
    expect(after.byId.get(b)).toBe(before.byId.get(b));
    expect(after.byId.get(a)).not.toBe(before.byId.get(a));
  });

  it('notifies subscribers once per transaction', () => {
    const model = newBoard();
    let calls = 0;
    model.subscribe(() => calls++);
    const id = model.addNote({ zone: 'who', author: 'A' });
    model.moveNotes([{ id, x: 40, y: 400 }]);
    expect(calls).toBe(2);
  });

  it('edits title and zone prompts', () => {
    const model = newBoard();
    model.setTitle('  Riverside group ');
    model.setZonePrompt('need', 'What breaks our hearts here?');
    expect(model.getSnapshot().meta.title).toBe('Riverside group');
    expect(model.getSnapshot().meta.prompts.need).toBe('What breaks our hearts here?');
    expect(model.getSnapshot().meta.prompts.who).toMatch(/gifts/);
  });
});

describe('reading untrusted documents', () => {
  it.each([
    ['zone not in the set', { zone: 'mars' }],
    ['text as plain string', { text: 'plain' }],
    ['NaN coordinate', { x: Number.NaN }],
    ['negative width', { w: -5 }],
    ['colour name', { color: 'red' }],
    ['numeric author', { author: 7 }],
  ])('skips a note with %s and keeps the rest', (_name, override) => {
    const doc = new Y.Doc();
    const model = new BoardModel(doc);
    const good = model.addNote({ zone: 'who', author: 'A' });
    doc.transact(() => {
      const bad = new Y.Map<unknown>();
      const fields: Record<string, unknown> = {
        zone: 'who', text: new Y.Text('x'), x: 0, y: 0, w: 100, h: 100, color: '#ffffff', author: 'B', createdAt: 1,
        ...override,
      };
      for (const [key, value] of Object.entries(fields)) bad.set(key, value);
      doc.getMap(Root.Notes).set('bad', bad);
      doc.getMap(Root.Notes).set('not-a-map', 42);
    }, 'remote');
    expect(model.getSnapshot().notes.map((n) => n.id)).toEqual([good]);
    expect(() => model.setNoteText('bad', 'x')).toThrow(BoardCommandError);
  });
});

describe('two docs exchanging updates', () => {
  it.each(['a-first', 'b-first'] as const)('merge concurrent typing in one note (%s)', (order) => {
    const { a, b, deliver } = connectedPair();
    const id = a.addNote({ zone: 'who', author: 'A', text: 'garden' });
    deliver(order);
    a.setNoteText(id, 'community garden');
    b.setNoteText(id, 'garden club');
    deliver(order);
    expect(a.getNote(id)!.text).toBe('community garden club');
    expect(b.getNote(id)!.text).toBe(a.getNote(id)!.text);
  });

  it.each(['a-first', 'b-first'] as const)('converge on concurrent move, add and delete (%s)', (order) => {
    const { a, b, deliver } = connectedPair();
    const shared = a.addNote({ zone: 'need', author: 'A' });
    deliver(order);
    a.moveNote(shared, zoneRect('there').x + 50, 400);
    b.setNoteColor(shared, '#a5d6a7');
    const onlyB = b.addNote({ zone: 'who', author: 'B' });
    const doomed = a.addNote({ zone: 'who', author: 'A' });
    deliver(order);
    b.deleteNote(doomed);
    deliver(order);
    expect(a.getSnapshot().notes).toEqual(b.getSnapshot().notes);
    expect(a.getNote(shared)).toMatchObject({ zone: 'there', color: '#a5d6a7' });
    expect(a.getNote(onlyB)).toBeDefined();
    expect(a.getNote(doomed)).toBeUndefined();
  });

  it('undo only reverts the local user’s own edits', () => {
    const { a, b, deliver } = connectedPair();
    const aUndo = new BoardModel(a.doc, { undo: true });
    const id = aUndo.addNote({ zone: 'who', author: 'A', text: 'one' });
    deliver('a-first');
    b.setNoteText(id, 'one two');
    deliver('a-first');
    aUndo.undo();
    expect(a.getNote(id)).toBeUndefined();
    deliver('a-first');
    expect(b.getNote(id)).toBeUndefined();
  });
});

describe('stacking order', () => {
  it('matches a fresh read after notes arrive newest, oldest, and are deleted', () => {
    const model = newBoard();
    const ids = [model.addNote({ zone: 'who', author: 'A' }), model.addNote({ zone: 'need', author: 'A' })];
    // A note from a device whose clock is behind: older than everything on the board.
    model.addNotes([{ zone: 'there', author: 'B', createdAt: 5 }]);
    model.addNote({ zone: 'who', author: 'A' });
    model.deleteNote(ids[0]!);
    const incremental = model.getSnapshot().notes.map((note) => note.id);
    const fresh = new BoardModel(model.doc).getSnapshot().notes.map((note) => note.id);
    expect(incremental).toEqual(fresh);
    expect(model.getSnapshot().notes[0]?.createdAt).toBe(5);
  });
});
