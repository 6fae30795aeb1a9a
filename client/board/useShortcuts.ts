import { useEffect, useRef } from 'react';
import { isSpaceActivated, isTypingTarget } from './keyTarget';

export interface ShortcutHandlers {
  addNote(): void;
  deleteSelection(): void;
  undo(): void;
  redo(): void;
  zoomIn(): void;
  zoomOut(): void;
  zoomFit(): void;
  selectAll(): void;
  clearSelection(): void;
  setPanMode(on: boolean): void;
  /** Runs the registered action (client/actions) this key press is the shortcut of; false when there is none. */
  action?(event: KeyboardEvent): boolean;
}

/** Board keyboard shortcuts; ignored while the person types in any field. */
export function useShortcuts(handlers: ShortcutHandlers): void {
  const latest = useRef(handlers);
  latest.current = handlers;
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (isTypingTarget(event.target)) return;
      const h = latest.current;
      if (h.action?.(event)) {
        event.preventDefault();
        return;
      }
      const mod = event.ctrlKey || event.metaKey;
      const key = event.key.toLowerCase();
      let handled = true;
      if (mod && key === 'z') {
        if (event.shiftKey) h.redo();
        else h.undo();
      } else if (mod && key === 'y') h.redo();
      else if (mod && key === 'a') h.selectAll();
      else if (mod) handled = false;
      else if (key === 'n') h.addNote();
      else if (key === 'delete' || key === 'backspace') h.deleteSelection();
      else if (key === '+' || key === '=') h.zoomIn();
      else if (key === '-' || key === '_') h.zoomOut();
      else if (key === '0') h.zoomFit();
      else if (key === 'escape') h.clearSelection();
      // Space on a focused button presses it (keyboard users rely on that); elsewhere it holds pan mode.
      else if (key === ' ' && !isSpaceActivated(event.target)) {
        if (!event.repeat) h.setPanMode(true);
      } else handled = false;
      if (handled) event.preventDefault();
    };
    const onKeyUp = (event: KeyboardEvent) => {
      if (event.key === ' ') latest.current.setPanMode(false);
    };
    const onBlur = () => latest.current.setPanMode(false);
    window.addEventListener('keydown', onKeyDown);
    window.addEventListener('keyup', onKeyUp);
    window.addEventListener('blur', onBlur);
    return () => {
      window.removeEventListener('keydown', onKeyDown);
      window.removeEventListener('keyup', onKeyUp);
      window.removeEventListener('blur', onBlur);
    };
  }, []);
}
