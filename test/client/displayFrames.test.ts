import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { NoteView } from '../../shared/board/note';
import { ZONES, zoneOfRect, zoneRect, ZONE_HEADER_HEIGHT, type Zone } from '../../shared/board/zones';
import { frameViewport, MAX_ENLARGEMENT, planFrames, type DisplayFrame } from '../../client/display/displayFrames';
import { drawnFontSizes, legibleTextPx } from '../../client/display/displayText';
import { toScreen } from '../../client/canvas/viewport';

/** The canvas of a 1920×1080 shared screen, less its band and side column. */
const TV = { width: 1584, height: 950 };
const TEXT_PX = legibleTextPx(1080);

let serial = 0;
function note(zone: Zone, x: number, y: number, text = 'Soup kitchen', w = 220, h = 160): NoteView {
  const id = `n${++serial}`;
  return { id, zone, text, x, y, w, h, color: '#fff176', author: 'Ada', createdAt: serial, votes: 0 };
}

/** Four notes in a row near the top of each zone: twelve short notes, as people write them. */
function twelve(): NoteView[] {
  return ZONES.flatMap((zone) => [0, 1, 2, 3].map((i) => note(zone, zoneRect(zone).x + 30 + (i % 2) * 480, ZONE_HEADER_HEIGHT + 30 + Math.floor(i / 2) * 500, `Note ${i}`)));
}

/** What a frame promises: every note whole on screen, its text at least `textPx` high where it can be. */
function expectLegible(frame: DisplayFrame, all: readonly NoteView[], size: { width: number; height: number }, textPx: number): void {
  const fontOf = drawnFontSizes(all);
  const viewport = frameViewport(frame, size);
  for (const shown of frame.notes) {
    const a = toScreen(viewport, { x: shown.x, y: shown.y });
    const b = toScreen(viewport, { x: shown.x + shown.w, y: shown.y + shown.h });
    expect(a.x).toBeGreaterThanOrEqual(-1e-6);
    expect(a.y).toBeGreaterThanOrEqual(-1e-6);
    expect(b.x).toBeLessThanOrEqual(size.width + 1e-6);
    expect(b.y).toBeLessThanOrEqual(size.height + 1e-6);
    expect(fontOf(shown) * viewport.scale).toBeGreaterThanOrEqual(textPx - 1e-6);
  }
}

describe('the shared screen’s frames', () => {
  it('shows the whole board when there are no notes', () => {
    const frames = planFrames([], TV, TEXT_PX, drawnFontSizes([]));
    expect(frames).toHaveLength(1);
    expect(frames[0]!.zone).toBeNull();
  });

  it('shows a few notes together, legibly, and no more than twice as large as legible', () => {
    const notes = [note('who', 40, 200), note('who', 300, 200), note('need', 1100, 220)];
    const frames = planFrames(notes, TV, TEXT_PX, drawnFontSizes(notes));
    expect(frames.map((frame) => frame.key)).toEqual(['all']);
    expectLegible(frames[0]!, notes, TV, TEXT_PX);
    const smallest = Math.min(...notes.map(drawnFontSizes(notes)));
    expect(smallest * frames[0]!.scale).toBeLessThanOrEqual(TEXT_PX * MAX_ENLARGEMENT + 1e-6);
  });

  it('shows twelve notes spread over the three zones a zone at a time, each legible', () => {
    const notes = twelve();
    const frames = planFrames(notes, TV, TEXT_PX, drawnFontSizes(notes));
    expect(frames.map((frame) => frame.zone)).toEqual(['who', 'need', 'there']);
    for (const frame of frames) {
      expect(frame.notes.every((shown) => shown.zone === frame.zone)).toBe(true);
      expect(frame.notes).toHaveLength(4);
      expectLegible(frame, notes, TV, TEXT_PX);
    }
  });

  it('scales the text with the screen: a 4K canvas draws it twice as high', () => {
    const notes = twelve();
    const big = { width: TV.width * 2, height: TV.height * 2 };
    const frames = planFrames(notes, big, legibleTextPx(2160), drawnFontSizes(notes));
    expect(legibleTextPx(2160)).toBe(56);
    for (const frame of frames) expectLegible(frame, notes, big, 56);
  });

  it('keeps an empty zone as a frame of its own, for following the phase', () => {
    const notes = twelve().filter((shown) => shown.zone !== 'need');
    const frames = planFrames(notes, TV, TEXT_PX, drawnFontSizes(notes));
    const need = frames.find((frame) => frame.zone === 'need');
    expect(need?.notes).toEqual([]);
  });

  it('pages a crowded zone: every note on exactly one page, whole and legible', () => {
    const notes: NoteView[] = [];
    for (let i = 0; i < 48; i++) notes.push(note('need', 1040 + 10 + (i % 4) * 240, ZONE_HEADER_HEIGHT + 10 + Math.floor(i / 4) * 100, `Need ${i}`, 220, 90));
    const frames = planFrames(notes, TV, TEXT_PX, drawnFontSizes(notes));
    const need = frames.filter((frame) => frame.zone === 'need');
    expect(need.length).toBeGreaterThan(1);
    expect(need.every((frame) => frame.pages === need.length)).toBe(true);
    expect(need.map((frame) => frame.page)).toEqual(need.map((_, i) => i + 1));
    const seen = need.flatMap((frame) => frame.notes.map((shown) => shown.id));
    expect(new Set(seen).size).toBe(notes.length);
    expect(seen).toHaveLength(notes.length);
    for (const frame of need) expectLegible(frame, notes, TV, TEXT_PX);
  });

  it('holds its promises for any board (property)', () => {
    const arbitraryNote = fc.record({
      x: fc.integer({ min: -200, max: 3200 }),
      y: fc.integer({ min: 0, max: 1400 }),
      w: fc.integer({ min: 80, max: 400 }),
      h: fc.integer({ min: 80, max: 300 }),
      words: fc.integer({ min: 1, max: 40 }),
    });
    fc.assert(
      fc.property(fc.array(arbitraryNote, { maxLength: 80 }), fc.constantFrom(TV, { width: 1200, height: 700 }, { width: 3168, height: 1900 }), (specs, size) => {
        const notes = specs.map((spec) => {
          const rect = { x: spec.x, y: spec.y, w: spec.w, h: spec.h };
          return note(zoneOfRect(rect), spec.x, spec.y, Array.from({ length: spec.words }, (_, i) => `word${i}`).join(' '), spec.w, spec.h);
        });
        const textPx = legibleTextPx(size.height + 130);
        const frames = planFrames(notes, size, textPx, drawnFontSizes(notes));
        const ids = frames.flatMap((frame) => frame.notes.map((shown) => shown.id));
        expect(ids.sort()).toEqual(notes.map((shown) => shown.id).sort());
        // Only a note too large to be shown legibly on its own may be drawn smaller.
        const fontOf = drawnFontSizes(notes);
        const margin = Math.round(Math.min(size.width, size.height) * 0.03);
        for (const frame of frames) {
          const only = frame.notes.length === 1 ? frame.notes[0]! : null;
          const needed = only ? textPx / fontOf(only) : 0;
          const oversized = only !== null && (only.w * needed > size.width - 2 * margin || only.h * needed > size.height - 2 * margin);
          if (!oversized) expectLegible(frame, notes, size, textPx);
        }
      }),
      { numRuns: 150 },
    );
  });
});
