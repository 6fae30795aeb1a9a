import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { BoardModel } from '../../shared/board/model';
import { toRecord, type BoardRecord } from '../../shared/board/record';
import { BOARD_HEIGHT, BOARD_WIDTH, zoneRect } from '../../shared/board/zones';
import { EXPORT_MARGIN, boardBounds, exportPixelRatio } from '../../client/export/bounds';
import { exportFileName, localDate, slugify } from '../../client/export/fileName';
import { bidiClassOf, visualOrder } from '../../client/export/pdfBidi';
import { parseUnicodeRange, slicesFor } from '../../client/export/pdfFonts';
import { isLatin1, participantsOf, pdfSafeText, recordPdfBlocks } from '../../client/export/pdfLayout';
import { changeBadge, compareMarks, createComparer, diffCounts } from '../../client/records/compare';
import { closeRecordModel, openRecordModel } from '../../client/records/recordModel';

describe('export file names', () => {
  it.each([
    ['Riverside discernment', 'riverside-discernment'],
    ['  Église Saint-Jean — Réunion #2 ', 'eglise-saint-jean-reunion-2'],
    ['../../etc/passwd', 'etc-passwd'],
    ['C:\\boards\\a:b', 'c-boards-a-b'],
    ['🙏🙏', 'board'],
    ['', 'board'],
  ])('slugify(%j) is %j', (title, slug) => {
    expect(slugify(title)).toBe(slug);
  });

  it('keeps long titles to a readable length without a trailing dash', () => {
    const slug = slugify('word '.repeat(40));
    expect(slug.length).toBeLessThanOrEqual(60);
    expect(slug).not.toMatch(/^-|-$/);
  });

  it('names the file after the title and the local day', () => {
    const at = new Date(2026, 10, 25, 23, 30).getTime();
    expect(localDate(at)).toBe('2026-11-25');
    expect(exportFileName('Riverside discernment', at, 'png')).toBe('riverside-discernment-2026-11-25.png');
    expect(exportFileName('Riverside discernment', at, 'md')).toBe('riverside-discernment-2026-11-25.md');
  });
});

describe('whole-board export area', () => {
  it('is the three zones with a margin when every note is on them', () => {
    const inside = { x: 100, y: 300, w: 220, h: 160 };
    expect(boardBounds([inside])).toEqual({
      x: -EXPORT_MARGIN,
      y: -EXPORT_MARGIN,
      w: BOARD_WIDTH + 2 * EXPORT_MARGIN,
      h: BOARD_HEIGHT + 2 * EXPORT_MARGIN,
    });
  });

  it('grows to take in notes dragged off the zones', () => {
    const area = boardBounds([{ x: -500, y: 2000, w: 200, h: 100 }], 0);
    expect(area).toEqual({ x: -500, y: 0, w: zoneRect('there').x + zoneRect('there').w + 500, h: 2100 });
  });

  it('exports at 2× unless the canvas would be too large for a browser', () => {
    expect(exportPixelRatio(boardBounds([]))).toBe(2);
    const huge = { x: 0, y: 0, w: 40_000, h: 3000 };
    const ratio = exportPixelRatio(huge);
    expect(ratio).toBeLessThan(2);
    expect(huge.w * ratio).toBeLessThanOrEqual(16_000);
  });
});

const record: BoardRecord = {
  id: 's1',
  label: 'Meeting 1',
  createdAt: Date.UTC(2026, 10, 25, 18, 0),
  title: 'Riverside “discernment”',
  zones: [
    {
      key: 'who',
      title: 'Who are we?',
      prompt: 'Our people',
      notes: [
        { id: 'a', text: 'Retired teachers\nand nurses', color: '#fff176', author: 'Ben', createdAt: 1 },
        { id: 'b', text: 'Youth group 🎸', color: '#fff176', author: 'Ana', createdAt: 2 },
      ],
    },
    { key: 'need', title: "What's the need?", prompt: '', notes: [] },
    { key: 'there', title: "Who's already there?", prompt: 'Others', notes: [{ id: 'c', text: '', color: '#fff176', author: 'Ben', createdAt: 3 }] },
  ],
};

describe('PDF text of a record', () => {
  it('lists each participant once, in alphabetical order', () => {
    expect(participantsOf(record)).toEqual(['Ana', 'Ben']);
  });

  it.each([
    ['line\nbreaks', 'line breaks'],
    ['“quoted” — dash…', '“quoted” — dash…'],
    ['café', 'café'],
    ['emoji 🙏 and 中文', 'emoji 🙏 and 中文'],
    ['Vie\u0323\u0302t', 'Việt'],
    ['\u202bالجيران\u202c', 'الجيران'],
  ])('pdfSafeText(%j) is %j', (input, output) => {
    expect(pdfSafeText(input)).toBe(output);
  });

  it('has the title, date, participants, then each zone heading with its notes in order', () => {
    const blocks = recordPdfBlocks(record, '2026-11-25 18:00 UTC');
    expect(blocks).toEqual([
      { kind: 'title', text: 'Riverside “discernment”' },
      { kind: 'meta', text: 'Meeting 1 - 2026-11-25 18:00 UTC' },
      { kind: 'meta', text: 'Participants: Ana, Ben' },
      { kind: 'heading', text: 'Who are we?' },
      { kind: 'prompt', text: 'Our people' },
      { kind: 'note', text: 'Retired teachers and nurses - Ben' },
      { kind: 'note', text: 'Youth group 🎸 - Ana' },
      { kind: 'heading', text: "What's the need?" },
      { kind: 'empty', text: '(no notes)' },
      { kind: 'heading', text: "Who's already there?" },
      { kind: 'prompt', text: 'Others' },
      { kind: 'note', text: '(empty note) - Ben' },
    ]);
  });
  it('adds who typed a note in, dot totals, the links table and the votes', () => {
    const model = new BoardModel(new Y.Doc());
    const need = model.addNote({ zone: 'need', author: 'Sam', addedBy: 'Lee', text: 'After-school care' });
    const there = model.addNote({ zone: 'there', author: 'Lee', text: 'Library homework club' });
    const who = model.addNote({ zone: 'who', author: 'Ana', text: 'Retired teachers' });
    model.addLink(need, there);
    model.addLink(who, need);
    model.startVote(3);
    model.castVote(need, 'v1');
    model.castVote(need, 'v2');
    model.revealVotes();
    const blocks = recordPdfBlocks(toRecord(model.doc, { id: 'r', label: 'L', createdAt: 0 }), 'today');
    const texts = blocks.map((block) => block.text);
    expect(texts).toContain('After-school care - Sam (added by Lee) - 2 dots');
    expect(texts).toContain('Need - already served by / could partner with');
    expect(texts).toContain('After-school care - Already served by: Library homework club - Could partner with: Retired teachers');
    expect(texts.slice(texts.indexOf('Votes'))).toEqual(['Votes', "2 dots: After-school care (What's the need?)"]);
  });
});

describe('PDF text in every script', () => {
  it('keeps Helvetica for Latin-1 text only', () => {
    expect(isLatin1('Café - Ana')).toBe(true);
    expect(isLatin1('Соседи')).toBe(false);
    expect(isLatin1('“us”')).toBe(false);
  });

  /** Letters as pieces; the visual order read back as a string. */
  const visual = (text: string) => visualOrder([...text].map((char) => ({ bidi: bidiClassOf(char), char }))).map(({ piece }) => piece.char).join('');
  it.each([
    ['abc - def', 'abc - def'],
    ['אבג - Ana', 'גבא - Ana'],
    ['Ana - אבג דה', 'Ana - הד גבא'],
    ['אב - גד', 'דג - בא'],
    ['אב 12', '21 בא'],
  ])('puts %j in visual order as %j', (logical, shown) => {
    expect(visual(logical)).toBe(shown);
  });

  it('loads only the font slices a record uses, by script', () => {
    expect(parseUnicodeRange('U+0600-06FF,U+200C')).toEqual([[0x600, 0x6ff], [0x200c, 0x200c]]);
    const families = (text: string, bold = false) => [...new Set(slicesFor([{ text, bold }]).map((slice) => `${slice.family.key}@${slice.weight}`))].sort();
    expect(families('Соседи')).toEqual(['NotoSans@400']);
    expect(families('Соседи', true)).toEqual(['NotoSans@400', 'NotoSans@700']);
    expect(families('الجيران المسنون')).toEqual(['NotoSans@400', 'NotoSansArabic@400']);
    expect(families('社区厨房')).toEqual(['NotoSansSC@400']);
    expect(families('방과후 돌봄')).toEqual(['NotoSans@400', 'NotoSansKR@400']);
    expect(families('🍲')).toEqual(['NotoColorEmoji@400']);
    // A few slices of Noto Sans SC, not all hundred of them.
    expect(slicesFor([{ text: '社区厨房', bold: false }]).length).toBeLessThanOrEqual(4);
  });
});

/** A board after a meeting, saved as its Yjs state like the server's snapshot. */
function savedBoard(): { state: Uint8Array; ids: Record<string, string> } {
  const model = new BoardModel(new Y.Doc());
  const ids = {
    kept: model.addNote({ zone: 'who', author: 'Ana', text: 'Kept', x: 40, y: 300 }),
    edited: model.addNote({ zone: 'who', author: 'Ana', text: 'Before', x: 300, y: 300 }),
    moved: model.addNote({ zone: 'who', author: 'Ben', text: 'Wanders', x: 40, y: 600 }),
    removed: model.addNote({ zone: 'need', author: 'Ben', text: 'Gone later', x: 1100, y: 300 }),
  };
  return { state: Y.encodeStateAsUpdate(model.doc), ids };
}

describe('comparing a saved record with the board now', () => {
  it('opens the saved state read-only as a board of its own', () => {
    const { state, ids } = savedBoard();
    const opened = openRecordModel(state);
    expect(opened.getSnapshot().notes.map((note) => note.id).sort()).toEqual(Object.values(ids).sort());
    closeRecordModel(opened);
  });

  it('refuses a state that is not a Yjs update', () => {
    expect(() => openRecordModel(new Uint8Array([1, 2, 3, 250, 250]))).toThrow(/cannot be read/);
  });

  it('marks added, removed (with their old place), edited and moved notes', () => {
    const { state, ids } = savedBoard();
    const then = openRecordModel(state);
    const now = openRecordModel(state);
    now.setNoteText(ids.edited!, 'After');
    now.setNoteZone(ids.moved!, 'there');
    now.setNoteText(ids.moved!, 'Wandered');
    now.deleteNote(ids.removed!);
    const added = now.addNote({ zone: 'need', author: 'Cy', text: 'New' });

    const compare = createComparer();
    const from = { model: then, header: { id: 's1', label: 'Meeting 1', createdAt: 1 } };
    const to = { model: now, header: { id: 'live', label: 'Live board', createdAt: 2 } };
    const { diff, marks } = compare(from, to);
    expect(diffCounts(diff)).toBe('1 added, 1 removed, 2 edited, 1 moved');
    expect([...marks.added]).toEqual([added]);
    expect(marks.removed.map((note) => [note.id, note.x, note.y])).toEqual([[ids.removed, 1100, 300]]);
    expect(Object.fromEntries(marks.changed)).toEqual({
      [ids.edited!]: { edited: true, moved: false },
      [ids.moved!]: { edited: true, moved: true },
    });
    expect(changeBadge({ edited: true, moved: true })).toBe('edited · moved');
    expect(changeBadge({ edited: false, moved: true })).toBe('moved');

    // Asked again with nothing changed, the same result comes back; a live edit makes a new one.
    expect(compare(from, to).diff).toBe(diff);
    now.setNoteText(ids.kept!, 'Kept, edited');
    expect(diffCounts(compare(from, to).diff)).toBe('1 added, 1 removed, 3 edited, 1 moved');
    closeRecordModel(then);
    closeRecordModel(now);
  });

  it('shows nothing changed for a board compared with itself', () => {
    const { state } = savedBoard();
    const model = openRecordModel(state);
    const side = { model, header: { id: 'x', label: 'x', createdAt: 0 } };
    const { diff, marks } = createComparer()(side, side);
    expect(diffCounts(diff)).toBe('0 added, 0 removed, 0 edited, 0 moved');
    expect(marks.removed).toEqual([]);
    expect(compareMarks(diff, model.getSnapshot().notes).changed.size).toBe(0);
  });
});
