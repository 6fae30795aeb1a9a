import { useCallback, useState } from 'react';

/** Whether a board URL's fragment asks for the shared-screen display (`#k=<key>&display=1`). */
export function displayFromHash(hash: string): boolean {
  return new URLSearchParams(hash.replace(/^#/, '')).get('display') === '1';
}

function hashWithDisplay(hash: string, on: boolean): string {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  if (on) params.set('display', '1');
  else params.delete('display');
  return `#${params.toString()}`;
}

/**
 * Display mode lives in the fragment next to the key, so a TV reloaded (or opened from a bookmark)
 * comes back as a display; toggling rewrites the fragment without a reload or a history entry.
 */
export function useDisplayMode(): [boolean, (on: boolean) => void] {
  const [display, setDisplay] = useState(() => displayFromHash(window.location.hash));
  const set = useCallback((on: boolean) => {
    const { pathname, search, hash } = window.location;
    window.history.replaceState(window.history.state, '', `${pathname}${search}${hashWithDisplay(hash, on)}`);
    setDisplay(on);
  }, []);
  return [display, set];
}
