import { useRef, useState, type ReactNode } from 'react';
import type { NoteView } from '../../shared/board/note';
import { FullTextPopover } from './FullTextPopover';
import { pointInRect } from './hitTest';
import type { Point } from './linkGeometry';
import { NoteDetail, noteDetail } from './lod';
import { moreMarkerRect } from './noteTextPaint';
import { toScreen, type Viewport } from './viewport';
import { noteFontSize, noteLayout, type ZoneFonts } from './zoneFonts';

/** Room the read-only popover keeps within the canvas (CSS px): its width, and the least height it gets. */
const POPOVER_SIZE = { width: 436, height: 220 };

export interface FullTextContext {
  notes: readonly NoteView[];
  viewport: Viewport;
  size: { width: number; height: number };
  canEdit: boolean;
  onEditNote(id: string): void;
}

/**
 * The whole text of a note that holds more than it shows: whether a board point is on its "+ more"
 * marker, and opening it — the note editor for people who may edit, a read-only popover for others.
 */
export function useFullText(
  fonts: ZoneFonts,
  context: FullTextContext,
): { onMoreMarker(note: NoteView, point: Point, scale: number): boolean; openFullText(note: NoteView): void; popover: ReactNode } {
  const latest = useRef(context);
  latest.current = context;
  const [reading, setReading] = useState<{ id: string; at: Point; maxHeight: number } | null>(null);

  const onMoreMarker = (note: NoteView, point: Point, scale: number): boolean => {
    const fontSize = noteFontSize(note, fonts);
    if (noteDetail(scale, fontSize) !== NoteDetail.Text || !noteLayout(note, fontSize).overflow) return false;
    const box = moreMarkerRect(note);
    const slack = 4 / scale;
    return pointInRect(point, { x: box.x - slack, y: box.y - slack, w: box.w + 2 * slack, h: box.h + 2 * slack });
  };

  const openFullText = (note: NoteView) => {
    const c = latest.current;
    if (c.canEdit) {
      c.onEditNote(note.id);
      return;
    }
    const corner = toScreen(c.viewport, { x: note.x, y: note.y });
    const x = Math.max(8, Math.min(corner.x, c.size.width - POPOVER_SIZE.width));
    const y = Math.max(8, Math.min(corner.y, c.size.height - POPOVER_SIZE.height));
    setReading({ id: note.id, at: { x, y }, maxHeight: c.size.height - y - 8 });
  };

  const note = reading ? context.notes.find((candidate) => candidate.id === reading.id) : undefined;
  const popover = reading && note ? <FullTextPopover note={note} at={reading.at} maxHeight={reading.maxHeight} onClose={() => setReading(null)} /> : null;
  return { onMoreMarker, openFullText, popover };
}
