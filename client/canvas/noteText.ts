/** Padding inside a note, board pixels. */
export const NOTE_PADDING = 12;
export const MAX_NOTE_FONT = 22;
export const MIN_NOTE_FONT = 10;
export const LINE_HEIGHT = 1.25;
/** Below this on-screen size text is unreadable, so it is not drawn at all (level of detail). */
export const MIN_READABLE_SCREEN_FONT = 4;

/**
 * The largest font at which `text` should fit the note, estimated from an average glyph width
 * rather than measured: measuring every note on every change would cost more than it is worth
 * with thousands of notes. Konva's ellipsis catches the rare case the estimate is too generous,
 * and the editor always shows the full text.
 */
export function fitFontSize(text: string, w: number, h: number): number {
  const innerW = Math.max(1, w - 2 * NOTE_PADDING);
  const innerH = Math.max(1, h - 2 * NOTE_PADDING - 14);
  for (let size = MAX_NOTE_FONT; size > MIN_NOTE_FONT; size -= 1) {
    const perLine = Math.max(1, Math.floor(innerW / (size * 0.55)));
    let lines = 0;
    for (const paragraph of text.split('\n')) lines += Math.max(1, Math.ceil(paragraph.length / perLine));
    if (lines * size * LINE_HEIGHT <= innerH) return size;
  }
  return MIN_NOTE_FONT;
}
