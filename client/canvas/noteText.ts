/** Padding inside a note, board pixels. */
export const NOTE_PADDING = 12;
/** Short notes get big type, so that they read from across a room on the shared screen. */
export const MAX_NOTE_FONT = 36;
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
  const paragraphs = text.split('\n').map((paragraph) => paragraph.split(/\s+/).filter(Boolean).map((word) => word.length));
  for (let size = MAX_NOTE_FONT; size > MIN_NOTE_FONT; size -= 1) {
    const perLine = Math.max(1, Math.floor(innerW / (size * 0.55)));
    if (wrappedLines(paragraphs, perLine) * size * LINE_HEIGHT <= innerH) return size;
  }
  return MIN_NOTE_FONT;
}

/** Lines after wrapping at word boundaries as Konva does (a word longer than a line is broken). */
function wrappedLines(paragraphs: readonly number[][], perLine: number): number {
  let lines = 0;
  for (const words of paragraphs) {
    let used = 0;
    lines += 1;
    for (const length of words) {
      const needed = used === 0 ? length : used + 1 + length;
      if (needed <= perLine) {
        used = needed;
        continue;
      }
      if (used > 0) lines += 1;
      lines += Math.floor(Math.max(0, length - 1) / perLine);
      used = length % perLine || perLine;
    }
  }
  return lines;
}
