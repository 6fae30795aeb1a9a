import { notesIn } from '../hitTest';
import type { Point } from '../linkGeometry';
import { rectFromPoints } from '../viewport';
import type { Gesture } from './types';

/** A rectangle dragged on empty board selects the notes it touches, added to `base` (Shift keeps the selection). */
export function startMarquee(startBoard: Point, base: readonly string[]): Gesture {
  const marquee: Gesture = {
    kind: 'marquee',
    move(input, context) {
      context.previews.marquee({ a: startBoard, b: input.board });
      return marquee;
    },
    up(input, context) {
      const area = rectFromPoints(startBoard, input.board);
      if (area.w > 0 || area.h > 0) context.select([...new Set([...base, ...notesIn(context.notes, area)])]);
      context.previews.marquee(null);
      return null;
    },
    cancel: (context) => context.previews.marquee(null),
  };
  return marquee;
}
