import type { Point } from '../linkGeometry';
import { startDrag } from './drag';
import type { Gesture } from './types';

/** Pointer travel (CSS px) before a press becomes a drag rather than a click. */
export const DRAG_THRESHOLD = 4;

/**
 * A note pressed (and selected) by someone who may move it, like tldraw's PointingShape: a click
 * if released here, a drag of `ids` once the pointer has travelled past the threshold.
 */
export function startPress(start: Point, startBoard: Point, ids: readonly string[]): Gesture {
  const press: Gesture = {
    kind: 'press',
    move(input, context) {
      if (Math.hypot(input.screen.x - start.x, input.screen.y - start.y) < DRAG_THRESHOLD) return press;
      return startDrag(startBoard, ids).move(input, context);
    },
    up: () => null,
    cancel: () => undefined,
  };
  return press;
}
