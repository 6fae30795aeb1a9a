import { describe, expect, it, vi } from 'vitest';
import type { NoteView } from '../../shared/board/note';
import { createTapTracker } from '../../client/canvas/gestures/doubleTap';
import { startGesture } from '../../client/canvas/gestures/idle';
import type { Gesture, GestureContext, PointerInput } from '../../client/canvas/gestures/types';
import { wheelViewport } from '../../client/canvas/gestures/wheelZoom';

function note(id: string, x: number, y: number): NoteView {
  return { id, zone: 'who', text: '', x, y, w: 200, h: 150, color: '#fff176', author: 'A', createdAt: 0, votes: 0 } as NoteView;
}

const a = note('a', 100, 300);
const b = note('b', 400, 300);

/** A canvas at scale 1 with no pan, so board and screen points are the same. */
function canvas(overrides: Partial<GestureContext> = {}) {
  const notes = [a, b];
  const context: GestureContext = {
    viewport: { x: 0, y: 0, scale: 1 },
    notes,
    selection: new Set(),
    readOnly: false,
    canEdit: true,
    canVote: false,
    panMode: false,
    hit: { notes, scale: 1, connectors: [], deletableLink: null, linkSource: null, resizable: null, voteButtons: null, onMoreMarker: () => false },
    previews: { drag: vi.fn(), marquee: vi.fn(), resize: vi.fn(), linkDraft: vi.fn() },
    setViewport: vi.fn(),
    select: vi.fn(),
    selectLink: vi.fn(),
    moveNotes: vi.fn(),
    resizeNote: vi.fn(),
    addLink: vi.fn(() => null),
    deleteLink: vi.fn(),
    vote: vi.fn(),
    showHint: vi.fn(),
    openFullText: vi.fn(),
    editNote: vi.fn(),
    editPrompt: vi.fn(),
    addNoteAt: vi.fn(),
    ...overrides,
  };
  return context;
}

function at(x: number, y: number, extra: Partial<PointerInput> = {}): PointerInput {
  return { screen: { x, y }, board: { x, y }, pointers: [{ x, y }], button: 0, pointerType: 'mouse', shiftKey: false, altKey: false, time: 0, ...extra };
}

/** Runs a press, its moves and its release through the states, as useGestures does. */
function run(context: GestureContext, down: PointerInput, moves: PointerInput[], up: PointerInput): (Gesture['kind'] | null)[] {
  let gesture = startGesture(down, context, createTapTracker());
  const kinds: (Gesture['kind'] | null)[] = [gesture?.kind ?? null];
  for (const move of moves) {
    gesture = gesture ? gesture.move(move, context) : null;
    kinds.push(gesture?.kind ?? null);
  }
  kinds.push(gesture ? (gesture.up({ ...up, pointers: [] }, context)?.kind ?? null) : null);
  return kinds;
}

describe('gestures: a press, its moves and its release', () => {
  it('a press on a note selects it, becomes a drag past the threshold, and moves it once on release', () => {
    const context = canvas();
    expect(run(context, at(150, 350), [at(152, 351), at(180, 360)], at(200, 370))).toEqual(['press', 'press', 'drag', null]);
    expect(context.select).toHaveBeenCalledWith(['a']);
    expect(context.moveNotes).toHaveBeenCalledOnce();
    expect(context.moveNotes).toHaveBeenCalledWith([{ id: 'a', x: 150, y: 320 }]);
    expect(context.previews.drag).toHaveBeenLastCalledWith(null);
  });

  it('a press released within the threshold is a click: no move', () => {
    const context = canvas();
    expect(run(context, at(150, 350), [at(152, 351)], at(152, 351))).toEqual(['press', 'press', null]);
    expect(context.moveNotes).not.toHaveBeenCalled();
  });

  it('a cancelled drag takes its preview away and moves nothing', () => {
    const context = canvas();
    const drag = startGesture(at(150, 350), context, createTapTracker())!.move(at(190, 390), context)!;
    expect(drag.kind).toBe('drag');
    drag.cancel(context);
    expect(context.previews.drag).toHaveBeenLastCalledWith(null);
    expect(context.moveNotes).not.toHaveBeenCalled();
  });

  it('a drag on empty board is a marquee that selects what it touches', () => {
    const context = canvas();
    expect(run(context, at(50, 250), [at(300, 400)], at(300, 400))).toEqual(['marquee', 'marquee', null]);
    expect(context.select).toHaveBeenLastCalledWith(['a']);
  });

  it('Shift+click toggles a note in the selection and starts nothing', () => {
    const context = canvas({ selection: new Set(['a', 'b']) });
    expect(startGesture(at(450, 350, { shiftKey: true }), context, createTapTracker())).toBeNull();
    expect(context.select).toHaveBeenCalledWith(['a']);
  });

  it('a second finger makes a pinch, and lifting one goes on as a pan', () => {
    const context = canvas();
    const pinch = startGesture(at(100, 100, { pointers: [{ x: 100, y: 100 }, { x: 200, y: 100 }], pointerType: 'touch' }), context, createTapTracker())!;
    expect(pinch.kind).toBe('pinch');
    pinch.move(at(250, 100, { pointers: [{ x: 50, y: 100 }, { x: 250, y: 100 }] }), context);
    expect(context.setViewport).toHaveBeenLastCalledWith({ x: -150, y: -100, scale: 2 });
    expect(pinch.lift!(at(200, 100, { pointers: [{ x: 250, y: 100 }] }), context)?.kind).toBe('pan');
  });

  it('one finger on empty board pans; two taps in a row open a new note there', () => {
    const context = canvas();
    const taps = createTapTracker();
    const touch = at(700, 600, { pointerType: 'touch', time: 1000 });
    expect(startGesture(touch, context, taps)?.kind).toBe('pan');
    expect(startGesture({ ...touch, time: 1200 }, context, taps)).toBeNull();
    expect(context.addNoteAt).toHaveBeenCalledWith({ x: 700, y: 600 }, expect.any(String));
  });

  it('read-only: no selection, no marquee, no drag, no new note; pan and a note\'s full text still work', () => {
    const context = canvas({ readOnly: true, canEdit: false, hit: { ...canvas().hit, onMoreMarker: (target) => target.id === 'b' } });
    expect(startGesture(at(150, 350), context, createTapTracker())).toBeNull();
    expect(startGesture(at(50, 250), context, createTapTracker())).toBeNull();
    expect(startGesture(at(50, 250, { button: 1 }), context, createTapTracker())?.kind).toBe('pan');
    const taps = createTapTracker();
    startGesture(at(700, 600, { pointerType: 'touch', time: 0 }), context, taps);
    startGesture(at(700, 600, { pointerType: 'touch', time: 100 }), context, taps);
    const more = startGesture(at(450, 440), context, createTapTracker());
    expect(more?.kind).toBe('more');
    more!.up(at(450, 440, { pointers: [] }), context);
    expect(context.openFullText).toHaveBeenCalledWith(b);
    expect(context.select).not.toHaveBeenCalled();
    expect(context.addNoteAt).not.toHaveBeenCalled();
  });
});

describe('wheelViewport', () => {
  const view = { x: 0, y: 0, scale: 1 };
  it.each([
    ['a trackpad scroll pans', { deltaX: 10, deltaY: 20, deltaMode: 0, ctrlKey: false, metaKey: false, shiftKey: false }, { x: -10, y: -20, scale: 1 }],
    ['Shift+wheel pans', { deltaX: 0, deltaY: 20, deltaMode: 0, ctrlKey: false, metaKey: false, shiftKey: true }, { x: 0, y: -20, scale: 1 }],
  ])('%s', (_case, event, expected) => {
    expect(wheelViewport(view, { x: 50, y: 50 }, event)).toEqual(expected);
  });

  it('a wheel zooms about the pointer, a pinch (Ctrl+wheel) faster', () => {
    const wheel = wheelViewport(view, { x: 100, y: 100 }, { deltaX: 0, deltaY: -400, deltaMode: 0, ctrlKey: false, metaKey: false, shiftKey: false });
    expect(wheel.scale).toBeCloseTo(Math.E);
    expect(wheel.x).toBeCloseTo(100 - 100 * Math.E);
    const pinch = wheelViewport(view, { x: 0, y: 0 }, { deltaX: 0, deltaY: -100, deltaMode: 0, ctrlKey: true, metaKey: false, shiftKey: false });
    expect(pinch.scale).toBeCloseTo(Math.E);
  });
});
