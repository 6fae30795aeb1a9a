import type { Point } from '../linkGeometry';
import { zoomAt, type Viewport } from '../viewport';
import { startPan } from './pan';
import type { Gesture } from './types';

function distance(a: Point, b: Point): number {
  return Math.hypot(a.x - b.x, a.y - b.y);
}

function midpoint(a: Point, b: Point): Point {
  return { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 };
}

/** Two fingers zoom about their centre and pan as the centre moves; a third finger changes nothing. */
export function startPinch(pointers: readonly Point[], origin: Viewport): Gesture {
  const [a, b] = pointers as [Point, Point];
  const startDistance = Math.max(1, distance(a, b));
  const startCenter = midpoint(a, b);
  const pinch: Gesture = {
    kind: 'pinch',
    move(input, context) {
      const [c, d] = input.pointers as [Point, Point];
      const center = midpoint(c, d);
      const zoomed = zoomAt(origin, startCenter, origin.scale * (distance(c, d) / startDistance));
      context.setViewport({ ...zoomed, x: zoomed.x + center.x - startCenter.x, y: zoomed.y + center.y - startCenter.y });
      return pinch;
    },
    up: () => null,
    // Lifting one finger goes on as a pan with the other.
    lift: (input, context) => startPan(input.pointers[0] as Point, context.viewport),
    cancel: () => undefined,
  };
  return pinch;
}
