// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderHook } from '@testing-library/react';
import { useShortcuts } from '../../client/board/useShortcuts';
import { spyShortcutHandlers } from '../helpers/shortcutHandlers';

function press(target: EventTarget, key: string): KeyboardEvent {
  const event = new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true });
  target.dispatchEvent(event);
  return event;
}

afterEach(() => {
  document.body.replaceChildren();
});

describe('useShortcuts', () => {
  it.each([
    ['input', () => document.createElement('input')],
    ['textarea', () => document.createElement('textarea')],
    ['select', () => document.createElement('select')],
  ])('leaves keys typed into a %s alone', (_name, make) => {
    const h = spyShortcutHandlers();
    renderHook(() => useShortcuts(h));
    const field = document.body.appendChild(make());
    for (const key of ['n', 'Delete', 'Backspace', ' ']) expect(press(field, key).defaultPrevented).toBe(false);
    expect(h.addNote).not.toHaveBeenCalled();
    expect(h.deleteSelection).not.toHaveBeenCalled();
    expect(h.setPanMode).not.toHaveBeenCalled();
  });

  it('Space holds pan mode on the board but presses a focused button', () => {
    const h = spyShortcutHandlers();
    renderHook(() => useShortcuts(h));
    const button = document.body.appendChild(document.createElement('button'));
    expect(press(button, ' ').defaultPrevented).toBe(false);
    expect(h.setPanMode).not.toHaveBeenCalled();
    expect(press(document.body, ' ').defaultPrevented).toBe(true);
    expect(h.setPanMode).toHaveBeenCalledWith(true);
  });

  it('N and Delete reach the board outside fields', () => {
    const h = spyShortcutHandlers();
    renderHook(() => useShortcuts(h));
    press(document.body, 'n');
    press(document.body, 'Delete');
    expect(h.addNote).toHaveBeenCalledTimes(1);
    expect(h.deleteSelection).toHaveBeenCalledTimes(1);
  });

  it('gives a key to the registered actions first, and the rest to the board', () => {
    const action = vi.fn((event: KeyboardEvent) => event.key === 'd' && event.ctrlKey);
    const h = { ...spyShortcutHandlers(), action };
    renderHook(() => useShortcuts(h));
    const ctrlD = new KeyboardEvent('keydown', { key: 'd', ctrlKey: true, bubbles: true, cancelable: true });
    document.body.dispatchEvent(ctrlD);
    expect(ctrlD.defaultPrevented).toBe(true);
    press(document.body, 'n');
    expect(action).toHaveBeenCalledTimes(2);
    expect(h.addNote).toHaveBeenCalledTimes(1);
    const field = document.body.appendChild(document.createElement('input'));
    press(field, 'd');
    expect(action).toHaveBeenCalledTimes(2);
  });
});
