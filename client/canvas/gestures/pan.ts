import type { Point } from '../linkGeometry';
import type { Viewport } from '../viewport';
import type { Gesture } from './types';

/** Drags the view: a middle-button or Space drag, one finger on empty board, the finger a pinch leaves. */
export function startPan(start: Point, origin: Viewport): Gesture {
  const pan: Gesture = {
    kind: 'pan',
    move(input, context) {
      context.setViewport({ ...origin, x: origin.x + input.screen.x - start.x, y: origin.y + input.screen.y - start.y });
      return pan;
    },
    up: () => null,
    cancel: () => undefined,
  };
  return pan;
}
