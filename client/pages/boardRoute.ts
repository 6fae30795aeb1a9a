import { isValidId } from '../../shared/protocol/ids';

/** The board id in a board page's path (`/b/<id>`), or null; the id may still be malformed. */
export function boardIdFromPath(pathname: string): string | null {
  const match = /^\/b\/([^/]+)\/?$/.exec(pathname);
  if (!match?.[1]) return null;
  try {
    return decodeURIComponent(match[1]);
  } catch {
    return null;
  }
}

/** The key travels in the fragment (`#k=`), which browsers never send to the server. */
export function keyFromHash(hash: string): string | null {
  const key = new URLSearchParams(hash.replace(/^#/, '')).get('k');
  return key && isValidId(key) ? key : null;
}
