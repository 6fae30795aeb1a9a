import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  BoardModel,
  CURRENT_SCHEMA_VERSION,
  DEFAULT_PROMPTS,
  InvalidBoardStateError,
  NoteField,
  Root,
  clipText,
  createBoardDoc,
  decodeBoardState,
  diffRecords,
  diffToMarkdown,
  escapeMarkdown,
  recordNoteCount,
  recordToMarkdown,
  restoreBoard,
  toRecord,
  zoneRect,
  type BoardRecord,
} from '../../shared/board';
import { STORAGE_ORIGIN } from '../../shared/protocol/origins';

const header = { id: 'rec-1', label: 'First meeting', createdAt: Date.UTC(2025, 2, 12, 19, 30) };

function board(): BoardModel {
  return new BoardModel(createBoardDoc('Riverside', STORAGE_ORIGIN));
}

/** Places a note at an offset inside a zone, so reading order is under the test's control. */
function place(model: BoardModel, zone: 'who' | 'need' | 'there', dx: number, dy: number, text: string, author = 'Ann'): string {
  const rect = zoneRect(zone);
  return model.addNote({ zone, author, text, x: rect.x + dx, y: rect.y + dy });
}

describe('toRecord', () => {
  it('lists zones who/need/there with their prompts and notes in reading order, without positions', () => {
    const model = board();
    const lowRight = place(model, 'who', 500, 600, 'low right');
    const topRight = place(model, 'who', 500, 200, 'top right');
    const topLeft = place(model, 'who', 30, 200, 'top left');
    const need = place(model, 'need', 30, 200, 'food bank', 'Ben');
    model.setZonePrompt('need', 'Custom need prompt');
    const record = toRecord(model.doc, header);
    expect(record).toMatchObject({ ...header, title: 'Riverside' });
    expect(record.zones.map((zone) => zone.key)).toEqual(['who', 'need', 'there']);
    expect(record.zones.map((zone) => zone.title)).toEqual(['Who are we?', "What's the need?", "Who's already there?"]);
    expect(record.zones[1]?.prompt).toBe('Custom need prompt');
    expect(record.zones[0]?.notes.map((note) => note.id)).toEqual([topLeft, topRight, lowRight]);
    expect(record.zones[1]?.notes).toEqual([
      { id: need, text: 'food bank', color: '#fff176', author: 'Ben', createdAt: expect.any(Number) },
    ]);
    expect(record.zones[2]?.notes).toEqual([]);
    expect(recordNoteCount(record)).toBe(4);
    expect(JSON.stringify(record)).not.toMatch(/"x"|"y"|"w"|"h"/);
  });

  it('skips malformed notes', () => {
    const model = board();
    place(model, 'who', 30, 200, 'good');
    model.doc.transact(() => {
      const bad = new Y.Map<unknown>();
      bad.set(NoteField.Zone, 'nowhere');
      bad.set(NoteField.Text, 'plain string');
      model.doc.getMap(Root.Notes).set('bad', bad);
      model.doc.getMap(Root.Notes).set('worse', 42);
    });
    expect(recordNoteCount(toRecord(model.doc, header))).toBe(1);
  });
});

describe('diffRecords', () => {
  it('reports exactly the added, removed, edited and moved notes', () => {
    const model = board();
    const kept = place(model, 'who', 30, 200, 'kept');
    const edited = place(model, 'who', 30, 400, 'before');
    const moved = place(model, 'need', 30, 200, 'travels');
    const both = place(model, 'need', 30, 400, 'old words');
    const removed = place(model, 'there', 30, 200, 'gone soon');
    const a = toRecord(model.doc, header);
    model.setNoteText(edited, 'after');
    model.setNoteZone(moved, 'there');
    model.setNoteText(both, 'new words');
    model.setNoteZone(both, 'who');
    model.deleteNote(removed);
    const added = place(model, 'there', 30, 600, 'fresh', 'Cat');
    model.setNoteColor(kept, '#90caf9');
    const b = toRecord(model.doc, { ...header, id: 'rec-2' });

    const diff = diffRecords(a, b);
    expect(diff.added).toEqual([{ id: added, zone: 'there', text: 'fresh', author: 'Cat', color: '#fff176' }]);
    expect(diff.removed).toEqual([{ id: removed, zone: 'there', text: 'gone soon', author: 'Ann', color: '#fff176' }]);
    expect(diff.edited).toEqual(
      expect.arrayContaining([
        { id: edited, zone: 'who', before: 'before', after: 'after' },
        { id: both, zone: 'who', before: 'old words', after: 'new words' },
      ]),
    );
    expect(diff.edited).toHaveLength(2);
    expect(diff.moved).toEqual(
      expect.arrayContaining([
        { id: moved, text: 'travels', from: 'need', to: 'there' },
        { id: both, text: 'new words', from: 'need', to: 'who' },
      ]),
    );
    expect(diff.moved).toHaveLength(2);
    expect(diffRecords(b, b)).toEqual({ added: [], removed: [], edited: [], moved: [] });
  });
});

describe('escapeMarkdown', () => {
  it.each([
    ['<script>alert(1)</script>', '&lt;script&gt;alert\\(1\\)&lt;/script&gt;'],
    ['# Heading', '\\# Heading'],
    ['**bold** and _em_', '\\*\\*bold\\*\\* and \\_em\\_'],
    ['[click](http://evil)', '\\[click\\]\\(http://evil\\)'],
    ['![img](x.png)', '\\!\\[img\\]\\(x.png\\)'],
    ['a | b `code` \\', 'a \\| b \\`code\\` \\\\'],
    ['- not a list', '\\- not a list'],
    ['+ nor this', '\\+ nor this'],
    ['1. nor this', '1\\. nor this'],
    ['=HYPERLINK("http://evil","x")', '\\=HYPERLINK\\("http://evil","x"\\)'],
    ['@SUM(A1:A9)', '\\@SUM\\(A1:A9\\)'],
    ['-2+3', '\\-2+3'],
    ['](javascript:alert(1))', '\\]\\(javascript:alert\\(1\\)\\)'],
    ['| pipe |', '\\| pipe \\|'],
    ['line one\n# line two\r\n---', 'line one \\# line two ---'],
    ['> quote', '&gt; quote'],
    ['Tom & Jerry', 'Tom &amp; Jerry'],
    ['line one\n\n## two\r\n- three', 'line one \\#\\# two - three'],
  ])('%j renders as inert text', (input, expected) => {
    expect(escapeMarkdown(input)).toBe(expected);
  });
});

describe('recordToMarkdown and diffToMarkdown', () => {
  it('writes title, date, a heading per zone and a bullet per note, all escaped', () => {
    const record: BoardRecord = {
      ...header,
      title: 'St # Mark’s',
      zones: [
        { key: 'who', title: 'Who are we?', prompt: 'Our people', notes: [{ id: 'n1', text: '<script>x</script>', color: '#fff176', author: 'Ann *', createdAt: 1 }] },
        { key: 'need', title: "What's the need?", prompt: 'Needs', notes: [] },
        { key: 'there', title: "Who's already there?", prompt: 'Others', notes: [{ id: 'n2', text: 'two\nlines', color: '#fff176', author: 'Ben', createdAt: 2 }] },
      ],
    };
    const markdown = recordToMarkdown(record);
    expect(markdown).toContain('# St \\# Mark’s\n');
    expect(markdown).toContain('**First meeting** — 2025-03-12 19:30 UTC');
    expect(markdown).toContain("## Who are we?\n\n*Our people*\n\n- &lt;script&gt;x&lt;/script&gt; — Ann \\*");
    expect(markdown).toContain("## What's the need?\n\n*Needs*\n\n*(no notes)*");
    expect(markdown).toContain('- two lines — Ben');
    expect(markdown).not.toContain('<script>');
  });

  it('writes a section per kind of change', () => {
    const diff = {
      added: [{ id: 'a', zone: 'who' as const, text: '[x](y)', author: 'Ann', color: '#fff176' }],
      removed: [],
      edited: [{ id: 'e', zone: 'need' as const, before: 'old', after: '<b>new</b>' }],
      moved: [{ id: 'm', text: 'walks', from: 'need' as const, to: 'there' as const }],
    };
    const markdown = diffToMarkdown(diff, { from: header, to: { ...header, label: 'Second' } });
    expect(markdown).toContain('## Added (1)\n\n- \\[x\\]\\(y\\) — Ann (Who are we?)');
    expect(markdown).not.toContain('## Removed');
    expect(markdown).toContain("## Edited (1)\n\n- old → &lt;b&gt;new&lt;/b&gt; (What's the need?)");
    expect(markdown).toContain("## Moved (1)\n\n- walks: What's the need? → Who's already there?");
    const empty = diffToMarkdown({ added: [], removed: [], edited: [], moved: [] }, { from: header, to: header });
    expect(empty).toContain('No changes.');
  });
});

describe('decodeBoardState and restoreBoard', () => {
  it('refuses bytes that are not a board', () => {
    const foreign = new Y.Doc();
    foreign.getText('content').insert(0, 'some other app');
    const cases = [
      new TextEncoder().encode('this is not a yjs update'),
      new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8, 9]),
      Y.encodeStateAsUpdate(new Y.Doc()),
      Y.encodeStateAsUpdate(foreign),
    ];
    for (const bytes of cases) expect(() => decodeBoardState(bytes, STORAGE_ORIGIN)).toThrow(InvalidBoardStateError);
    const good = createBoardDoc('Fine', STORAGE_ORIGIN);
    expect(decodeBoardState(Y.encodeStateAsUpdate(good), STORAGE_ORIGIN).getMap(Root.Meta).get('title')).toBe('Fine');
  });

  it('makes the target equal the source as a change on top, keeping ids', () => {
    const live = board();
    const kept = place(live, 'who', 30, 200, 'hello world');
    const deleted = place(live, 'need', 30, 200, 'will be deleted');
    live.setZonePrompt('who', 'Prompt then');
    const saved = Y.encodeStateAsUpdate(live.doc);
    const before = toRecord(live.doc, header);

    live.setNoteText(kept, 'hello brave new world');
    live.setNoteZone(kept, 'there');
    live.deleteNote(deleted);
    place(live, 'there', 30, 600, 'added later');
    live.setTitle('Renamed');
    live.setZonePrompt('who', 'Prompt now');
    live.setZonePrompt('need', 'Another');

    const source = decodeBoardState(saved, STORAGE_ORIGIN);
    const count = restoreBoard(live.doc, source, 'restore');
    expect(count).toBe(2);
    expect(toRecord(live.doc, header)).toEqual(before);
    expect(live.getNote(kept)).toMatchObject({ zone: 'who', text: 'hello world' });
    expect(live.getNote(deleted)?.text).toBe('will be deleted');
    expect(live.getSnapshot().meta.prompts.need).toBe(before.zones[1]?.prompt);
  });
});

describe('a board whose meta a client broke', () => {
  /** A board with one valid note, whose meta is then written as `write` says (as any edit key could). */
  function tampered(write: (meta: Y.Map<unknown>) => void): Y.Doc {
    const model = board();
    place(model, 'who', 30, 200, 'still here');
    model.doc.transact(() => write(model.doc.getMap(Root.Meta)), 'remote');
    return model.doc;
  }

  const cases: Array<[string, (meta: Y.Map<unknown>) => void, { title: string; who?: string }]> = [
    ['schemaVersion 99', (meta) => meta.set('schemaVersion', 99), { title: 'Riverside' }],
    ['schemaVersion -1', (meta) => meta.set('schemaVersion', -1), { title: 'Riverside' }],
    ['schemaVersion 1.5', (meta) => meta.set('schemaVersion', 1.5), { title: 'Riverside' }],
    ["schemaVersion 'x'", (meta) => meta.set('schemaVersion', 'x'), { title: 'Riverside' }],
    ['schemaVersion missing', (meta) => meta.delete('schemaVersion'), { title: 'Riverside' }],
    ['a 200,000-character title', (meta) => meta.set('title', 'T'.repeat(200_000)), { title: 'T'.repeat(120) }],
    ['a title that is a number', (meta) => meta.set('title', 42), { title: 'Untitled board' }],
    ['a blank title', (meta) => meta.set('title', '   '), { title: 'Untitled board' }],
    ['no title', (meta) => meta.delete('title'), { title: 'Untitled board' }],
    ['prompts not a map', (meta) => meta.set('prompts', 'who: anything'), { title: 'Riverside' }],
    [
      'prompt values not strings, unknown zones and a 5,000-character prompt',
      (meta) => {
        const prompts = new Y.Map<unknown>();
        meta.set('prompts', prompts);
        prompts.set('who', 'p'.repeat(5000));
        prompts.set('need', 7);
        prompts.set('elsewhere', 'not a zone');
      },
      { title: 'Riverside', who: 'p'.repeat(300) },
    ],
  ];

  it.each(cases)('with %s: decodes to a current-format board, records and restores', (_name, write, expected) => {
    const doc = tampered(write);
    const source = decodeBoardState(Y.encodeStateAsUpdate(doc), STORAGE_ORIGIN);
    const meta = source.getMap(Root.Meta);
    expect(meta.get('schemaVersion')).toBe(CURRENT_SCHEMA_VERSION);
    expect(meta.get('title')).toBe(expected.title);
    const record = toRecord(source, header);
    expect(record.title).toBe(expected.title);
    expect(record.zones[0]?.prompt).toBe(expected.who ?? DEFAULT_PROMPTS.who);
    expect(record.zones[1]?.prompt).toBe(DEFAULT_PROMPTS.need);
    expect(recordNoteCount(record)).toBe(1);
    const prompts = meta.get('prompts');
    if (prompts instanceof Y.Map) expect([...prompts.keys()].every((key) => ['who', 'need', 'there'].includes(key))).toBe(true);
    else expect(prompts).toBeUndefined();

    // Restoring onto the (still broken) board makes it a sound board with the record's content.
    restoreBoard(doc, source, 'restore');
    expect(doc.getMap(Root.Meta).get('schemaVersion')).toBe(CURRENT_SCHEMA_VERSION);
    expect(toRecord(doc, header)).toEqual(record);
    // A second decoding of the stored result changes nothing: normalising is idempotent.
    const again = decodeBoardState(Y.encodeStateAsUpdate(source), STORAGE_ORIGIN);
    expect(Y.encodeStateVector(again)).toEqual(Y.encodeStateVector(source));
  });

  it('derives a record with a clipped title and prompts straight from a broken live board', () => {
    const doc = tampered((meta) => {
      meta.set('title', '😀'.repeat(100));
      const prompts = new Y.Map<unknown>();
      meta.set('prompts', prompts);
      prompts.set('need', 'n'.repeat(1000));
    });
    const record = toRecord(doc, header);
    // 120 UTF-16 units hold 60 emoji; the cut never leaves half of one.
    expect(record.title).toBe('😀'.repeat(60));
    expect(record.zones[1]?.prompt).toHaveLength(300);
  });

  it('clipText never splits a surrogate pair', () => {
    expect(clipText('ab😀', 3)).toBe('ab');
    expect(clipText('ab😀', 4)).toBe('ab😀');
    expect(clipText('abc', 10)).toBe('abc');
  });
});

describe('decodeBoardState with structs it cannot integrate', () => {
  it('reads what was integrated and leaves out the changes whose dependencies are missing', () => {
    const origin = board();
    place(origin, 'who', 30, 200, 'integrated');
    const base = Y.encodeStateAsUpdate(origin.doc);
    // Another client edits twice; only its second edit (which needs the first) reaches the saver.
    const other = new BoardModel(new Y.Doc());
    Y.applyUpdate(other.doc, base);
    const updates: Uint8Array[] = [];
    other.doc.on('update', (update: Uint8Array) => updates.push(update));
    const late = place(other, 'need', 30, 200, 'first');
    other.setNoteText(late, 'first, then more');
    const saver = new Y.Doc();
    Y.applyUpdate(saver, base);
    Y.applyUpdate(saver, updates[1]!);
    expect(saver.store.pendingStructs).not.toBeNull();

    const source = decodeBoardState(Y.encodeStateAsUpdate(saver), STORAGE_ORIGIN);
    const record = toRecord(source, header);
    expect(record.zones.flatMap((zone) => zone.notes.map((note) => note.text))).toEqual(['integrated']);
    const target = board();
    expect(restoreBoard(target.doc, source, 'restore')).toBe(1);
  });
});
