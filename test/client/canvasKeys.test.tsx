// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, renderHook } from '@testing-library/react';
import { useCanvasKeys, useShortcuts, type CanvasKeyHandlers } from '../../client/board/useShortcuts';
import { spyShortcutHandlers } from '../helpers/shortcutHandlers';

function canvas(answers: Partial<Record<'vote' | 'deleteLink' | 'openSelected', boolean>> = {}): CanvasKeyHandlers {
  return {
    vote: vi.fn(() => answers.vote ?? false),
    deleteLink: vi.fn(() => answers.deleteLink ?? false),
    openSelected: vi.fn(() => answers.openSelected ?? false),
    cancel: vi.fn(),
  };
}

function press(key: string, init: KeyboardEventInit = {}, target: EventTarget = document.body): KeyboardEvent {
  const event = new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true, ...init });
  target.dispatchEvent(event);
  return event;
}

afterEach(() => {
  cleanup();
  document.body.replaceChildren();
});

describe('the canvas keys go through useShortcuts', () => {
  it('Delete removes the selected link and stops there; with no link selected it deletes the selected notes', () => {
    const h = spyShortcutHandlers();
    renderHook(() => useShortcuts(h));
    const withLink = renderHook(() => useCanvasKeys(canvas({ deleteLink: true })));
    expect(press('Delete').defaultPrevented).toBe(true);
    expect(h.deleteSelection).not.toHaveBeenCalled();
    withLink.unmount();
    renderHook(() => useCanvasKeys(canvas()));
    press('Delete');
    expect(h.deleteSelection).toHaveBeenCalledTimes(1);
  });

  it('V and Shift+V vote on the selection; with Ctrl, Alt or in a field they are not the canvas\'s', () => {
    const h = spyShortcutHandlers();
    const keys = canvas({ vote: true });
    renderHook(() => useShortcuts(h));
    renderHook(() => useCanvasKeys(keys));
    expect(press('v').defaultPrevented).toBe(true);
    press('V', { shiftKey: true });
    expect(keys.vote).toHaveBeenNthCalledWith(1, 1);
    expect(keys.vote).toHaveBeenNthCalledWith(2, -1);
    press('v', { altKey: true });
    press('v', { ctrlKey: true });
    press('v', {}, document.body.appendChild(document.createElement('input')));
    expect(keys.vote).toHaveBeenCalledTimes(2);
  });

  it('Escape cancels the gesture and the link selection, then the board clears its selection', () => {
    const h = spyShortcutHandlers();
    const keys = canvas();
    renderHook(() => useShortcuts(h));
    renderHook(() => useCanvasKeys(keys));
    press('Escape');
    expect(keys.cancel).toHaveBeenCalledTimes(1);
    expect(h.clearSelection).toHaveBeenCalledTimes(1);
  });

  it('Enter opens the selected note, not with Shift; keys reach no canvas once it is gone', () => {
    const h = spyShortcutHandlers();
    const keys = canvas({ openSelected: true });
    renderHook(() => useShortcuts(h));
    const mounted = renderHook(() => useCanvasKeys(keys));
    expect(press('Enter').defaultPrevented).toBe(true);
    expect(press('Enter', { shiftKey: true }).defaultPrevented).toBe(false);
    expect(keys.openSelected).toHaveBeenCalledTimes(1);
    mounted.unmount();
    press('Enter');
    press('Escape');
    expect(keys.openSelected).toHaveBeenCalledTimes(1);
    expect(keys.cancel).not.toHaveBeenCalled();
  });
});
