import { MAX_NOTE_SIZE, MIN_NOTE_SIZE, type NoteView } from '../../../shared/board/note';
import type { Point } from '../linkGeometry';
import type { Gesture, PointerInput } from './types';

function clampSize(value: number): number {
  return Math.min(MAX_NOTE_SIZE, Math.max(MIN_NOTE_SIZE, Math.round(value)));
}

/** The selected note's corner handle dragged: a dashed outline follows, the note takes its size on release. */
export function startResize(note: NoteView, startBoard: Point): Gesture {
  const sizeAt = (input: PointerInput) => ({
    w: clampSize(note.w + input.board.x - startBoard.x),
    h: clampSize(note.h + input.board.y - startBoard.y),
  });
  const resize: Gesture = {
    kind: 'resize',
    move(input, context) {
      context.previews.resize({ id: note.id, ...sizeAt(input) });
      return resize;
    },
    up(input, context) {
      const { w, h } = sizeAt(input);
      if (w !== note.w || h !== note.h) context.resizeNote(note.id, w, h);
      context.previews.resize(null);
      return null;
    },
    cancel: (context) => context.previews.resize(null),
  };
  return resize;
}
