import { useCallback, useRef, type PointerEvent as ReactPointerEvent, type MouseEvent as ReactMouseEvent, type RefObject } from 'react';
import type { Point } from '../linkGeometry';
import { toBoard } from '../viewport';
import { createTapTracker, openAt } from './doubleTap';
import { startGesture } from './idle';
import type { Gesture, GestureContext, PointerInput } from './types';
import { useWheelZoom } from './wheelZoom';

/** What the pointer does outside any gesture: presence's cursor and the link labels' tooltips. */
export interface PointerHover {
  /** The pointer's board point for the others' view of this cursor; `null` when it leaves the canvas. */
  onCursorMove(point: Point | null): void;
  /** A mouse resting over the canvas (CSS px), for the tooltips it may show. */
  onHover(screen: Point): void;
}

export interface CanvasPointerHandlers {
  onPointerDown(event: ReactPointerEvent<HTMLElement>): void;
  onPointerMove(event: ReactPointerEvent<HTMLElement>): void;
  onPointerUp(event: ReactPointerEvent<HTMLElement>): void;
  onPointerCancel(event: ReactPointerEvent<HTMLElement>): void;
  onPointerLeave(event: ReactPointerEvent<HTMLElement>): void;
  onDoubleClick(event: ReactMouseEvent<HTMLElement>): void;
}

/**
 * Wires the canvas element's pointer, double-click and wheel events to the gesture in progress
 * (client/canvas/gestures/): at most one at a time, started by idle.ts and carried on by each
 * event's returned state. `cancel` drops it (Escape) with its preview and commits nothing.
 */
export function useGestures(
  container: RefObject<HTMLElement | null>,
  context: GestureContext,
  hover: PointerHover,
): { handlers: CanvasPointerHandlers; cancel(): void } {
  // Handlers keep their identity; they read this render's context and callbacks through the ref.
  const latest = useRef({ context, hover });
  latest.current = { context, hover };
  const pointers = useRef(new Map<number, Point>());
  const gesture = useRef<Gesture | null>(null);
  const taps = useRef(createTapTracker());
  useWheelZoom(container, () => latest.current.context);

  const handlers = useRef<CanvasPointerHandlers | null>(null);
  if (!handlers.current) {
    const localPoint = (event: { clientX: number; clientY: number }): Point => {
      const box = container.current?.getBoundingClientRect();
      return { x: event.clientX - (box?.left ?? 0), y: event.clientY - (box?.top ?? 0) };
    };
    const inputOf = (event: ReactPointerEvent<HTMLElement>, screen: Point): PointerInput => ({
      screen,
      board: toBoard(latest.current.context.viewport, screen),
      pointers: [...pointers.current.values()],
      button: event.button,
      pointerType: event.pointerType,
      shiftKey: event.shiftKey,
      altKey: event.altKey,
      time: performance.now(),
    });
    const release = (event: ReactPointerEvent<HTMLElement>) => {
      const { context: current } = latest.current;
      pointers.current.delete(event.pointerId);
      const running = gesture.current;
      if (!running) return;
      const input = inputOf(event, localPoint(event));
      if (pointers.current.size > 0) gesture.current = running.lift ? running.lift(input, current) : running;
      else if (event.type === 'pointercancel') {
        running.cancel(current);
        gesture.current = null;
      } else gesture.current = running.up(input, current);
    };
    handlers.current = {
      onPointerDown(event) {
        const { context: current } = latest.current;
        const screen = localPoint(event);
        container.current?.setPointerCapture(event.pointerId);
        container.current?.focus({ preventScroll: true });
        pointers.current.set(event.pointerId, screen);
        const running = gesture.current;
        if (running) {
          // A third finger leaves a pinch alone; a second one, or a press while a gesture was lost, starts over.
          if (pointers.current.size > 2) return;
          running.cancel(current);
        }
        gesture.current = startGesture(inputOf(event, screen), current, taps.current);
      },
      onPointerMove(event) {
        const { context: current, hover: pointer } = latest.current;
        const screen = localPoint(event);
        if (event.pointerType !== 'touch') pointer.onCursorMove(toBoard(current.viewport, screen));
        if (event.pointerType === 'mouse' && !gesture.current) pointer.onHover(screen);
        if (!pointers.current.has(event.pointerId)) return;
        pointers.current.set(event.pointerId, screen);
        const running = gesture.current;
        if (running) gesture.current = running.move(inputOf(event, screen), current);
      },
      onPointerUp: release,
      onPointerCancel: release,
      onPointerLeave(event) {
        if (event.pointerType !== 'touch') latest.current.hover.onCursorMove(null);
      },
      onDoubleClick(event) {
        const { context: current } = latest.current;
        if (current.panMode) return;
        openAt(toBoard(current.viewport, localPoint(event)), current);
      },
    };
  }

  const cancel = useCallback(() => {
    gesture.current?.cancel(latest.current.context);
    gesture.current = null;
  }, []);
  return { handlers: handlers.current, cancel };
}
