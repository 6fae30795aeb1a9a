import { describe, expect, it } from 'vitest';
import type { NoteView } from '../../shared/board/note';
import { MIN_LEGIBLE_SCREEN_FONT, MIN_SHAPES_SCALE, NoteDetail, TILE_HYSTERESIS, drawsTiles, noteDetail } from '../../client/canvas/lod';
import { NoteIndex } from '../../client/canvas/noteIndex';
import { wrapLines } from '../../client/canvas/notePainter';
import { TILE_PIXELS, tileRange } from '../../client/canvas/noteTiles';

function note(id: string, x: number, y: number, createdAt = 0, w = 200, h = 150): NoteView {
  return { id, zone: 'who', text: id, x, y, w, h, color: '#fff176', author: 'A', createdAt, votes: 0 } as NoteView;
}

describe('noteDetail (zoom and font size → what is drawn)', () => {
  it.each([
    ['a 10px font at zoom 1 is read', 1, 10, 150, NoteDetail.Text],
    ['a 10px font at zoom 0.6 is still legible (6px)', 0.6, 10, 150, NoteDetail.Text],
    ['a 10px font at zoom 0.4 is not (4px): bars instead', 0.4, 10, 150, NoteDetail.Lines],
    ['big type on a short note stays legible at zoom 0.2', 0.2, 36, 150, NoteDetail.Text],
    ['a 20px font at zoom 0.25 is 5px: bars', 0.25, 20, 150, NoteDetail.Lines],
    ['at zoom 0.05 a note is 7px tall: a plain block', 0.05, 10, 150, NoteDetail.Block],
    ['at zoom 0.1 a 150px note is 15px tall: bars still show', 0.1, 10, 150, NoteDetail.Lines],
  ])('%s', (_case, scale, font, height, expected) => {
    expect(noteDetail(scale, font, height)).toBe(expected);
  });

  it('switches to text exactly at the legible size', () => {
    expect(noteDetail(MIN_LEGIBLE_SCREEN_FONT / 12, 12)).toBe(NoteDetail.Text);
    expect(noteDetail((MIN_LEGIBLE_SCREEN_FONT - 0.01) / 12, 12)).not.toBe(NoteDetail.Text);
  });

  it('uses tiles below the shape zoom or with very many notes on screen', () => {
    expect(drawsTiles(1, 40)).toBe(false);
    expect(drawsTiles(MIN_SHAPES_SCALE, 100)).toBe(false);
    expect(drawsTiles(0.4, 100)).toBe(true);
    expect(drawsTiles(1, 5000)).toBe(true);
  });

  it('keeps tiles a little past the thresholds once drawn, so a zoom hovering at the switch does not flip back and forth', () => {
    const justAbove = MIN_SHAPES_SCALE * 1.05;
    expect(drawsTiles(justAbove, 100, false)).toBe(false);
    expect(drawsTiles(justAbove, 100, true)).toBe(true);
    expect(drawsTiles(MIN_SHAPES_SCALE * TILE_HYSTERESIS, 100, true)).toBe(false);
    expect(drawsTiles(1, 380, true)).toBe(true);
    expect(drawsTiles(1, 380, false)).toBe(false);
    // From shapes, tiles still take over at the threshold itself.
    expect(drawsTiles(MIN_SHAPES_SCALE * 0.99, 100, false)).toBe(true);
  });
});

describe('wrapLines', () => {
  // One board pixel per character makes widths easy to reason about.
  const measure = (text: string) => text.length;

  it.each([
    ['fits on one line', 'a gift', 10, 3, ['a gift']],
    ['wraps at word boundaries', 'a gift a need', 8, 3, ['a gift a', 'need']],
    ['keeps paragraph breaks', 'one\ntwo', 10, 3, ['one', 'two']],
    ['breaks a word longer than a line', 'neighbourhood', 5, 4, ['neigh', 'bourh', 'ood']],
    ['ends with an ellipsis when lines run out', 'one two three four', 6, 2, ['one', 'two…']],
    ['an ellipsis never makes the line too wide', 'abcdef ghi', 6, 1, ['abcde…']],
    ['no room: nothing', 'text', 10, 0, []],
  ])('%s', (_case, text, width, maxLines, expected) => {
    const lines = wrapLines(measure, text, width, maxLines);
    expect(lines).toEqual(expected);
    for (const line of lines) expect(measure(line)).toBeLessThanOrEqual(width);
  });
});

describe('NoteIndex (which notes a tile shows, which tiles a change dirties)', () => {
  it('finds the notes over an area in stacking order, oldest first', () => {
    const index = new NoteIndex();
    const newer = note('newer', 100, 100, 2);
    const older = note('older', 150, 120, 1);
    const far = note('far', 5000, 5000, 0);
    index.update([far, older, newer]);
    expect(index.query({ x: 0, y: 0, w: 400, h: 400 }).map((n) => n.id)).toEqual(['older', 'newer']);
    expect(index.query({ x: 4900, y: 4900, w: 200, h: 200 }).map((n) => n.id)).toEqual(['far']);
    expect(index.query({ x: 1000, y: 1000, w: 100, h: 100 })).toEqual([]);
  });

  it('reports only the old and new place of a changed note, and nothing for unchanged ones', () => {
    const index = new NoteIndex();
    const a = note('a', 0, 0);
    const b = note('b', 1000, 0);
    expect(index.update([a, b])).toEqual([a, b]);
    expect(index.update([a, b])).toEqual([]);
    const moved = { ...b, x: 3000 };
    expect(index.update([a, moved])).toEqual([b, moved]);
    expect(index.query({ x: 1000, y: 0, w: 10, h: 10 })).toEqual([]);
    expect(index.query({ x: 3000, y: 0, w: 10, h: 10 })).toEqual([moved]);
    expect(index.update([moved])).toEqual([a]);
    expect(index.size).toBe(1);
  });

  it('finds a note that spans several cells from any of them, once', () => {
    const index = new NoteIndex();
    const wide = note('wide', 400, 400, 0, 1000, 1000);
    index.update([wide]);
    expect(index.query({ x: 1300, y: 1300, w: 10, h: 10 })).toEqual([wide]);
    expect(index.query({ x: 0, y: 0, w: 2000, h: 2000 })).toEqual([wide]);
  });
});

describe('tileRange', () => {
  it('covers an area with tiles of a fixed bitmap size at every zoom', () => {
    const atOne = tileRange({ x: 0, y: 0, w: 1280, h: 800 }, 1);
    expect(atOne.size).toBe(TILE_PIXELS);
    expect((atOne.x1 - atOne.x0 + 1) * atOne.size).toBeGreaterThanOrEqual(1280);
    const far = tileRange({ x: -100, y: -100, w: 12800, h: 8000 }, 0.1);
    expect(far.size).toBe(TILE_PIXELS * 10);
    expect(far.x0).toBe(-1);
    // The same number of tiles covers a screen whatever the zoom.
    expect(far.x1 - far.x0).toBeLessThanOrEqual(atOne.x1 - atOne.x0 + 1);
  });
});
