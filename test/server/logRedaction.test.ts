import { describe, expect, it } from 'vitest';
import { redactKeys } from '../../server/app';

describe('redactKeys', () => {
  it.each([
    ['/sync/abc?key=SECRETSECRETSECRETSECRET', '/sync/abc?key=[redacted]'],
    ['/sync/abc?x=1&key=SECRET&y=2', '/sync/abc?x=1&key=[redacted]&y=2'],
    ['/api/join/ABCD-EFGH', '/api/join/[redacted]'],
    ['/api/join/ABCDEFGH?x=1', '/api/join/[redacted]?x=1'],
    ['/j/abcdefgh', '/j/[redacted]'],
    ['/api/boards/abc/snapshots', '/api/boards/abc/snapshots'],
    ['/b/abc', '/b/abc'],
  ])('%s is logged as %s', (url, logged) => {
    expect(redactKeys(url)).toBe(logged);
  });
});
