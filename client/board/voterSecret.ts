import { nanoid } from 'nanoid';
import { isValidId } from '../../shared/protocol/ids';

const VOTER_SECRET_KEY = 'discern:voter-secret';

/** Kept for the page's life when the browser keeps no storage, so the voter does not change per call. */
let sessionVoterSecret: string | null = null;

function storage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

/**
 * This browser's voter secret: a nanoid that never enters the document. It goes to the server on the
 * sync URL (`?voter=`, shared/protocol/voter.ts); the server counts this browser's dots under
 * `voterId()` (identity.ts), a hash of it, and refuses dots under any other id. It is not
 * `personId()`, which other people can read in the document and so could send as their own secret.
 * Its own module, without the hash, because a board link's first script needs it for the socket.
 */
export function voterSecret(): string {
  const store = storage();
  const stored = store?.getItem(VOTER_SECRET_KEY);
  // A voter secret has the shape of a key (shared/protocol/voter.ts isVoterSecret).
  if (isValidId(stored)) return stored;
  sessionVoterSecret ??= nanoid();
  store?.setItem(VOTER_SECRET_KEY, sessionVoterSecret);
  return sessionVoterSecret;
}
