// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act, renderHook } from '@testing-library/react';
import { EMPTY_MEETING, type MeetingView, type Phase } from '../../shared/board/meeting';
import type { NoteView } from '../../shared/board/note';
import { ZONES, ZONE_HEADER_HEIGHT, zoneRect } from '../../shared/board/zones';
import type { Participant, SharedViewport } from '../../client/board/presence';
import { fitBoard } from '../../client/canvas/viewport';
import { DEFAULT_CYCLE_SECONDS, useDisplayView, type DisplayViewInput } from '../../client/display/useDisplayView';

const TV = { width: 1584, height: 950 };
const LAPTOP = { width: 1280, height: 600 };

const NOTES: NoteView[] = ZONES.flatMap((zone, z) =>
  [0, 1, 2, 3].map((i) => ({
    id: `${zone}${i}`, zone, text: `Note ${z}-${i}`, x: zoneRect(zone).x + 30 + i * 240, y: ZONE_HEADER_HEIGHT + 30, w: 220, h: 160,
    color: '#fff176', author: 'Ada', createdAt: i, votes: 0,
  })),
);

function leader(viewport: SharedViewport | null, clientId = 7): Participant {
  return { clientId, user: { name: 'Lee', color: '#1565c0', role: 'lead' }, cursor: null, editing: null, selection: [], viewport, follow: false, summon: null };
}

function meeting(phase: Phase | null, displayCycleSeconds: number | null = null): MeetingView {
  return { ...EMPTY_MEETING, phase, displayCycleSeconds };
}

/** The leader's laptop zoomed in `times` steps from the whole board, centred. */
function zoomedIn(times: number, size = LAPTOP): SharedViewport {
  const fit = fitBoard(size);
  const scale = fit.scale * 1.25 ** times;
  return { scale, x: size.width / 2 - (1540 * scale), y: size.height / 2 - 700 * scale, ...size };
}

function setup(initial: Partial<DisplayViewInput> = {}) {
  const setViewport = vi.fn();
  const base: DisplayViewInput = { display: true, following: true, editing: false, notes: NOTES, size: TV, meeting: meeting(null), participants: [], setViewport, ...initial };
  let props = base;
  const hook = renderHook((current: DisplayViewInput) => useDisplayView(current), { initialProps: props });
  const rerender = (change: Partial<DisplayViewInput>) => {
    props = { ...props, ...change };
    hook.rerender(props);
  };
  return { hook, setViewport, rerender };
}

beforeEach(() => {
  Object.defineProperty(window, 'innerHeight', { configurable: true, value: 1080 });
  vi.useFakeTimers();
});
afterEach(() => vi.useRealTimers());

describe('the shared screen’s presentation', () => {
  it('shows the phase’s zone, and moves with the phase', () => {
    const { hook, setViewport, rerender } = setup({ meeting: meeting('look') });
    expect(hook.result.current.frame?.zone).toBe('need');
    expect(hook.result.current.notes?.map((note) => note.zone)).toEqual(['need', 'need', 'need', 'need']);
    expect(setViewport).toHaveBeenCalled();
    rerender({ meeting: meeting('listen') });
    expect(hook.result.current.frame?.zone).toBe('there');
    // A phase names one zone: the screen stays on it.
    act(() => vi.advanceTimersByTime(DEFAULT_CYCLE_SECONDS * 3000));
    expect(hook.result.current.frame?.zone).toBe('there');
  });

  it('goes round the zones when no phase names one, every 20 s, or at the leader’s interval', () => {
    const { hook, rerender } = setup({ meeting: meeting('discern') });
    expect(hook.result.current.frame?.zone).toBe('who');
    expect(hook.result.current.position).toEqual({ index: 1, count: 3 });
    act(() => vi.advanceTimersByTime(DEFAULT_CYCLE_SECONDS * 1000));
    expect(hook.result.current.frame?.zone).toBe('need');
    act(() => vi.advanceTimersByTime(DEFAULT_CYCLE_SECONDS * 1000));
    expect(hook.result.current.frame?.zone).toBe('there');
    act(() => vi.advanceTimersByTime(DEFAULT_CYCLE_SECONDS * 1000));
    expect(hook.result.current.frame?.zone).toBe('who');
    // The leader's interval wins over the phase, and starts from the first zone.
    rerender({ meeting: meeting('look', 5) });
    expect(hook.result.current.frame?.zone).toBe('who');
    act(() => vi.advanceTimersByTime(5000));
    expect(hook.result.current.frame?.zone).toBe('need');
  });

  it('holds still when not following, and while someone edits at the screen', () => {
    const { hook, setViewport, rerender } = setup({ following: false, meeting: meeting('look') });
    expect(hook.result.current.frame).toBeNull();
    expect(hook.result.current.notes).toBeNull();
    expect(hook.result.current.holding).toBe('unfollowed');
    expect(setViewport).not.toHaveBeenCalled();
    rerender({ following: true, editing: true });
    expect(hook.result.current.frame).toBeNull();
    expect(hook.result.current.holding).toBe('editing');
    expect(setViewport).not.toHaveBeenCalled();
    rerender({ editing: false });
    expect(hook.result.current.frame?.zone).toBe('need');
    expect(hook.result.current.holding).toBeNull();
  });

  it('lets a leader who zooms in take the screen until the phase moves on; arriving, resizing or zooming out does not', () => {
    const { hook, rerender } = setup({ meeting: meeting('gather') });
    // Arriving already zoomed in is not a move.
    rerender({ participants: [leader(zoomedIn(2))] });
    expect(hook.result.current.leaderDriving).toBe(false);
    // Their window changing size is not one either.
    rerender({ participants: [leader({ ...zoomedIn(2), height: 400 })] });
    expect(hook.result.current.leaderDriving).toBe(false);
    // Zooming in further is.
    rerender({ participants: [leader(zoomedIn(3))] });
    expect(hook.result.current.leaderDriving).toBe(true);
    expect(hook.result.current.frame).toBeNull();
    expect(hook.result.current.notes).toBeNull();
    // The next phase takes the screen back.
    rerender({ meeting: meeting('look') });
    expect(hook.result.current.leaderDriving).toBe(false);
    expect(hook.result.current.frame?.zone).toBe('need');
    // Back at the whole board, the leader is showing nothing in particular.
    rerender({ participants: [leader({ ...fitBoard(LAPTOP), ...LAPTOP })] });
    expect(hook.result.current.leaderDriving).toBe(false);
    rerender({ participants: [leader(zoomedIn(1))] });
    expect(hook.result.current.leaderDriving).toBe(false);
  });
});
