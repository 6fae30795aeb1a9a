// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import type { NoteView } from '../../shared/board/note';
import { adjustCaret } from '../../client/canvas/caret';
import { noteAt, notesIn } from '../../client/canvas/hitTest';
import { cullRect, fitBoard, toBoard, toScreen, visibleBoardRect, zoomAt } from '../../client/canvas/viewport';
import { fitFontSize, MAX_NOTE_FONT, MIN_NOTE_FONT } from '../../client/canvas/noteText';

function note(id: string, x: number, y: number): NoteView {
  return { id, zone: 'who', text: '', x, y, w: 100, h: 100, color: '#fff176', author: 'A', createdAt: 0, votes: 0 } as NoteView;
}

describe('adjustCaret (remote edits while typing)', () => {
  it.each([
    ['insert before the caret shifts it', 'hello world', 'oh hello world', 6, 9],
    ['insert after the caret leaves it', 'hello world', 'hello world!', 5, 5],
    ['delete before the caret pulls it back', 'hello world', 'world', 8, 2],
    ['edit at the same spot keeps the caret before it', 'ab', 'aXb', 1, 1],
    ['caret inside a replaced span goes to its end', 'abcdef', 'aXYf', 3, 3],
  ])('%s', (_case, before, after, caret, expected) => {
    expect(adjustCaret(before, after, caret)).toBe(expected);
  });
});

describe('viewport maths', () => {
  it('round-trips board and screen points and zooms about the anchor', () => {
    const viewport = { x: 40, y: -20, scale: 0.5 };
    expect(toBoard(viewport, toScreen(viewport, { x: 123, y: 456 }))).toEqual({ x: 123, y: 456 });
    const zoomed = zoomAt(viewport, { x: 300, y: 200 }, 2);
    expect(toBoard(zoomed, { x: 300, y: 200 })).toEqual(toBoard(viewport, { x: 300, y: 200 }));
  });

  it('fits the whole board on screen', () => {
    const size = { width: 1280, height: 720 };
    const visible = visibleBoardRect(fitBoard(size), size);
    expect(visible.x).toBeLessThanOrEqual(0);
    expect(visible.x + visible.w).toBeGreaterThanOrEqual(3080);
  });

  it('culls with a snapped margin, so small pans keep the same rect', () => {
    const size = { width: 1000, height: 800 };
    const a = cullRect({ x: -100, y: -100, scale: 1 }, size);
    const b = cullRect({ x: -110, y: -105, scale: 1 }, size);
    expect(b).toEqual(a);
    expect(a.x).toBeLessThan(100);
    expect(a.x + a.w).toBeGreaterThan(1100);
  });
});

describe('hit testing on model notes', () => {
  it('finds the topmost note and notes in a marquee', () => {
    const notes = [note('under', 0, 0), note('over', 50, 50), note('far', 1000, 1000)];
    expect(noteAt(notes, { x: 60, y: 60 })?.id).toBe('over');
    expect(noteAt(notes, { x: 10, y: 10 })?.id).toBe('under');
    expect(noteAt(notes, { x: 500, y: 500 })).toBeNull();
    expect(notesIn(notes, { x: 0, y: 0, w: 200, h: 200 })).toEqual(['under', 'over']);
  });
});

describe('fitFontSize', () => {
  it('shrinks the font as text grows, within bounds', () => {
    expect(fitFontSize('Hi', 220, 160)).toBe(MAX_NOTE_FONT);
    const long = fitFontSize('word '.repeat(60), 220, 160);
    expect(long).toBeLessThan(MAX_NOTE_FONT);
    expect(fitFontSize('word '.repeat(400), 220, 160)).toBe(MIN_NOTE_FONT);
  });
});

describe('fitFontSize wraps at word boundaries', () => {
  it('gives a short note big type and shrinks when words wrap onto more lines', () => {
    const short = fitFontSize('Lonely elders on Mill Street', 220, 160);
    expect(short).toBeGreaterThan(24);
    // Same number of characters, but long words that cannot share a line need a smaller font.
    const longWords = fitFontSize('Neighbourhood transportation accessibility', 220, 160);
    expect(longWords).toBeLessThan(short);
  });
});
