/** Above this zoom few notes are on screen, so drawing them directly is cheap and bitmaps would be large. */
export const MAX_CACHED_SCALE = 1.5;

/**
 * Zoom levels are snapped to quarter octaves (rounded up, so bitmaps are never blurry) before they
 * reach note shapes: zooming within a step then neither re-renders nor re-rasterises a note.
 */
export function scaleBucket(scale: number): number {
  return 2 ** (Math.ceil(Math.log2(scale) * 4 - 1e-9) / 4);
}

/** Pixel ratio of a note's cached bitmap at this (bucketed) zoom, or `null` to draw it directly. */
export function cachePixelRatio(scale: number): number | null {
  if (scale > MAX_CACHED_SCALE) return null;
  const device = typeof window === 'undefined' ? 1 : window.devicePixelRatio || 1;
  return scale * device;
}
