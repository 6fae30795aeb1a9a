import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * Compares a secret someone sent with the real one in time that depends on neither, their lengths
 * included: both are hashed first, so timingSafeEqual always compares 32 bytes with 32.
 */
export function secretsEqual(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}
