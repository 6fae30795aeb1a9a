import { nanoid } from 'nanoid';
import { personColor } from '../../shared/board/colors';
import { voterIdFor } from '../../shared/protocol/voter';
import { voterSecret } from './voterSecret';

export { voterSecret };

const NAME_KEY = 'discern:name';
const PERSON_KEY = 'discern:person';

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

/** The last secret hashed and its id: renders ask for the id many times, and hashing is pure JavaScript. */
let hashedVoter: { secret: string; id: string } | null = null;

/** The id this browser's dots are cast and counted under: `voterIdFor(voterSecret())`. */
export function voterId(): string {
  const secret = voterSecret();
  if (hashedVoter?.secret !== secret) hashedVoter = { secret, id: voterIdFor(secret) };
  return hashedVoter.id;
}
