import { nanoid } from 'nanoid';
import { personColor } from '../../shared/board/colors';
import { isVoterSecret, voterIdFor } from '../../shared/protocol/voter';

const NAME_KEY = 'discern:name';
const PERSON_KEY = 'discern:person';
const VOTER_SECRET_KEY = 'discern:voter-secret';

function storage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

export function loadDisplayName(): string | null {
  const name = storage()?.getItem(NAME_KEY)?.trim();
  return name ? name : null;
}

export function saveDisplayName(name: string): void {
  storage()?.setItem(NAME_KEY, name.trim());
}

/** A random id per browser, so a person keeps their colour even if they change their name. */
export function personId(): string {
  const store = storage();
  let id = store?.getItem(PERSON_KEY);
  if (!id) {
    id = nanoid();
    store?.setItem(PERSON_KEY, id);
  }
  return id;
}

export function myColor(): string {
  return personColor(personId());
}

/** Kept for the page's life when the browser keeps no storage, so the voter does not change per call. */
let sessionVoterSecret: string | null = null;

/**
 * This browser's voter secret: a nanoid that never enters the document. It goes to the server on the
 * sync URL (`?voter=`, shared/protocol/voter.ts); the server counts this browser's dots under
 * `voterId()`, a hash of it, and refuses dots under any other id. It is not `personId()`, which other
 * people can read in the document and so could send as their own secret.
 */
export function voterSecret(): string {
  const store = storage();
  const stored = store?.getItem(VOTER_SECRET_KEY);
  if (isVoterSecret(stored)) return stored;
  sessionVoterSecret ??= nanoid();
  store?.setItem(VOTER_SECRET_KEY, sessionVoterSecret);
  return sessionVoterSecret;
}

/** The last secret hashed and its id: renders ask for the id many times, and hashing is pure JavaScript. */
let hashedVoter: { secret: string; id: string } | null = null;

/** The id this browser's dots are cast and counted under: `voterIdFor(voterSecret())`. */
export function voterId(): string {
  const secret = voterSecret();
  if (hashedVoter?.secret !== secret) hashedVoter = { secret, id: voterIdFor(secret) };
  return hashedVoter.id;
}
