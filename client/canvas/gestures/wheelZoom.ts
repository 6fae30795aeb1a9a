import { useEffect, type RefObject } from 'react';
import { zoomAt, type Viewport } from '../viewport';

/**
 * The view after one wheel event at `anchor` (CSS px): a trackpad's two-finger scroll (or Shift+wheel)
 * pans; a wheel, or a trackpad pinch (which browsers send as Ctrl+wheel), zooms about the pointer.
 */
export function wheelViewport(viewport: Viewport, anchor: { x: number; y: number }, event: Pick<WheelEvent, 'deltaX' | 'deltaY' | 'deltaMode' | 'ctrlKey' | 'metaKey' | 'shiftKey'>): Viewport {
  const trackpadPan = !event.ctrlKey && !event.metaKey && (event.deltaX !== 0 || event.shiftKey);
  if (trackpadPan) return { ...viewport, x: viewport.x - event.deltaX, y: viewport.y - event.deltaY };
  const unit = event.deltaMode === 1 ? 16 : 1;
  const factor = Math.exp((-event.deltaY * unit) / (event.ctrlKey ? 100 : 400));
  return zoomAt(viewport, anchor, viewport.scale * factor);
}

/** Wheel zoom and trackpad pan on the canvas element; `view` reads the latest viewport and its setter. */
export function useWheelZoom(container: RefObject<HTMLElement | null>, view: () => { viewport: Viewport; setViewport(viewport: Viewport): void }): void {
  useEffect(() => {
    const element = container.current;
    if (!element) return;
    // Registered natively because React's wheel listener is passive and cannot stop page zoom.
    const onWheel = (event: WheelEvent) => {
      event.preventDefault();
      const { viewport, setViewport } = view();
      const box = element.getBoundingClientRect();
      setViewport(wheelViewport(viewport, { x: event.clientX - box.left, y: event.clientY - box.top }, event));
    };
    element.addEventListener('wheel', onWheel, { passive: false });
    return () => element.removeEventListener('wheel', onWheel);
    // The element and the reader are stable for the canvas's life; the reader returns the latest props.
  }, []);
}
