import { vi } from 'vitest';
import type { ShortcutHandlers } from '../../client/board/useShortcuts';

/** Every board shortcut as a spy, for tests of the one key listener (useShortcuts). */
export function spyShortcutHandlers(): ShortcutHandlers {
  return {
    addNote: vi.fn(),
    deleteSelection: vi.fn(),
    undo: vi.fn(),
    redo: vi.fn(),
    zoomIn: vi.fn(),
    zoomOut: vi.fn(),
    zoomFit: vi.fn(),
    selectAll: vi.fn(),
    clearSelection: vi.fn(),
    setPanMode: vi.fn(),
  };
}
