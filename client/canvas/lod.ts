/** Smallest on-screen font size (CSS px) that a person can read; smaller text is not drawn. */
export const MIN_LEGIBLE_SCREEN_FONT = 6;
/** Smallest on-screen note height (CSS px) at which placeholder bars are distinguishable. */
export const MIN_LINES_SCREEN_HEIGHT = 14;

/**
 * Level of detail for notes. Text below a legible on-screen size costs the most to draw and tells a
 * person nothing, so it is replaced by grey bars where the note is big enough to show them, and by
 * the bare coloured note below that.
 */
export const NoteDetail = {
  /** The note's text, wrapped, as the author wrote it. */
  Text: 'text',
  /** Grey bars where the lines of text are: the note reads as "has writing" without the cost. */
  Lines: 'lines',
  /** The coloured rectangle only. */
  Block: 'block',
} as const;
export type NoteDetail = (typeof NoteDetail)[keyof typeof NoteDetail];

/** How much of a note to draw at this zoom, given the font size its text is laid out at. */
export function noteDetail(scale: number, fontSize: number, noteHeight = Number.POSITIVE_INFINITY): NoteDetail {
  if (fontSize * scale >= MIN_LEGIBLE_SCREEN_FONT) return NoteDetail.Text;
  if (noteHeight * scale >= MIN_LINES_SCREEN_HEIGHT) return NoteDetail.Lines;
  return NoteDetail.Block;
}

/**
 * At and above this zoom every note is its own Konva shape (few are on screen and their text is
 * read); below it the resting notes are painted into cached bitmap tiles, so a pan or zoom frame
 * costs a few dozen bitmap copies however many notes the board holds.
 */
export const MIN_SHAPES_SCALE = 0.6;
/** Past this many visible notes, individual shapes cost more than they show, whatever the zoom. */
export const MAX_SHAPE_NOTES = 400;

/**
 * How far past a threshold the view must go to switch back from tiles to shapes. Switching costs a
 * frame or two (hundreds of shapes built, or tiles painted), so a wheel zoom that hovers around 0.6
 * must not pay it on every notch.
 */
export const TILE_HYSTERESIS = 1.15;

/**
 * Whether the resting notes are drawn as tiles (true) or as one Konva shape each (false), given what
 * the previous frame drew: from tiles, shapes come back only above MIN_SHAPES_SCALE × TILE_HYSTERESIS
 * and under MAX_SHAPE_NOTES ÷ TILE_HYSTERESIS.
 */
export function drawsTiles(scale: number, visibleNotes: number, wasTiled = false): boolean {
  const margin = wasTiled ? TILE_HYSTERESIS : 1;
  return scale < MIN_SHAPES_SCALE * margin || visibleNotes > MAX_SHAPE_NOTES / margin;
}
