import { describe, expect, it } from 'vitest';
import { readPresence, type Participant, type SharedViewport } from '../../client/board/presence';
import { followViewport, freshSummon, pickLeader, shareViewport, SUMMON_FRESH_MS, SUMMON_FUTURE_SLACK_MS } from '../../client/meeting/followViewport';
import { toBoard, visibleBoardRect } from '../../client/canvas/viewport';

function peer(clientId: number, role: 'lead' | 'edit' | 'view', extra: Partial<Participant> = {}): Participant {
  return { clientId, user: { name: `P${clientId}`, color: '#123456', role }, cursor: null, editing: null, selection: [], viewport: null, follow: false, summon: null, ...extra };
}

describe('following the leader', () => {
  it('shows the leader’s visible board area centred and whole on a screen of another shape', () => {
    const leader: SharedViewport = shareViewport({ x: -400, y: -200, scale: 0.5 }, { width: 1280, height: 800 });
    // The leader sees board x 800..3360, y 400..2000.
    const rect = visibleBoardRect(leader, { width: 1280, height: 800 });
    expect(rect).toEqual({ x: 800, y: 400, w: 2560, h: 1600 });
    const tv = { width: 1920, height: 1080 };
    const v = followViewport(leader, tv);
    // 1080 / 1600 limits: scale 0.675; the height fills exactly, the width shows a little more.
    expect(v.scale).toBeCloseTo(0.675, 6);
    const centre = toBoard(v, { x: tv.width / 2, y: tv.height / 2 });
    expect(centre.x).toBeCloseTo(800 + 2560 / 2, 6);
    expect(centre.y).toBeCloseTo(400 + 1600 / 2, 6);
    const topLeft = toBoard(v, { x: 0, y: 0 });
    expect(topLeft.y).toBeCloseTo(400, 6);
    expect(topLeft.x).toBeLessThan(800);
  });

  it('maps a same-size screen to the leader’s exact viewport', () => {
    const size = { width: 1280, height: 800 };
    const v = followViewport(shareViewport({ x: 37, y: -91, scale: 1.3 }, size), size);
    expect(v.x).toBeCloseTo(37, 6);
    expect(v.y).toBeCloseTo(-91, 6);
    expect(v.scale).toBeCloseTo(1.3, 6);
  });

  it('follows the leader whose viewport changed last, never a participant', () => {
    const vp = { x: 0, y: 0, scale: 1, width: 100, height: 100 };
    const peers = [peer(1, 'lead', { viewport: vp }), peer(2, 'lead', { viewport: vp }), peer(3, 'edit', { viewport: vp }), peer(4, 'lead')];
    expect(pickLeader(peers, new Map([[1, 10], [2, 20], [3, 99]]))?.clientId).toBe(2);
    expect(pickLeader(peers, new Map([[1, 30], [2, 20]]))?.clientId).toBe(1);
    expect(pickLeader([peer(3, 'edit', { viewport: vp }), peer(4, 'lead')], new Map())).toBeNull();
  });
});

describe('summon', () => {
  const vp = { x: 1, y: 2, scale: 0.5, width: 800, height: 600 };
  it.each([
    { name: 'a fresh summon from a leader', peers: [peer(1, 'lead', { summon: { at: 1000, viewport: vp } })], handled: 0, now: 2000, at: 1000 },
    { name: 'the newest of two leaders', peers: [peer(1, 'lead', { summon: { at: 1000, viewport: vp } }), peer(2, 'lead', { summon: { at: 1500, viewport: vp } })], handled: 0, now: 2000, at: 1500 },
    { name: 'one already handled', peers: [peer(1, 'lead', { summon: { at: 1000, viewport: vp } })], handled: 1000, now: 2000, at: null },
    { name: 'a participant cannot summon', peers: [peer(1, 'edit', { summon: { at: 1000, viewport: vp } })], handled: 0, now: 2000, at: null },
    { name: 'a stale summon seen on joining late', peers: [peer(1, 'lead', { summon: { at: 1000, viewport: vp } })], handled: 0, now: 1001 + SUMMON_FRESH_MS, at: null },
    { name: 'one a little ahead of this clock', peers: [peer(1, 'lead', { summon: { at: 2000 + SUMMON_FUTURE_SLACK_MS, viewport: vp } })], handled: 0, now: 2000, at: 2000 + SUMMON_FUTURE_SLACK_MS },
    { name: 'one dated far in the future', peers: [peer(1, 'lead', { summon: { at: 1e300, viewport: vp } })], handled: 0, now: 2000, at: null },
    {
      name: 'a real summon next to one dated far in the future',
      peers: [peer(1, 'lead', { summon: { at: 1e300, viewport: vp } }), peer(2, 'lead', { summon: { at: 1500, viewport: vp } })],
      handled: 0,
      now: 2000,
      at: 1500,
    },
  ])('$name', ({ peers, handled, now, at }) => {
    expect(freshSummon(peers, handled, now)?.at ?? null).toBe(at);
  });

  it('is obeyed after a summon dated far in the future was shown', () => {
    // The hook remembers the last summon it obeyed; a far-future one must never become that.
    let handled = 0;
    const forged = peer(1, 'lead', { summon: { at: 1e300, viewport: vp } });
    const first = freshSummon([forged], handled, 2000);
    if (first) handled = first.at;
    const real = peer(2, 'lead', { summon: { at: 3000, viewport: vp } });
    expect(freshSummon([forged, real], handled, 3100)?.at).toBe(3000);
  });
});

describe('awareness state of the meeting fields', () => {
  const user = { name: 'Lee', color: '#123456', role: 'lead' };
  it('reads a valid viewport, follow and summon', () => {
    const vp = { x: -10, y: 20.5, scale: 0.4, width: 1280, height: 800 };
    const read = readPresence(7, { user, viewport: vp, follow: true, summon: { at: 123, viewport: vp } });
    expect(read).toMatchObject({ viewport: vp, follow: true, summon: { at: 123, viewport: vp } });
  });

  it.each([
    { name: 'missing fields (an older client)', state: { user }, viewport: null, follow: false, summon: null },
    { name: 'a non-finite number', state: { user, viewport: { x: Infinity, y: 0, scale: 1, width: 1, height: 1 } }, viewport: null, follow: false, summon: null },
    { name: 'zero scale', state: { user, viewport: { x: 0, y: 0, scale: 0, width: 1, height: 1 } }, viewport: null, follow: false, summon: null },
    { name: 'a string for a number', state: { user, viewport: { x: '0', y: 0, scale: 1, width: 1, height: 1 } }, viewport: null, follow: false, summon: null },
    { name: 'follow that is not true', state: { user, follow: 'yes' }, viewport: null, follow: false, summon: null },
    { name: 'a summon without a time', state: { user, summon: { viewport: { x: 0, y: 0, scale: 1, width: 1, height: 1 } } }, viewport: null, follow: false, summon: null },
    { name: 'a summon with a bad viewport', state: { user, summon: { at: 5, viewport: { x: 0 } } }, viewport: null, follow: false, summon: null },
    { name: 'a summon at a negative time', state: { user, summon: { at: -1, viewport: { x: 0, y: 0, scale: 1, width: 1, height: 1 } } }, viewport: null, follow: false, summon: null },
    { name: 'an absurd scale', state: { user, viewport: { x: 0, y: 0, scale: 1e-300, width: 1, height: 1 } }, viewport: null, follow: false, summon: null },
    { name: 'a huge scale', state: { user, viewport: { x: 0, y: 0, scale: 1e9, width: 1, height: 1 } }, viewport: null, follow: false, summon: null },
    { name: 'an absurd offset', state: { user, viewport: { x: 1e300, y: 0, scale: 1, width: 1, height: 1 } }, viewport: null, follow: false, summon: null },
    { name: 'an absurd screen size', state: { user, viewport: { x: 0, y: 0, scale: 1, width: 1e12, height: 800 } }, viewport: null, follow: false, summon: null },
    { name: 'a screen under one pixel', state: { user, viewport: { x: 0, y: 0, scale: 1, width: 0.001, height: 800 } }, viewport: null, follow: false, summon: null },
  ])('treats $name as absent', ({ state, viewport, follow, summon }) => {
    const read = readPresence(7, state);
    expect(read).not.toBeNull();
    expect(read!.viewport).toEqual(viewport);
    expect(read!.follow).toBe(follow);
    expect(read!.summon).toEqual(summon);
  });
});
