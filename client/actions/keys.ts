const mac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);

/** The modifier key as people on this device know it. */
export const MOD_LABEL = mac ? '⌘' : 'Ctrl';

/** Ctrl+key (⌘+key on a Mac) with no Shift or Alt. */
export function isModKey(event: KeyboardEvent, key: string): boolean {
  return (event.ctrlKey || event.metaKey) && !event.shiftKey && !event.altKey && event.key.toLowerCase() === key;
}
