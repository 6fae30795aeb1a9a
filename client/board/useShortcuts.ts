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

/**
 * The keys the canvas answers while it is shown: they act on what only the canvas knows (its selected
 * link, its gesture in progress, whether its dot buttons are live). Each returns false when the key
 * means nothing to the canvas now, and the board's own handling goes on.
 */
export interface CanvasKeyHandlers {
  /** V (Shift+V): a dot more (less) on each selected note while a vote takes dots. */
  vote(delta: 1 | -1): boolean;
  /** Delete or Backspace: removes the selected link. */
  deleteLink(): boolean;
  /** Enter: shows all of the one selected note's text (not when `target` is a button or link that Enter presses). */
  openSelected(target: EventTarget | null): boolean;
  /** Escape: drops the gesture in progress and the link selection (the board then clears its selection). */
  cancel(): void;
}

// The canvas shown now, if any (one board screen at a time): its keys reach it through the same
// listener as every other board key, so one keydown is decided in one place and in one order.
let canvasKeys: CanvasKeyHandlers | null = null;

/** Lets the canvas answer its keys (CanvasKeyHandlers) through useShortcuts while it is mounted. */
export function useCanvasKeys(handlers: CanvasKeyHandlers): void {
  const latest = useRef(handlers);
  latest.current = handlers;
  useEffect(() => {
    const mine: CanvasKeyHandlers = {
      vote: (delta) => latest.current.vote(delta),
      deleteLink: () => latest.current.deleteLink(),
      openSelected: (target) => latest.current.openSelected(target),
      cancel: () => latest.current.cancel(),
    };
    canvasKeys = mine;
    return () => {
      if (canvasKeys === mine) canvasKeys = null;
    };
  }, []);
}

/** The canvas's answer to a key without modifiers; true when the key was its and is done. */
function canvasKey(event: KeyboardEvent, key: string): boolean {
  const canvas = canvasKeys;
  if (!canvas || event.ctrlKey || event.metaKey || event.altKey) return false;
  if (key === 'v') return canvas.vote(event.shiftKey ? -1 : 1);
  if (key === 'delete' || key === 'backspace') return canvas.deleteLink();
  if (key === 'enter') return !event.shiftKey && canvas.openSelected(event.target);
  if (key === 'escape') canvas.cancel();
  return false;
}

/** Board keyboard shortcuts, the canvas's among them; ignored while the person types in any field. */
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
      if (canvasKey(event, key)) {
        event.preventDefault();
        return;
      }
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
