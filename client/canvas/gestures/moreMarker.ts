import type { Gesture } from './types';

/**
 * Pressed on a note's "+ more": its full text opens on release, still on the marker (after the
 * press has moved the focus, which would otherwise close the popover at once).
 */
export function startMoreMarker(noteId: string): Gesture {
  const more: Gesture = {
    kind: 'more',
    move: () => more,
    up(input, context) {
      const note = context.notes.find((candidate) => candidate.id === noteId);
      if (note && context.hit.onMoreMarker(note, input.board, context.viewport.scale)) context.openFullText(note);
      return null;
    },
    cancel: () => undefined,
  };
  return more;
}
