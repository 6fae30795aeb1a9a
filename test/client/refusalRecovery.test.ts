import { describe, expect, it } from 'vitest';
import { CloseCode } from '../../shared/protocol/closeCodes';
import { isOwnStateRefused, startAfresh, type FreshStart } from '../../client/sync/refusalRecovery';

function fresh(now: number, store = new Map<string, string>()): FreshStart & { cleared: number; reloaded: number } {
  const result = {
    cleared: 0,
    reloaded: 0,
    now,
    storage: { getItem: (key: string) => store.get(key) ?? null, setItem: (key: string, value: string) => void store.set(key, value) },
    clearOfflineCopy: async () => {
      result.cleared++;
    },
    reload: () => {
      result.reloaded++;
    },
  };
  return result;
}

describe('starting afresh after the server refuses this device’s own state', () => {
  it('only permanent refusals of what the client sent count; limits and outages do not', () => {
    expect(isOwnStateRefused(CloseCode.ForbiddenChange)).toBe(true);
    expect(isOwnStateRefused(CloseCode.MalformedMessage)).toBe(true);
    for (const code of [CloseCode.Unauthorized, CloseCode.BoardNotFound, CloseCode.TooLarge, CloseCode.StorageFailure, CloseCode.RateLimited, CloseCode.NeedsResync, CloseCode.GoingAway]) {
      expect(isOwnStateRefused(code)).toBe(false);
    }
  });

  it('clears the offline copy and reloads once, and not again within a minute, so it never loops', async () => {
    const store = new Map<string, string>();
    const first = fresh(1_000_000, store);
    expect(await startAfresh(first)).toBe(true);
    expect([first.cleared, first.reloaded]).toEqual([1, 1]);
    const soon = fresh(1_030_000, store);
    expect(await startAfresh(soon)).toBe(false);
    expect([soon.cleared, soon.reloaded]).toEqual([0, 0]);
    const later = fresh(1_070_000, store);
    expect(await startAfresh(later)).toBe(true);
  });
});
