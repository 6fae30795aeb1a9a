import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { NoteView } from '../../shared/board/note';
import type { Zone } from '../../shared/board/zones';
import { placeLinkLabels } from '../../client/canvas/linkLabels';
import type { Connector } from '../../client/canvas/linkGeometry';
import { MAX_NOTE_FONT, MIN_NOTE_FONT, fitFontSize, layoutText, maxLinesAt, noteTextBox } from '../../client/canvas/noteText';
import { intersects } from '../../client/canvas/viewport';
import {
  invalidateTextLayout,
  noteFitSize,
  noteFontSize,
  noteLayout,
  subscribeTextLayout,
  textLayoutVersion,
  zoneFontSize,
  zoneFontSizes,
} from '../../client/canvas/zoneFonts';

/**
 * A proportional stand-in for canvas measureText (node has no canvas): wide capitals, narrow i/l,
 * wide CJK. Layout must only ever rely on what the measure says.
 */
function measure(text: string, fontSize: number): number {
  let em = 0;
  for (const char of text) {
    if (/[MW@]/.test(char)) em += 0.85;
    else if (/[A-Z]/.test(char)) em += 0.68;
    else if (/[il.,' ]/.test(char)) em += 0.28;
    else if (/[\u3000-\u9fff\uac00-\ud7af]/.test(char)) em += 1;
    else em += 0.52;
  }
  return em * fontSize;
}

/** Everything but whitespace, in order: what a reader must find in the lines. */
function ink(text: string): string {
  return text.replace(/\s+/g, '');
}

function note(id: string, zone: Zone, text: string, w = 220, h = 160): NoteView {
  return { id, zone, text, x: 0, y: 0, w, h, color: '#fff176', author: 'A', createdAt: 0, votes: 0 };
}

describe('layoutText (measured wrapping)', () => {
  const box = noteTextBox({ w: 220, h: 160 });

  it('keeps every word of the notes from the issue, at a size where they fit', () => {
    for (const text of ['Mosque ESL classes', 'Grace Church nursery volunteers']) {
      const size = fitFontSize(text, 220, 160, measure);
      const layout = layoutText(text, box, size, measure);
      expect(layout.overflow).toBe(false);
      expect(layout.lines.join(' ')).toBe(text);
      for (const line of layout.lines) expect(measure(line, size)).toBeLessThanOrEqual(box.width);
      expect(layout.lines.length * layout.lineHeight).toBeLessThanOrEqual(box.height);
    }
  });

  it('breaks at spaces, keeps paragraphs, and breaks a word only when it cannot fit a line alone', () => {
    const layout = layoutText('a Neighbourhoodtransportationaccessibility\nend', { width: 120, height: 400 }, 20, measure);
    expect(layout.overflow).toBe(false);
    expect(layout.lines[0]).toBe('a');
    expect(layout.lines.at(-1)).toBe('end');
    expect(ink(layout.lines.join(''))).toBe(ink('a Neighbourhoodtransportationaccessibility end'));
    for (const line of layout.lines) expect(measure(line, 20)).toBeLessThanOrEqual(120);
  });

  it('reports overflow instead of cutting a word or adding an ellipsis', () => {
    const text = 'word '.repeat(200).trim();
    const layout = layoutText(text, box, MIN_NOTE_FONT, measure);
    expect(layout.overflow).toBe(true);
    expect(layout.lines.length).toBe(maxLinesAt(box, MIN_NOTE_FONT));
    for (const line of layout.lines) expect(line.split(' ').every((word) => word === 'word')).toBe(true);
    expect(layout.lines.join(' ')).not.toContain('…');
  });

  it('does not count trailing blank lines as more text', () => {
    expect(layoutText('one\n\n\n\n\n\n\n\n\n\n', { width: 100, height: 20 }, 12, measure)).toMatchObject({ lines: ['one'], overflow: false });
  });

  it('every word appears in the lines in order, or the note says it holds more (property)', () => {
    const word = fc.oneof(
      fc.constantFrom('Mosque', 'ESL', 'classes', 'Grace', 'Church', 'nursery', 'volunteers', 'a', 'WWWWWWWWWWWWWWWWWWWW', 'مسجد', '教会', '🙂👍🏽'),
      fc.string({ minLength: 1, maxLength: 30 }).map((s) => s.replace(/\s/g, 'x')),
    );
    const text = fc.array(fc.tuple(word, fc.constantFrom(' ', ' ', '  ', '\n')), { maxLength: 60 }).map((parts) => parts.map(([w, s]) => w + s).join(''));
    fc.assert(
      fc.property(text, fc.integer({ min: 80, max: 600 }), fc.integer({ min: 80, max: 600 }), fc.integer({ min: MIN_NOTE_FONT, max: MAX_NOTE_FONT }), (t, w, h, size) => {
        const box = noteTextBox({ w, h });
        const layout = layoutText(t, box, size, measure);
        const shown = ink(layout.lines.join(''));
        if (layout.overflow) expect(ink(t).startsWith(shown)).toBe(true);
        else expect(shown).toBe(ink(t));
        expect(layout.lines.length).toBeLessThanOrEqual(maxLinesAt(box, size));
        // A line is wider than the box only when it is a single character that is wider on its own.
        for (const line of layout.lines) {
          if ([...new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(line)].length > 1) {
            expect(measure(line, size)).toBeLessThanOrEqual(box.width);
          }
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('fitFontSize (measured)', () => {
  it('is the largest size that fits: one size more does not', () => {
    for (const text of ['Hi', 'Mosque ESL classes', 'Grace Church nursery volunteers', 'word '.repeat(30)]) {
      const size = fitFontSize(text, 220, 160, measure);
      expect(layoutText(text, noteTextBox({ w: 220, h: 160 }), size, measure).overflow).toBe(false);
      if (size < MAX_NOTE_FONT) expect(layoutText(text, noteTextBox({ w: 220, h: 160 }), size + 1, measure).overflow).toBe(true);
    }
  });

  it('gives the minimum legible size to text that does not fit at all', () => {
    expect(fitFontSize('word '.repeat(400), 220, 160, measure)).toBe(MIN_NOTE_FONT);
  });
});

describe('zone font sizes', () => {
  it('one size per zone: the largest at which every note of the zone fits, never below the minimum', () => {
    const who = [note('a', 'who', 'Hi'), note('b', 'who', 'Grace Church nursery volunteers'), note('c', 'who', 'Mosque ESL classes')];
    const need = [note('d', 'need', 'word '.repeat(400))];
    const notes = [...who, ...need];
    const sizes = zoneFontSizes(notes);
    expect(sizes.who).toBe(Math.min(...who.map(noteFitSize)));
    for (const n of who) expect(noteLayout(n, sizes.who).overflow).toBe(false);
    expect(sizes.need).toBe(MIN_NOTE_FONT);
    expect(noteLayout(need[0]!, sizes.need).overflow).toBe(true);
    expect(sizes.there).toBe(MAX_NOTE_FONT);
    expect(zoneFontSize(notes, 'who')).toBe(sizes.who);
    // The same notes array gives the same answer without another pass.
    expect(zoneFontSizes(notes)).toBe(sizes);
  });

  it('a changed note changes its zone\'s size, the others keep theirs', () => {
    const notes = Array.from({ length: 50 }, (_, i) => note(`n${i}`, 'who', `Soup kitchen ${i}`));
    zoneFontSizes(notes);
    const layoutsBefore = notes.map((n) => noteFitSize(n));
    const changed = { ...notes[3]!, text: 'Soup kitchen 3 on Fridays and Saturdays at St Mark' };
    const next = notes.map((n, i) => (i === 3 ? changed : n));
    const sizes = zoneFontSizes(next);
    expect(sizes.who).toBe(Math.min(...layoutsBefore.filter((_, i) => i !== 3), noteFitSize(changed)));
  });

  it('a note marked large has its own, larger size and does not shrink its zone', () => {
    const title = { ...note('t', 'need', 'Food'), large: true as const };
    const long = note('l', 'need', 'Families on Mill Street asked for help with the rent this winter');
    const sizes = zoneFontSizes([title, long]);
    expect(sizes.need).toBe(noteFitSize(long));
    expect(noteFontSize(title, sizes)).toBe(noteFitSize(title));
    expect(noteFitSize(title)).toBeGreaterThan(MAX_NOTE_FONT);
    expect(noteFontSize(long, sizes)).toBe(sizes.need);
  });

  it('invalidateTextLayout drops measurements and tells subscribers to relayout', () => {
    const before = textLayoutVersion();
    let told = 0;
    const stop = subscribeTextLayout(() => told++);
    const n = note('x', 'there', 'Library homework club');
    const layout = noteLayout(n, 20);
    invalidateTextLayout();
    stop();
    expect(told).toBe(1);
    expect(textLayoutVersion()).toBe(before + 1);
    expect(noteLayout(n, 20)).not.toBe(layout);
    expect(noteLayout(n, 20)).toEqual(layout);
  });
});

describe('placeLinkLabels', () => {
  const connector = (id: string, x1: number, y1: number, x2: number, y2: number): Connector => ({
    id,
    kind: 'served-by',
    from: 'a',
    to: 'b',
    start: { x: x1, y: y1 },
    end: { x: x2, y: y2 },
  });

  it('puts labels beside the line where they cover no note, and none where there is no room', () => {
    const notes = [
      { x: 0, y: 0, w: 220, h: 160 },
      { x: 600, y: 0, w: 220, h: 160 },
      // A note sitting on the middle of the first connector.
      { x: 330, y: 40, w: 160, h: 80 },
    ];
    const near = (area: { x: number; y: number; w: number; h: number }) => notes.filter((n) => intersects(n, area));
    const open = connector('open', 220, 80, 600, 80);
    const cramped = connector('cramped', 220, 150, 230, 150);
    const labels = placeLinkLabels([open, cramped], () => 'served by', near, 1, measure);
    const placed = labels.get('open');
    expect(placed).toBeTruthy();
    for (const n of notes) expect(intersects(placed!, n)).toBe(false);
    // Beside the line, not over it: the line stays visible under no label.
    expect(placed!.y + placed!.h <= 80 || placed!.y >= 80).toBe(true);
    expect(labels.get('cramped')).toBeNull();
  });
});
