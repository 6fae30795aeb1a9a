// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { isVoterSecret, voterIdFor } from '../../shared/protocol/voter';

/** identity.ts keeps a fallback for the page's life: a fresh module per test. */
async function identity() {
  vi.resetModules();
  return import('../../client/board/identity');
}

beforeEach(() => window.localStorage.clear());
afterEach(() => vi.restoreAllMocks());

describe('the voter secret', () => {
  it('is a voter-secret-shaped nanoid kept in this browser, and the voter id is its hash', async () => {
    const { voterSecret, voterId, personId } = await identity();
    const secret = voterSecret();
    expect(isVoterSecret(secret)).toBe(true);
    expect(voterSecret()).toBe(secret);
    expect(voterId()).toBe(voterIdFor(secret));
    // The person id is visible in the document; it must not be the secret nor the voter id.
    expect(personId()).not.toBe(secret);
    expect(voterId()).not.toBe(personId());
    // Survives a reload of the page.
    const reloaded = await identity();
    expect(reloaded.voterSecret()).toBe(secret);
  });

  it('replaces a stored value that is not a valid secret', async () => {
    window.localStorage.setItem('discern:voter-secret', 'short');
    const { voterSecret } = await identity();
    const secret = voterSecret();
    expect(isVoterSecret(secret)).toBe(true);
    expect(window.localStorage.getItem('discern:voter-secret')).toBe(secret);
  });

  it('stays the same for the page’s life when the browser keeps no storage', async () => {
    vi.spyOn(window, 'localStorage', 'get').mockImplementation(() => {
      throw new DOMException('denied', 'SecurityError');
    });
    const { voterSecret, voterId } = await identity();
    const secret = voterSecret();
    expect(isVoterSecret(secret)).toBe(true);
    expect(voterSecret()).toBe(secret);
    expect(voterId()).toBe(voterIdFor(secret));
  });
});
