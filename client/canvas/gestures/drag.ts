import type { NoteMove } from '../../../shared/board/model';
import type { Point } from '../linkGeometry';
import type { Gesture, PointerInput } from './types';

/** Moves the pressed notes with the pointer (a preview); the model hears of the move on release. */
export function startDrag(startBoard: Point, ids: readonly string[]): Gesture {
  // One set for the whole drag: the canvas filters its resting notes again only when its identity changes.
  const moving: ReadonlySet<string> = new Set(ids);
  const offset = (input: PointerInput) => ({ dx: input.board.x - startBoard.x, dy: input.board.y - startBoard.y });
  const drag: Gesture = {
    kind: 'drag',
    move(input, context) {
      context.previews.drag({ ids: moving, ...offset(input) });
      return drag;
    },
    up(input, context) {
      const { dx, dy } = offset(input);
      // One pass over the notes: a find per dragged id is quadratic when a big selection is dragged.
      const moves: NoteMove[] = [];
      for (const note of context.notes) {
        if (moving.has(note.id)) moves.push({ id: note.id, x: Math.round(note.x + dx), y: Math.round(note.y + dy) });
      }
      if (moves.length > 0 && (dx !== 0 || dy !== 0)) context.moveNotes(moves);
      context.previews.drag(null);
      return null;
    },
    cancel: (context) => context.previews.drag(null),
  };
  return drag;
}
