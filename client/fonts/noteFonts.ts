import { EMOJI_FAMILY } from './families';
import { familiesFor, needsLazyFaces } from './scripts';

/*
 * Loading the note fonts a board's text needs, and telling the canvas when they arrive. A canvas,
 * unlike the DOM, does not redraw itself when a webfont finishes loading: text drawn before that is
 * drawn in a fallback font (boxes, on a machine without one) and stays so in every cached bitmap.
 */

/** Size used to name a font to `document.fonts.load`: any size selects the same faces. */
const PROBE_SIZE = '16px';

/**
 * Loads the fonts `texts` need, each family for the characters it draws, and resolves when they are
 * loaded (or failed: a font that cannot be fetched leaves its characters to the system's fonts, and
 * must not stop the board or an export). Cheap to call again: loaded faces resolve at once.
 */
export async function whenNoteFontsReady(texts: Iterable<string>): Promise<void> {
  if (typeof document === 'undefined' || !document.fonts) return;
  const families = familiesFor(texts);
  if (needsLazyFaces(families)) {
    const { registerCjkFaces, registerEmojiFaces } = await import('./lazyFaces');
    registerCjkFaces();
    if (families.has(EMOJI_FAMILY)) await registerEmojiFaces();
  }
  await Promise.all([...families].map(([family, chars]) => document.fonts.load(`${PROBE_SIZE} "${family}"`, chars).catch(() => undefined)));
}

/** Bumped each time the page finishes loading fonts; drawings made before a bump may show fallbacks. */
let version = 0;
const listeners = new Set<() => void>();
let watching = false;

function watch(): void {
  if (watching || typeof document === 'undefined' || !document.fonts) return;
  watching = true;
  document.fonts.addEventListener('loadingdone', () => {
    version += 1;
    for (const listener of [...listeners]) listener();
  });
}

/** Calls `callback` whenever fonts finish loading (FontFaceSet 'loadingdone'). Returns the unsubscribe. */
export function onFontsLoaded(callback: () => void): () => void {
  watch();
  listeners.add(callback);
  return () => void listeners.delete(callback);
}

/** A number that changes whenever fonts finished loading: for React's useSyncExternalStore. */
export function fontsVersion(): number {
  watch();
  return version;
}

let typing = false;
/**
 * Loads the fonts for what people type into any text field (a note, the title, a prompt), so the
 * first Chinese or emoji character typed on a board that had none is drawn right as it is typed.
 */
export function loadFontsForTyping(): void {
  if (typing || typeof document === 'undefined') return;
  typing = true;
  document.addEventListener(
    'input',
    (event) => {
      const target = event.target;
      if (target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement) void whenNoteFontsReady([target.value]);
    },
    { capture: true, passive: true },
  );
}
