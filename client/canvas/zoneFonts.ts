import type { NoteView } from '../../shared/board/note';
import type { Zone } from '../../shared/board/zones';
import { MAX_LARGE_NOTE_FONT, MAX_NOTE_FONT, MIN_NOTE_FONT, fitFontSize, layoutText, noteTextBox, type TextLayout } from './noteText';
import { clearMeasureCache, measureNoteText, setMeasuredFamily } from './textMeasure';

/** One font size per zone, board pixels: every note of a zone is drawn at its zone's size. */
export type ZoneFonts = Readonly<Record<Zone, number>>;

/**
 * Caches keyed by NoteView: the model replaces a note's view when the note changes, so an entry
 * never goes stale, and a keystroke measures only the note typed in. Replaced wholesale (never
 * cleared entry by entry) when the font changes.
 */
let fits = new WeakMap<NoteView, number>();
let layouts = new WeakMap<NoteView, TextLayout>();
let zoneSizes = new WeakMap<readonly NoteView[], ZoneFonts>();
let version = 0;
const listeners = new Set<() => void>();

/**
 * The largest size at which this note's whole text fits it (MIN_NOTE_FONT when none does), up to
 * MAX_NOTE_FONT, or MAX_LARGE_NOTE_FONT for a note marked large.
 */
export function noteFitSize(note: NoteView): number {
  let size = fits.get(note);
  if (size === undefined) {
    size = fitFontSize(note.text, note.w, note.h, measureNoteText, note.large ? MAX_LARGE_NOTE_FONT : MAX_NOTE_FONT);
    fits.set(note, size);
  }
  return size;
}

/** The size `note` is drawn at: its zone's, or its own when it is marked large. */
export function noteFontSize(note: NoteView, fonts: ZoneFonts): number {
  return note.large ? noteFitSize(note) : fonts[note.zone];
}

/**
 * Each zone's font size: the largest at which every note in the zone fits, but never below the
 * minimum legible size (notes that do not fit even then show "+ more"). Notes marked large have
 * their own size and do not count. A zone without notes gets the largest size. One pass of cached
 * look-ups over the notes; only changed notes are measured.
 */
export function zoneFontSizes(notes: readonly NoteView[]): ZoneFonts {
  let sizes = zoneSizes.get(notes);
  if (sizes) return sizes;
  const min: Record<Zone, number> = { who: MAX_NOTE_FONT, need: MAX_NOTE_FONT, there: MAX_NOTE_FONT };
  for (const note of notes) {
    if (note.large) continue;
    const fit = noteFitSize(note);
    if (fit < min[note.zone]) min[note.zone] = fit;
  }
  sizes = { who: Math.max(MIN_NOTE_FONT, min.who), need: Math.max(MIN_NOTE_FONT, min.need), there: Math.max(MIN_NOTE_FONT, min.there) };
  zoneSizes.set(notes, sizes);
  return sizes;
}

/** The font size notes of `zone` are drawn at (for display mode, which sizes the TV's zoom from it). */
export function zoneFontSize(notes: readonly NoteView[], zone: Zone): number {
  return zoneFontSizes(notes)[zone];
}

/** The lines `note` is drawn with at `fontSize` (its zone's size), cached per note version. */
export function noteLayout(note: NoteView, fontSize: number): TextLayout {
  const cached = layouts.get(note);
  if (cached && cached.fontSize === fontSize) return cached;
  const layout = layoutText(note.text, noteTextBox(note), fontSize);
  layouts.set(note, layout);
  return layout;
}

/**
 * Forgets every measurement and layout and redraws every note: for when the fonts change (a
 * webfont finished loading), since every width measured before is then wrong.
 */
export function invalidateTextLayout(): void {
  clearMeasureCache();
  fits = new WeakMap();
  layouts = new WeakMap();
  zoneSizes = new WeakMap();
  version += 1;
  for (const listener of [...listeners]) listener();
}

/**
 * Draws note text in another font family (a CSS font-family list, e.g. a webfont with fallbacks),
 * measuring and laying every note out again.
 */
export function setNoteFontFamily(family: string): void {
  if (setMeasuredFamily(family)) invalidateTextLayout();
}

/** For useSyncExternalStore: the layout's version changes with every invalidateTextLayout. */
export function subscribeTextLayout(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function textLayoutVersion(): number {
  return version;
}
