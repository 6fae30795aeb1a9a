import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  BoardModel,
  CURRENT_SCHEMA_VERSION,
  NoteField,
  Root,
  decodeBoardState,
  migrateBoard,
  recordToMarkdown,
  restoreBoard,
  toRecord,
  zoneRect,
  type BoardRecord,
} from '../../shared/board';
import { STORAGE_ORIGIN } from '../../shared/protocol/origins';
import { ORDERS, newBoard } from './helpers';

const header = { id: 'rec-1', label: 'First meeting', createdAt: Date.UTC(2025, 2, 12, 19, 30) };

/** A version-1 board written with plain Yjs, as a v1 server and client left it. */
function versionOneDoc(): Y.Doc {
  const doc = new Y.Doc();
  doc.transact(() => {
    const meta = doc.getMap('meta');
    meta.set('title', 'Old board');
    meta.set('schemaVersion', 1);
    const notes = doc.getMap('notes');
    for (const [id, zone, x] of [['n-who', 'who', 30], ['n-need', 'need', 1070], ['n-there', 'there', 2110]] as const) {
      const note = new Y.Map<unknown>();
      note.set('zone', zone);
      note.set('text', new Y.Text(`text of ${id}`));
      note.set('x', x);
      note.set('y', 200);
      note.set('w', 220);
      note.set('h', 160);
      note.set('color', '#fff176');
      note.set('author', 'Ann');
      note.set('createdAt', 1);
      notes.set(id, note);
    }
  });
  return doc;
}

describe('migration 1 → 2', () => {
  it('stamps version 2, keeps every note, and readies each note for dots', () => {
    const doc = versionOneDoc();
    const before = new BoardModel(doc).getSnapshot().notes;
    expect(CURRENT_SCHEMA_VERSION).toBe(2);
    expect(migrateBoard(doc, STORAGE_ORIGIN)).toBe(true);
    expect(doc.getMap(Root.Meta).get('schemaVersion')).toBe(2);
    const after = new BoardModel(doc).getSnapshot().notes;
    expect(after).toEqual(before);
    expect(after).toHaveLength(3);
    for (const note of doc.getMap(Root.Notes).values()) expect((note as Y.Map<unknown>).get(NoteField.Votes)).toBeInstanceOf(Y.Map);
  });

  it('is a no-op the second time', () => {
    const doc = versionOneDoc();
    migrateBoard(doc, STORAGE_ORIGIN);
    const once = Y.encodeStateAsUpdate(doc);
    expect(migrateBoard(doc, STORAGE_ORIGIN)).toBe(false);
    expect(Y.encodeStateAsUpdate(doc)).toEqual(once);
  });

  it.each(ORDERS)('two clients migrating at once converge, and a dot cast afterwards counts everywhere (%s)', (order) => {
    const seed = Y.encodeStateAsUpdate(versionOneDoc());
    const a = new Y.Doc();
    const b = new Y.Doc();
    Y.applyUpdate(a, seed);
    Y.applyUpdate(b, seed);
    migrateBoard(a, 'a');
    migrateBoard(b, 'b');
    const fromA = Y.encodeStateAsUpdate(a, Y.encodeStateVector(b));
    const fromB = Y.encodeStateAsUpdate(b, Y.encodeStateVector(a));
    if (order === 'a-first') {
      Y.applyUpdate(b, fromA);
      Y.applyUpdate(a, fromB);
    } else {
      Y.applyUpdate(a, fromB);
      Y.applyUpdate(b, fromA);
    }
    const modelA = new BoardModel(a);
    const modelB = new BoardModel(b);
    expect(modelA.getSnapshot().notes).toEqual(modelB.getSnapshot().notes);
    expect(modelA.getSnapshot().notes).toHaveLength(3);
    expect(a.getMap(Root.Meta).get('schemaVersion')).toBe(2);
    expect(b.getMap(Root.Meta).get('schemaVersion')).toBe(2);
    modelA.startVote(2);
    modelA.castVote('n-need', 'ann');
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
    expect(modelB.getNote('n-need')?.votes).toBe(1);
  });

  it('a version-1 board still decodes for records and restore', () => {
    const doc = decodeBoardState(Y.encodeStateAsUpdate(versionOneDoc()), STORAGE_ORIGIN);
    expect(toRecord(doc, header).links).toEqual({ servedBy: [], canServe: [] });
  });
});

/** A board with links, a revealed vote and a note added for someone. */
function meetingBoard(): { model: BoardModel; ids: Record<'choir' | 'elders' | 'food' | 'luke', string> } {
  const model = newBoard();
  const at = (zone: 'who' | 'need' | 'there', dy: number, text: string, addedBy?: string): string =>
    model.addNote({ zone, author: 'Ann', text, x: zoneRect(zone).x + 30, y: 200 + dy, ...(addedBy ? { addedBy } : {}) });
  const ids = {
    choir: at('who', 0, 'Our choir'),
    elders: at('need', 0, 'Lonely | elders'),
    food: at('need', 300, 'Food <bank>'),
    luke: at('there', 0, 'St Luke visitors', 'Lee'),
  };
  model.addLink(ids.food, ids.luke);
  model.addLink(ids.elders, ids.luke);
  model.addLink(ids.choir, ids.elders);
  model.startVote(3);
  model.castVote(ids.elders, 'ann');
  model.castVote(ids.elders, 'ben');
  model.castVote(ids.food, 'ann');
  return { model, ids };
}

describe('records of a version-2 board', () => {
  it('lists links as need — there / who — need rows, in the need’s reading order', () => {
    const { model, ids } = meetingBoard();
    expect(toRecord(model.doc, header).links).toEqual({
      servedBy: [
        { needId: ids.elders, need: 'Lonely | elders', thereId: ids.luke, there: 'St Luke visitors' },
        { needId: ids.food, need: 'Food <bank>', thereId: ids.luke, there: 'St Luke visitors' },
      ],
      canServe: [{ whoId: ids.choir, who: 'Our choir', needId: ids.elders, need: 'Lonely | elders' }],
    });
  });

  it.each([
    ['running, not revealed', (m: BoardModel) => m, undefined],
    ['revealed', (m: BoardModel) => (m.revealVotes(), m), 2],
    ['ended', (m: BoardModel) => (m.endVote(), m), 2],
  ] as const)('carries vote totals only when the vote is %s → %s', (_name, step, expected) => {
    const { model, ids } = meetingBoard();
    step(model);
    const note = toRecord(model.doc, header).zones[1]?.notes.find((n) => n.id === ids.elders);
    expect(note?.votes).toBe(expected);
  });

  it('keeps the v1 note fields and adds addedBy only where set', () => {
    const { model, ids } = meetingBoard();
    const record = toRecord(model.doc, header);
    expect(record.zones[2]?.notes[0]).toEqual({
      id: ids.luke, text: 'St Luke visitors', color: '#fff176', author: 'Ann', createdAt: expect.any(Number), addedBy: 'Lee',
    });
    expect(record.zones[0]?.notes[0]).not.toHaveProperty('addedBy');
  });

  it('renders the links table escaped, vote totals and added-by in Markdown', () => {
    const { model } = meetingBoard();
    model.endVote();
    const markdown = recordToMarkdown(toRecord(model.doc, header));
    expect(markdown).toContain(
      [
        "## What's the need? — already served by / could partner with",
        '',
        '| Need | Already served by | Could partner with |',
        '| --- | --- | --- |',
        '| Lonely \\| elders | St Luke visitors | Our choir |',
        '| Food &lt;bank&gt; | St Luke visitors | — |',
      ].join('\n'),
    );
    expect(markdown).toContain('- Lonely \\| elders — Ann · 2 dots');
    expect(markdown).toContain('- St Luke visitors — Ann (added by Lee)');
    expect(markdown).toContain("## Votes\n\n- 2 dots: Lonely \\| elders (What's the need?)\n- 1 dot: Food &lt;bank&gt; (What's the need?)");
    expect(markdown).not.toContain('<bank>');
  });

  it('renders a record taken before links existed', () => {
    const old: BoardRecord = {
      ...header,
      title: 'Old',
      zones: [
        { key: 'who', title: 'Who are we?', prompt: '', notes: [] },
        { key: 'need', title: "What's the need?", prompt: '', notes: [] },
        { key: 'there', title: "Who's already there?", prompt: '', notes: [] },
      ],
    };
    expect(recordToMarkdown(old)).not.toContain('| Need |');
  });
});

describe('restoring a version-2 board', () => {
  it('brings back links, dots and addedBy; leaves the live meeting alone', () => {
    const { model: live, ids } = meetingBoard();
    const saved = Y.encodeStateAsUpdate(live.doc);
    const before = toRecord(live.doc, header);
    const votesBefore = [...live.getSnapshot().votesBy('ann')];

    live.stopCapturing();
    live.deleteNote(ids.luke);
    live.removeVote(ids.food, 'ann');
    live.castVote(ids.choir, 'ann');
    live.addLink(ids.food, live.addNote({ zone: 'there', author: 'Cy', text: 'new partner' }));
    live.endVote();
    live.setPhase('record');

    const restored = restoreBoard(live.doc, decodeBoardState(saved, STORAGE_ORIGIN), 'restore');
    expect(restored).toBe(4);
    const after = toRecord(live.doc, header);
    expect(after.links).toEqual(before.links);
    expect(live.getNote(ids.luke)?.addedBy).toBe('Lee');
    expect([...live.getSnapshot().votesBy('ann')]).toEqual(votesBefore);
    expect(live.getNote(ids.elders)?.votes).toBe(2);
    expect(live.getSnapshot().meeting).toMatchObject({ phase: 'record', vote: { active: false } });
  });

  it('a fork (fresh document) gets links and dots too', () => {
    const { model } = meetingBoard();
    const fresh = newBoard();
    restoreBoard(fresh.doc, decodeBoardState(Y.encodeStateAsUpdate(model.doc), STORAGE_ORIGIN), STORAGE_ORIGIN);
    expect(fresh.getSnapshot().links).toHaveLength(3);
    expect(fresh.getSnapshot().notes.map((n) => n.votes)).toEqual(model.getSnapshot().notes.map((n) => n.votes));
  });
});
