import { digest } from 'lib0/hash/sha256';
import { toBase64UrlEncoded } from 'lib0/buffer';
import { isValidId } from './ids';

/**
 * Dots are cast under a voter id that nobody else can take. Each browser keeps a secret (a nanoid,
 * never shown in the document) and sends it on the sync URL as `?voter=<secret>`; the voter id is a
 * hash of it. The server derives the id from the secret itself and refuses dots under any other id,
 * so reading someone's voter id out of the document does not let anyone vote as them.
 */
export const VOTER_PARAM = 'voter';

/** A voter secret has the shape of a key: 21–64 characters of `A-Za-z0-9_-`. */
export function isVoterSecret(value: unknown): value is string {
  return isValidId(value);
}

/** The voter id that a secret stands for: 22 URL-safe characters (128 bits of SHA-256). */
export function voterIdFor(secret: string): string {
  return toBase64UrlEncoded(digest(new TextEncoder().encode(`discern-voter:${secret}`))).slice(0, 22);
}
