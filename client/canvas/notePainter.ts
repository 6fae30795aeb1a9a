import type { NoteView } from '../../shared/board/note';
import { t } from '../i18n';
import { textDirection } from '../fonts/direction';
import { NoteDetail, noteDetail } from './lod';
import { LINE_HEIGHT, NOTE_PADDING, maxLinesAt, noteTextBox } from './noteText';
import { drawOverflow, drawTextLines, lineStyleOf, moreMarkerBox } from './noteTextPaint';
import { noteFont } from './textMeasure';
import { noteLayout } from './zoneFonts';

const ELLIPSIS = '…';
/** The author line is secondary and dropped well before the note text (as in NoteShape). */
export const AUTHOR_MIN_SCREEN_FONT = 7;

/** Measures a string's width in board pixels at the font last given to `setFont`. */
export interface TextMeasure {
  setFont(font: string): void;
  width(text: string): number;
}

/**
 * Wraps `text` at word boundaries into lines no wider than `width`, breaking a word longer than a
 * line, and ends the last line with an ellipsis when the text needs more than `maxLines`. Only for
 * the author line (a name, one line): note text is laid out by noteText.ts and never cut.
 */
export function wrapLines(measure: (text: string) => number, text: string, width: number, maxLines: number): string[] {
  if (maxLines < 1) return [];
  const lines: string[] = [];
  // True once one line more than fits has been laid out: the rest is never needed.
  const push = (line: string): boolean => lines.push(line) > maxLines;
  paragraphs: for (const paragraph of text.split('\n')) {
    let line = '';
    for (const word of paragraph.split(/\s+/).filter(Boolean)) {
      const candidate = line ? `${line} ${word}` : word;
      if (measure(candidate) <= width) {
        line = candidate;
        continue;
      }
      if (line && push(line)) break paragraphs;
      // A word wider than the line is broken into pieces that fit, as Konva does.
      let rest = word;
      while (rest.length > 1 && measure(rest) > width) {
        let cut = rest.length - 1;
        while (cut > 1 && measure(rest.slice(0, cut)) > width) cut--;
        if (push(rest.slice(0, cut))) break paragraphs;
        rest = rest.slice(cut);
      }
      line = rest;
    }
    if (push(line)) break;
  }
  if (lines.length <= maxLines) return lines;
  lines.length = maxLines;
  let last = lines[maxLines - 1]!;
  while (last.length > 0 && measure(last + ELLIPSIS) > width) last = last.slice(0, -1);
  lines[maxLines - 1] = last.trimEnd() + ELLIPSIS;
  return lines;
}

function fontOf(size: number): string {
  return noteFont(size);
}

/** The detail `note` gets when painted at `scale` (tiles pass their own, bucketed, scale) in its zone's font size. */
export function paintedDetail(note: NoteView, scale: number, fontSize: number): NoteDetail {
  return noteDetail(scale, fontSize, note.h);
}

/**
 * Paints one note onto a plain 2D context whose transform maps board pixels at `scale`: the same
 * look as NoteShape (fill, hairline frame, wrapped text at its zone's `fontSize`, "+ more", author
 * line), with text replaced by bars or left out below a legible size.
 */
export function paintNote(ctx: CanvasRenderingContext2D, note: NoteView, scale: number, fontSize: number): void {
  const detail = noteDetail(scale, fontSize, note.h);
  ctx.fillStyle = note.color;
  if (detail === NoteDetail.Block) {
    ctx.fillRect(note.x, note.y, note.w, note.h);
    return;
  }
  ctx.beginPath();
  ctx.roundRect(note.x, note.y, note.w, note.h, 4);
  ctx.fill();
  ctx.strokeStyle = 'rgba(0,0,0,0.18)';
  ctx.lineWidth = Math.max(1, 0.5 / scale);
  ctx.stroke();
  const box = noteTextBox(note);
  const { width } = box;
  const lineHeight = fontSize * LINE_HEIGHT;
  const maxLines = maxLinesAt(box, fontSize);
  if (maxLines === 0 || note.text.trim() === '') return;
  const x = note.x + NOTE_PADDING;
  const y = note.y + NOTE_PADDING;
  if (detail === NoteDetail.Lines) {
    // Bars where the text is, sized from an average glyph width rather than measured.
    const perLine = Math.max(1, Math.floor(width / (fontSize * 0.55)));
    const count = Math.min(maxLines, Math.ceil(note.text.length / perLine));
    ctx.fillStyle = 'rgba(0,0,0,0.22)';
    const barsRtl = textDirection(note.text) === 'rtl';
    for (let i = 0; i < count; i++) {
      const chars = i === count - 1 ? note.text.length - i * perLine : perLine;
      const barWidth = Math.max(fontSize, Math.min(1, chars / perLine) * width);
      ctx.fillRect(barsRtl ? x + width - barWidth : x, y + i * lineHeight + lineHeight * 0.3, barWidth, lineHeight * 0.4);
    }
    return;
  }
  // The lines the note shapes draw, from the same measured layout, in the note's own direction.
  const layout = noteLayout(note, fontSize);
  drawTextLines(ctx, layout, { x, y, width }, lineStyleOf(note.text));
  if (layout.overflow) drawOverflow(ctx, note.x, note.y, note, layout, box);
  if (note.author && 11 * scale >= AUTHOR_MIN_SCREEN_FONT) {
    const author = note.addedBy ? t('common.addedBy', { author: note.author, name: note.addedBy }) : note.author;
    ctx.font = fontOf(11);
    ctx.fillStyle = 'rgba(0,0,0,0.55)';
    // Beside "+ more" the author line is shorter, as on the note shapes; right to left, it ends at that edge.
    const authorWidth = layout.overflow ? moreMarkerBox(note).x - 4 - NOTE_PADDING : width;
    const authorRtl = setDirection(ctx, author);
    const [line] = wrapLines((text) => ctx.measureText(text).width, author.replace(/\s+/g, '\u00a0'), authorWidth, 1);
    if (line) ctx.fillText(line, authorRtl ? x + authorWidth : x, note.y + note.h - NOTE_PADDING - 11 + 6.5);
  }
  ctx.direction = 'ltr';
  ctx.textAlign = 'left';
}

/** Sets the context's direction and alignment for `text`; true when it reads right to left. */
function setDirection(ctx: CanvasRenderingContext2D, text: string): boolean {
  const rtl = textDirection(text) === 'rtl';
  ctx.direction = rtl ? 'rtl' : 'ltr';
  ctx.textAlign = rtl ? 'right' : 'left';
  return rtl;
}
