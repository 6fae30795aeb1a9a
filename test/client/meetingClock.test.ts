import { describe, expect, it } from 'vitest';
import { ServerClock, estimateClockOffset } from '../../client/meeting/serverClock';

describe('estimateClockOffset', () => {
  it.each([
    { name: 'no samples', samples: [], offset: 0 },
    { name: 'one symmetric sample', samples: [{ t0: 1000, serverNow: 6050, t1: 1100 }], offset: 5000 },
    {
      name: 'the shortest round trip wins over a slow, lopsided one',
      samples: [
        { t0: 0, serverNow: 10_900, t1: 1000 },
        { t0: 2000, serverNow: 12_010, t1: 2020 },
        { t0: 3000, serverNow: 13_300, t1: 3400 },
      ],
      offset: 10_000,
    },
    { name: 'a client clock ahead of the server gives a negative offset', samples: [{ t0: 50_000, serverNow: 20_005, t1: 50_010 }], offset: -30_000 },
    {
      name: 'broken samples are ignored',
      samples: [
        { t0: 10, serverNow: Number.NaN, t1: 11 },
        { t0: 20, serverNow: 0, t1: 10 },
        { t0: 100, serverNow: 300, t1: 200 },
      ],
      offset: 150,
    },
  ])('$name', ({ samples, offset }) => {
    expect(estimateClockOffset(samples)).toBeCloseTo(offset, 6);
  });
});

describe('ServerClock', () => {
  it('reads the server clock after sync, from answers of a server two minutes ahead', async () => {
    const clock = new ServerClock();
    const fakeFetch = (async () => new Response(JSON.stringify({ now: Date.now() + 120_000 }))) as typeof fetch;
    await clock.sync(3, fakeFetch);
    expect(clock.offsetMs).toBeGreaterThan(119_000);
    expect(clock.offsetMs).toBeLessThan(121_000);
    expect(Math.abs(clock.now() - (Date.now() + 120_000))).toBeLessThan(1000);
  });

  it('keeps the local clock when the server cannot be reached', async () => {
    const clock = new ServerClock();
    await clock.sync(2, (async () => {
      throw new TypeError('offline');
    }) as typeof fetch);
    expect(clock.offsetMs).toBe(0);
  });
});
