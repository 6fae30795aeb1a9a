import { useMemo, useState } from 'react';
import type { Point } from '../linkGeometry';

/** Notes being dragged, drawn moved by (dx, dy) before the model hears of the move. */
export interface DragPreview {
  ids: ReadonlySet<string>;
  dx: number;
  dy: number;
}

export interface MarqueePreview {
  a: Point;
  b: Point;
}

export interface ResizePreview {
  id: string;
  w: number;
  h: number;
}

export interface LinkDraftPreview {
  from: string;
  point: Point;
}

/** The setters a gesture draws its preview with; `null` takes the preview away. */
export interface GesturePreviews {
  drag(preview: DragPreview | null): void;
  marquee(preview: MarqueePreview | null): void;
  resize(preview: ResizePreview | null): void;
  linkDraft(preview: LinkDraftPreview | null): void;
}

/** What the gesture in progress draws now (board units). */
export interface GesturePreviewState {
  drag: DragPreview | null;
  marquee: MarqueePreview | null;
  resize: ResizePreview | null;
  linkDraft: LinkDraftPreview | null;
}

/** What the gestures draw while they run, and the setters they draw it with. */
export function useGesturePreviews(): GesturePreviewState & { set: GesturePreviews } {
  const [drag, setDrag] = useState<DragPreview | null>(null);
  const [marquee, setMarquee] = useState<MarqueePreview | null>(null);
  const [resize, setResize] = useState<ResizePreview | null>(null);
  const [linkDraft, setLinkDraft] = useState<LinkDraftPreview | null>(null);
  const set = useMemo<GesturePreviews>(() => ({ drag: setDrag, marquee: setMarquee, resize: setResize, linkDraft: setLinkDraft }), []);
  return { drag, marquee, resize, linkDraft, set };
}
