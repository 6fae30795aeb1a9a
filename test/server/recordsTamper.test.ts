import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { BoardModel, CURRENT_SCHEMA_VERSION, DEFAULT_PROMPTS, toRecord, type BoardRecord, type Zone } from '../../shared/board';
import type { StoredRecord } from '../../server/storage/storage';
import { startServer, synced, type CreatedBoard, type TestServer } from '../helpers/server';
import { waitFor } from '../helpers/waitFor';

/**
 * Records are tamper-proof (issue 8, part 5): whatever an edit key wrote into a board, saving a
 * record answers 201 and that record restores (200) and forks (201) into a board a stock client reads.
 * The hostile state is written straight into storage before any client connects, as the socket
 * path refuses it.
 */

let server: TestServer;
beforeEach(async () => {
  server = await startServer();
});
afterEach(async () => server.close());

function call(method: 'GET' | 'POST', url: string, key: string, payload?: object) {
  return server.app.inject({ method, url, headers: { authorization: `Bearer ${key}` }, ...(payload ? { payload } : {}) });
}

/** Applies `write` to the board as stored, and stores what it changed as one more update. */
async function tamper(boardId: string, write: (doc: Y.Doc) => void): Promise<void> {
  const doc = new Y.Doc();
  for (const { update } of await server.app.storage.updates.load(boardId)) Y.applyUpdate(doc, update);
  const before = Y.encodeStateVector(doc);
  doc.transact(() => write(doc));
  await server.app.storage.updates.append(boardId, [Y.encodeStateAsUpdate(doc, before)]);
  doc.destroy();
}

/** A note written the way the format's example does, with plain Yjs. */
function writeNote(doc: Y.Doc, id: string, zone: Zone, text: string, y = 300): void {
  const note = new Y.Map<unknown>();
  note.set('zone', zone);
  note.set('text', new Y.Text(text));
  note.set('x', { who: 100, need: 1100, there: 2100 }[zone]);
  note.set('y', y);
  note.set('w', 220);
  note.set('h', 160);
  note.set('color', '#fff176');
  note.set('author', 'Sam');
  note.set('createdAt', 1_700_000_000_000);
  doc.getMap('notes').set(id, note);
}

/** A link as a stock client of the first contract writes it: from, to and kind only. */
function writeBareLink(doc: Y.Doc, id: string, from: string, to: string, kind: 'served-by' | 'can-serve'): void {
  const link = new Y.Map<unknown>();
  link.set('from', from);
  link.set('to', to);
  link.set('kind', kind);
  doc.getMap('links').set(id, link);
}

const NOTES = { who: 'note-who-aaaaaaaaaaaaaa', need: 'note-need-aaaaaaaaaaaaa', there: 'note-there-aaaaaaaaaaaa' } as const;
const TEXTS = { who: 'our choir', need: 'lonely elders', there: 'St Luke visiting team' } as const;

/** What every hostile board also holds: one valid note per zone, and two links with only from/to/kind. */
function writeBase(doc: Y.Doc): void {
  for (const zone of ['who', 'need', 'there'] as const) writeNote(doc, NOTES[zone], zone, TEXTS[zone]);
  writeBareLink(doc, 'link-can-serve-aaaaaaa', NOTES.who, NOTES.need, 'can-serve');
  writeBareLink(doc, 'link-served-by-aaaaaaa', NOTES.need, NOTES.there, 'served-by');
}

interface Hostile {
  name: string;
  write: (doc: Y.Doc) => void;
  title: string;
  prompts?: Partial<Record<Zone, string>>;
}

const meta = (doc: Y.Doc) => doc.getMap('meta');

const HOSTILE: Hostile[] = [
  {
    name: 'schemaVersion 99 and a 200,000-character title (the tester’s case)',
    write: (doc) => {
      meta(doc).set('schemaVersion', 99);
      meta(doc).set('title', 'T'.repeat(200_000));
    },
    title: 'T'.repeat(120),
  },
  { name: "schemaVersion 'x'", write: (doc) => meta(doc).set('schemaVersion', 'x'), title: 'Hostile' },
  { name: 'schemaVersion -1', write: (doc) => meta(doc).set('schemaVersion', -1), title: 'Hostile' },
  { name: 'schemaVersion missing', write: (doc) => meta(doc).delete('schemaVersion'), title: 'Hostile' },
  { name: 'a title that is not a string', write: (doc) => meta(doc).set('title', { evil: true }), title: 'Untitled board' },
  { name: 'prompts that are not a map', write: (doc) => meta(doc).set('prompts', ['who', 'x']), title: 'Hostile' },
  {
    name: 'prompt values not strings, too long, and under unknown zones',
    write: (doc) => {
      const prompts = new Y.Map<unknown>();
      meta(doc).set('prompts', prompts);
      prompts.set('who', 'w'.repeat(100_000));
      prompts.set('need', 12);
      prompts.set('there', 'Who serves here?');
      prompts.set('../etc', 'not a zone');
    },
    title: 'Hostile',
    prompts: { who: 'w'.repeat(300), there: 'Who serves here?' },
  },
  {
    name: 'notes that break the rules',
    write: (doc) => {
      const notes = doc.getMap('notes');
      notes.set('not-a-map', 'just a string');
      const broken: Array<[string, (note: Y.Map<unknown>) => void]> = [
        ['bad-zone', (note) => note.set('zone', 'elsewhere')],
        ['text-not-ytext', (note) => note.set('text', 'plain string')],
        ['nan-x', (note) => note.set('x', Number.NaN)],
        ['zero-width', (note) => note.set('w', 0)],
        ['bad-colour', (note) => note.set('color', 'url(javascript:alert(1))')],
        ['author-number', (note) => note.set('author', 42)],
        ['votes-not-map', (note) => note.set('votes', 'lots')],
      ];
      for (const [id, breakIt] of broken) {
        writeNote(doc, id, 'need', `broken ${id}`, 900);
        breakIt(notes.get(id) as Y.Map<unknown>);
      }
      // A link to a broken note is ignored with it.
      writeBareLink(doc, 'link-to-broken-aaaaaaa', NOTES.who, 'bad-zone', 'can-serve');
    },
    title: 'Hostile',
  },
];

/** The valid note `votes-not-map` is kept (a bad `votes` counts as no dots); the others are skipped. */
function expectedNotes(name: string): string[] {
  const texts = [TEXTS.who, TEXTS.need, TEXTS.there];
  return name === 'notes that break the rules' ? [...texts, 'broken votes-not-map'].sort() : texts.sort();
}

function expectRecord(record: BoardRecord, hostile: Hostile): void {
  expect(record.title).toBe(hostile.title);
  for (const zone of record.zones) expect(zone.prompt).toBe(hostile.prompts?.[zone.key] ?? DEFAULT_PROMPTS[zone.key]);
  expect(record.zones.flatMap((zone) => zone.notes.map((note) => note.text)).sort()).toEqual(expectedNotes(hostile.name));
  expect(record.links).toEqual({
    servedBy: [{ needId: NOTES.need, need: TEXTS.need, thereId: NOTES.there, there: TEXTS.there }],
    canServe: [{ whoId: NOTES.who, who: TEXTS.who, needId: NOTES.need, need: TEXTS.need }],
  });
}

/** Reads a board the way a stock y-websocket client does, and checks it is a sound board holding the record. */
async function expectClientReads(board: CreatedBoard, hostile: Hostile): Promise<void> {
  const provider = server.connect(board.id, board.keys.view);
  await synced(provider);
  const model = new BoardModel(provider.doc);
  const snapshot = model.getSnapshot();
  expect(snapshot.meta.schemaVersion).toBe(CURRENT_SCHEMA_VERSION);
  expect(snapshot.meta.title).toBe(hostile.title);
  expect(snapshot.notes.map((note) => note.text).sort()).toEqual(expectedNotes(hostile.name));
  expect(snapshot.links.map((link) => `${link.kind} ${link.from} ${link.to}`).sort()).toEqual([
    `can-serve ${NOTES.who} ${NOTES.need}`,
    `served-by ${NOTES.need} ${NOTES.there}`,
  ]);
  expectRecord(toRecord(provider.doc, { id: 'live', label: 'live', createdAt: 0 }), hostile);
  model.destroy();
  provider.destroy();
  await waitFor(() => expect(server.app.rooms.get(board.id)).toBeUndefined());
}

describe('a record of a board an edit key tampered with', () => {
  it.each(HOSTILE)('with $name: saves (201), reads, restores (200) and forks (201)', async (hostile) => {
    const board = await server.createBoard('Hostile');
    await tamper(board.id, (doc) => {
      writeBase(doc);
      hostile.write(doc);
    });
    const base = `/api/boards/${board.id}/snapshots`;

    const saved = await call('POST', base, board.keys.lead, { label: 'Tampered' });
    expect(saved.statusCode).toBe(201);
    const { id, noteCount } = saved.json() as { id: string; noteCount: number };
    expect(noteCount).toBe(expectedNotes(hostile.name).length);

    const json = await call('GET', `${base}/${id}`, board.keys.view);
    expect(json.statusCode).toBe(200);
    expectRecord(json.json() as BoardRecord, hostile);
    const markdown = await call('GET', `${base}/${id}?format=md`, board.keys.view);
    expect(markdown.statusCode).toBe(200);
    expect(markdown.body.split('\n')[0]).toBe(`# ${hostile.title}`);
    expect(markdown.body).toContain(`| ${TEXTS.need} | ${TEXTS.there} | ${TEXTS.who} |`);
    // The stored state is itself a current-format board.
    const stored = new Y.Doc();
    Y.applyUpdate(stored, new Uint8Array((await call('GET', `${base}/${id}?format=yjs`, board.keys.view)).rawPayload));
    expect(stored.getMap('meta').get('schemaVersion')).toBe(CURRENT_SCHEMA_VERSION);
    expect(stored.getMap('meta').get('title')).toBe(hostile.title);

    // Later edits, which the restore undoes: a note gone and the hostile meta written again.
    await tamper(board.id, (doc) => {
      doc.getMap('notes').delete(NOTES.there);
      meta(doc).set('schemaVersion', 99);
      meta(doc).set('title', 'X'.repeat(5000));
    });
    const restored = await call('POST', `${base}/${id}/restore`, board.keys.lead);
    expect(restored.statusCode).toBe(200);
    expect(restored.json()).toEqual({ restored: id, noteCount: expectedNotes(hostile.name).length });
    await expectClientReads(board, hostile);
    expect((await call('GET', `/api/boards/${board.id}`, board.keys.view)).json().title).toBe(hostile.title);

    const forked = await call('POST', `${base}/${id}/fork`, board.keys.lead);
    expect(forked.statusCode).toBe(201);
    const child = forked.json() as CreatedBoard;
    expect(child.title).toBe(hostile.title);
    await expectClientReads(child, hostile);
  });

  it('restores and forks a record stored before records were checked, with the bad state and record it was saved with', async () => {
    const board = await server.createBoard('Old');
    const doc = new Y.Doc();
    writeBase(doc);
    meta(doc).set('title', 'O'.repeat(200_000));
    meta(doc).set('schemaVersion', 99);
    // What the old code stored: the raw state, and a record with the whole title in it.
    const record = { ...toRecord(doc, { id: 'old-record-aaaaaaaaaaa', label: 'Old', createdAt: 1 }), title: 'O'.repeat(200_000) };
    const snapshot: StoredRecord = {
      id: 'old-record-aaaaaaaaaaa',
      boardId: board.id,
      label: 'Old',
      createdAt: 1,
      noteCount: 3,
      state: Y.encodeStateAsUpdate(doc),
      record: JSON.stringify(record),
    };
    await server.app.storage.records.create(snapshot, Infinity);
    const base = `/api/boards/${board.id}/snapshots/${snapshot.id}`;
    const hostile: Hostile = { name: 'old', write: () => undefined, title: 'O'.repeat(120) };

    const json = await call('GET', base, board.keys.view);
    expect(json.statusCode).toBe(200);
    expect((json.json() as BoardRecord).title).toBe('O'.repeat(120));
    expect((await call('GET', `${base}?format=md`, board.keys.view)).statusCode).toBe(200);
    expect((await call('GET', `${base}/diff/live`, board.keys.view)).statusCode).toBe(200);

    expect((await call('POST', `${base}/restore`, board.keys.lead)).statusCode).toBe(200);
    await expectClientReads(board, hostile);
    const forked = await call('POST', `${base}/fork`, board.keys.lead);
    expect(forked.statusCode).toBe(201);
    await expectClientReads(forked.json() as CreatedBoard, hostile);
  });
});

describe('Markdown and formula injection in records', () => {
  const HOSTILE_TEXTS = [
    '](javascript:alert(1))',
    '# heading',
    '| pipe | pipe |',
    '<script>alert(1)</script>',
    '=HYPERLINK("http://evil.example","click")',
    '+1+1',
    '-2+3',
    '@SUM(A1:A9)',
    'two\n## lines',
    '<!-- comment',
  ];

  it('escapes note text, authors, the title, prompts and the label so none of them becomes structure', async () => {
    const board = await server.createBoard('Inject');
    await tamper(board.id, (doc) => {
      HOSTILE_TEXTS.forEach((text, index) => {
        for (const zone of ['who', 'need', 'there'] as const) writeNote(doc, `${zone}-${index}`, zone, text, 200 + index * 200);
        (doc.getMap('notes').get(`who-${index}`) as Y.Map<unknown>).set('author', text);
      });
      for (const [index] of HOSTILE_TEXTS.entries()) writeBareLink(doc, `link-${index}`, `need-${index}`, `there-${index}`, 'served-by');
      meta(doc).set('title', '# =cmd|\' /C calc\'!A0');
      const prompts = new Y.Map<unknown>();
      meta(doc).set('prompts', prompts);
      prompts.set('who', '*](javascript:alert(1))');
    });
    const saved = await call('POST', `/api/boards/${board.id}/snapshots`, board.keys.lead, { label: '<script>x</script> | =1+1' });
    expect(saved.statusCode).toBe(201);
    const markdown = (await call('GET', `/api/boards/${board.id}/snapshots/${saved.json().id}?format=md`, board.keys.view)).body;

    expect(markdown).not.toMatch(/<script|<!--/);
    expect(markdown).not.toMatch(/(?<!\\)\]\(/);
    expect(markdown).toContain('\\]\\(javascript:alert\\(1\\)\\)');
    const lines = markdown.split('\n');
    // Headings are only the document's own: the title, the three zones, the links table.
    expect(lines.filter((line) => line.startsWith('#'))).toEqual([
      "# \\# =cmd\\|' /C calc'\\!A0",
      '## Who are we?',
      "## What's the need?",
      "## Who's already there?",
      "## What's the need? — already served by / could partner with",
    ]);
    expect(lines[2]).toMatch(/^\*\*&lt;script&gt;x&lt;/);
    // Every note is one bullet line.
    expect(lines.filter((line) => line.startsWith('- '))).toHaveLength(HOSTILE_TEXTS.length * 3);
    // Every table row has exactly its four cell borders, and no cell starts a formula.
    const rows = lines.filter((line) => line.startsWith('|'));
    expect(rows).toHaveLength(2 + HOSTILE_TEXTS.length);
    for (const row of rows.slice(2)) {
      expect(row.match(/(?<!\\)\|/g)).toHaveLength(4);
      for (const cell of row.split(/(?<!\\)\|/).slice(1, -1)) expect(cell.trim()).not.toMatch(/^[=+\-@]/);
    }
    // And no bullet's text starts a formula either (after the bullet marker).
    for (const line of lines.filter((l) => l.startsWith('- '))) expect(line.slice(2)).not.toMatch(/^[=+\-@]/);

    // The diff's Markdown escapes the same way: compare the record with an emptied board.
    await tamper(board.id, (doc) => {
      for (const id of [...doc.getMap('notes').keys()]) doc.getMap('notes').delete(id);
    });
    const diff = (await call('GET', `/api/boards/${board.id}/snapshots/${saved.json().id}/diff/live?format=md`, board.keys.view)).body;
    expect(diff).not.toMatch(/<script|<!--/);
    expect(diff).not.toMatch(/(?<!\\)\]\(/);
    const diffLines = diff.split('\n');
    expect(diffLines.filter((line) => line.startsWith('#'))).toEqual([
      "# \\# =cmd\\|' /C calc'\\!A0: what changed",
      `## Removed (${HOSTILE_TEXTS.length * 3})`,
    ]);
    expect(diffLines[2]).toMatch(/^From \*\*&lt;script&gt;x&lt;/);
    for (const line of diffLines.filter((l) => l.startsWith('- '))) expect(line.slice(2)).not.toMatch(/^[=+\-@]/);
  });
});
