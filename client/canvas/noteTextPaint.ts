import type { Rect } from '../../shared/board/zones';
import { textDirection, type TextDirection } from '../fonts/direction';
import { t } from '../i18n';
import { NOTE_PADDING, type TextBox, type TextLayout } from './noteText';
import { measureNoteText, noteFont } from './textMeasure';

/**
 * Drawing of laid-out note text, shared by the note shapes (zoom ≥ 0.6) and the painted tiles
 * (below), so both draw exactly the lines the layout computed and the same "+ more" marker.
 */

export const NOTE_TEXT_COLOR = '#212121';
/** The marker's words in the reader's language ("+ more"). */
export function moreLabel(): string {
  return t('canvas.more');
}
export const MORE_FONT = 11;
const MORE_HEIGHT = 16;
const MORE_PAD_X = 6;
export const MORE_FILL = '#263238';
export const MORE_TEXT_COLOR = '#ffffff';

/** How lines are drawn: the note's base direction (fonts/direction.ts) and which edge they align to. */
export interface LineStyle {
  direction: TextDirection;
  align: 'left' | 'right';
  /** A CSS font; the note font at the layout's size when left out. */
  font?: string;
}

/** The style of a note's text: a note that starts in Arabic or Hebrew reads from the right edge. */
export function lineStyleOf(text: string): LineStyle {
  const direction = textDirection(text);
  return { direction, align: direction === 'rtl' ? 'right' : 'left' };
}

/**
 * Draws the layout's lines into `box` on a context whose transform maps board pixels. The browser
 * orders each line's words from the base direction, as the outline's `dir="auto"` paragraphs do.
 */
export function drawTextLines(ctx: CanvasRenderingContext2D, layout: Pick<TextLayout, 'fontSize' | 'lineHeight' | 'lines'>, box: Pick<TextBox, 'x' | 'y' | 'width'>, style: LineStyle): void {
  ctx.font = style.font ?? noteFont(layout.fontSize);
  ctx.fillStyle = NOTE_TEXT_COLOR;
  ctx.textBaseline = 'middle';
  ctx.direction = style.direction;
  ctx.textAlign = style.align;
  const x = style.align === 'right' ? box.x + box.width : box.x;
  for (let i = 0; i < layout.lines.length; i++) {
    const line = layout.lines[i]!;
    if (line) ctx.fillText(line, x, box.y + (i + 0.5) * layout.lineHeight);
  }
  ctx.direction = 'ltr';
  ctx.textAlign = 'left';
}

/** The "+ more" marker's box, relative to the note's top left: the bottom right corner, on the author row. */
export function moreMarkerBox(note: { w: number; h: number }): Rect {
  const w = Math.ceil(measureNoteText(moreLabel(), MORE_FONT)) + 2 * MORE_PAD_X;
  return { x: note.w - NOTE_PADDING - w + MORE_PAD_X, y: note.h - NOTE_PADDING - MORE_HEIGHT + 4, w, h: MORE_HEIGHT };
}

/** The marker's box in board coordinates, for hit testing a click on it. */
export function moreMarkerRect(note: Rect): Rect {
  const box = moreMarkerBox(note);
  return { x: note.x + box.x, y: note.y + box.y, w: box.w, h: box.h };
}

/** The band over the last shown line that fades into the note: the text visibly goes on. */
export function fadeBand(layout: TextLayout, box: TextBox): Rect {
  const bottom = box.y + layout.lines.length * layout.lineHeight;
  return { x: box.x, y: bottom - layout.lineHeight, w: box.width, h: layout.lineHeight };
}

/**
 * The overflow decoration for a note whose text does not all fit: a fade over the last shown
 * line and the "+ more" marker. Drawn at the note's top left (x, y) in board pixels.
 */
export function drawOverflow(ctx: CanvasRenderingContext2D, x: number, y: number, note: { w: number; h: number; color: string }, layout: TextLayout, box: TextBox): void {
  if (layout.lines.length > 0) {
    const band = fadeBand(layout, box);
    const gradient = ctx.createLinearGradient(0, y + band.y, 0, y + band.y + band.h);
    gradient.addColorStop(0, `${note.color}00`);
    gradient.addColorStop(1, `${note.color}ff`);
    ctx.fillStyle = gradient;
    ctx.fillRect(x + band.x, y + band.y, band.w, band.h);
  }
  const marker = moreMarkerBox(note);
  ctx.fillStyle = MORE_FILL;
  ctx.beginPath();
  ctx.roundRect(x + marker.x, y + marker.y, marker.w, marker.h, marker.h / 2);
  ctx.fill();
  ctx.font = noteFont(MORE_FONT);
  ctx.fillStyle = MORE_TEXT_COLOR;
  ctx.textBaseline = 'middle';
  ctx.textAlign = 'center';
  ctx.fillText(moreLabel(), x + marker.x + marker.w / 2, y + marker.y + marker.h / 2);
  ctx.textAlign = 'left';
}
