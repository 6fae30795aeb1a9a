import { useEffect, useRef } from 'react';
import { isTypingTarget } from '../board/keyTarget';

/** On the shared screen, E switches editing on and off from the keyboard at the screen. */
export function useDisplayKeys(display: boolean, toggleEdit: () => void): void {
  const latest = useRef(toggleEdit);
  latest.current = toggleEdit;
  useEffect(() => {
    if (!display) return;
    const onKeyDown = (event: KeyboardEvent) => {
      if (isTypingTarget(event.target) || event.ctrlKey || event.metaKey || event.altKey) return;
      if (event.key.toLowerCase() !== 'e') return;
      event.preventDefault();
      latest.current();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [display]);
}
