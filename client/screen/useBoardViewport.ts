import { useCallback, useEffect, useRef, useState, type RefObject } from 'react';
import type { Rect } from '../../shared/board/zones';
import { useElementSize } from '../canvas/useElementSize';
import { fitBoard, intersects, visibleBoardRect, zoomAt, type Viewport } from '../canvas/viewport';

export interface BoardViewport {
  /** The element the board is drawn in; its size is the stage's. */
  readonly stageHost: RefObject<HTMLElement | null>;
  readonly size: { width: number; height: number };
  readonly viewport: Viewport;
  setViewport(next: Viewport | ((current: Viewport) => Viewport)): void;
  /** Zooms by `factor` about the middle of the screen. */
  zoomBy(factor: number): void;
  /** The whole board on screen. */
  zoomFit(): void;
  /** Brings `rect` to the middle of the screen if none of it is on screen. */
  reveal(rect: Rect): void;
}

/** Where the board is looked at from: fitted to the stage once it has a size, then zoomed and panned. */
export function useBoardViewport(): BoardViewport {
  const stageHost = useRef<HTMLElement>(null);
  const size = useElementSize(stageHost);
  const [viewport, setViewport] = useState<Viewport>({ x: 0, y: 0, scale: 0.3 });
  const fitted = useRef(false);
  useEffect(() => {
    if (!fitted.current && size.width > 0 && size.height > 0) {
      fitted.current = true;
      setViewport(fitBoard(size));
    }
  }, [size]);

  const zoomBy = useCallback(
    (factor: number) => setViewport((current) => zoomAt(current, { x: size.width / 2, y: size.height / 2 }, current.scale * factor)),
    [size],
  );
  const zoomFit = useCallback(() => setViewport(fitBoard(size)), [size]);
  // Only a pan, and only when off screen: zooming would move everything under other people's eyes
  // on a shared screen, and the note editor magnifies small notes itself.
  const reveal = useCallback(
    (rect: Rect) =>
      setViewport((current) => {
        if (intersects(rect, visibleBoardRect(current, size))) return current;
        return { ...current, x: size.width / 2 - (rect.x + rect.w / 2) * current.scale, y: size.height / 2 - (rect.y + rect.h / 2) * current.scale };
      }),
    [size],
  );
  return { stageHost, size, viewport, setViewport, zoomBy, zoomFit, reveal };
}
