/**
 * Text the PDF library cannot draw — colour emoji, letters with combining marks, scripts with no
 * embedded font — drawn by the browser, which shapes every script, onto a canvas, and placed in
 * the PDF as a picture the size the text would have had. Sizes are in PDF points; the canvas
 * draws at SCALE pixels per point so the picture stays sharp when printed.
 */
const SCALE = 4;

export interface TextImage {
  dataUrl: string;
  /** Advance width, and the extent above and below the baseline, in points. */
  width: number;
  ascent: number;
  descent: number;
}

let scratch: CanvasRenderingContext2D | null = null;
function context(): CanvasRenderingContext2D {
  scratch ??= document.createElement('canvas').getContext('2d');
  if (!scratch) throw new Error('this browser cannot draw text on a canvas');
  return scratch;
}

const fontOf = (size: number, families: string, bold: boolean) => `${bold ? 'bold ' : ''}${size * SCALE}px ${families}`;

/** How wide `text` is when the browser draws it, in points. */
export function measureTextImage(text: string, size: number, families: string, bold: boolean): number {
  const ctx = context();
  ctx.font = fontOf(size, families, bold);
  return ctx.measureText(text).width / SCALE;
}

/** `text` drawn in black on a transparent canvas, as a PNG data URL with its metrics. */
export function renderTextImage(text: string, size: number, families: string, bold: boolean): TextImage {
  const ctx = context();
  ctx.font = fontOf(size, families, bold);
  const metrics = ctx.measureText(text);
  // The font's own ascent and descent, or the ink's when a glyph reaches past them (emoji do).
  const ascent = Math.max(metrics.fontBoundingBoxAscent, metrics.actualBoundingBoxAscent, size * SCALE * 0.8);
  const descent = Math.max(metrics.fontBoundingBoxDescent, metrics.actualBoundingBoxDescent, size * SCALE * 0.2);
  const left = Math.max(0, metrics.actualBoundingBoxLeft);
  const canvas = document.createElement('canvas');
  canvas.width = Math.max(1, Math.ceil(Math.max(metrics.width, metrics.actualBoundingBoxRight) + left));
  canvas.height = Math.max(1, Math.ceil(ascent + descent));
  const draw = canvas.getContext('2d');
  if (!draw) throw new Error('this browser cannot draw text on a canvas');
  draw.font = ctx.font;
  draw.fillStyle = '#000000';
  draw.textBaseline = 'alphabetic';
  draw.fillText(text, left, ascent);
  return {
    dataUrl: canvas.toDataURL('image/png'),
    width: canvas.width / SCALE,
    ascent: ascent / SCALE,
    descent: descent / SCALE,
  };
}
