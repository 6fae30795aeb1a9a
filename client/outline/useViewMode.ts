import { useCallback, useEffect, useState } from 'react';

/** How the board is shown on this device: the Konva canvas or the text outline. */
export type ViewMode = 'canvas' | 'outline';

const VIEW_KEY = 'discern:view';
/** Below this width the canvas is cramped and fiddly by touch, so the outline is the default. */
const NARROW_QUERY = '(max-width: 699px)';

function storedChoice(): ViewMode | null {
  try {
    const value = window.localStorage.getItem(VIEW_KEY);
    return value === 'canvas' || value === 'outline' ? value : null;
  } catch {
    return null;
  }
}

function defaultMode(): ViewMode {
  return typeof window.matchMedia === 'function' && window.matchMedia(NARROW_QUERY).matches ? 'outline' : 'canvas';
}

/** The view this device opens a board with (what useViewMode starts from). */
export function initialViewMode(): ViewMode {
  return storedChoice() ?? defaultMode();
}

/**
 * The view mode, remembered per device once the person chooses one; until then it follows the
 * screen width (a phone turned to landscape may get the canvas).
 */
export function useViewMode(): [ViewMode, (mode: ViewMode) => void] {
  const [chosen, setChosen] = useState<ViewMode | null>(storedChoice);
  const [fallback, setFallback] = useState<ViewMode>(defaultMode);

  useEffect(() => {
    if (chosen || typeof window.matchMedia !== 'function') return;
    const query = window.matchMedia(NARROW_QUERY);
    const onChange = () => setFallback(query.matches ? 'outline' : 'canvas');
    query.addEventListener('change', onChange);
    return () => query.removeEventListener('change', onChange);
  }, [chosen]);

  const choose = useCallback((mode: ViewMode) => {
    setChosen(mode);
    try {
      window.localStorage.setItem(VIEW_KEY, mode);
    } catch {
      // Private browsing may refuse storage; the choice then lasts for this page only.
    }
  }, []);

  return [chosen ?? fallback, choose];
}
