/**
 * Whether a key event's target is a field the person is typing in (input, textarea, select or
 * contenteditable). Board-wide shortcuts (N, Delete, V, E…) must leave such keys alone.
 */
export function isTypingTarget(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));
}

/** Whether Space on this target presses a control (a focused button), which a shortcut must not take over. */
export function isSpaceActivated(target: EventTarget | null): boolean {
  return target instanceof Element && target.closest('button, summary, [role="button"]') !== null;
}
