import { memo } from 'react';
import type { Context } from 'konva/lib/Context';
import type { NoteView } from '../../shared/board/note';
import { useFontsVersion } from '../fonts/useFontsVersion';
import { forgetLayoutsWhenFontsLoad } from './fontRepaint';
import { Shape } from './konva';
import { paintNote } from './notePainter';
import { noteFontSize, type ZoneFonts } from './zoneFonts';

/**
 * Notes painted directly, in one shape, at the level of detail of this zoom: the notes a person
 * drags at mid and low zoom, where one Konva shape per note would cost more than it shows.
 */
export const PaintedNotes = memo(function PaintedNotes({ notes, scale, fonts }: { notes: readonly NoteView[]; scale: number; fonts: ZoneFonts }) {
  // A new draw function when fonts arrive: react-konva then redraws the layer (layouts are
  // re-measured, see fontRepaint.ts).
  forgetLayoutsWhenFontsLoad();
  useFontsVersion();
  const draw = (context: Context) => {
    for (const note of notes) paintNote(context._context, note, scale, noteFontSize(note, fonts));
  };
  return <Shape sceneFunc={draw} listening={false} perfectDrawEnabled={false} />;
});

/** The selection's frames over tiled notes (the tiles hold the notes, the frame is drawn live). */
export const SelectionFrames = memo(function SelectionFrames({ notes, scale }: { notes: readonly NoteView[]; scale: number }) {
  const draw = (context: Context) => {
    const ctx = context._context;
    ctx.strokeStyle = '#1565c0';
    ctx.lineWidth = 4 / Math.min(scale, 1);
    ctx.beginPath();
    for (const note of notes) ctx.roundRect(note.x, note.y, note.w, note.h, 4);
    ctx.stroke();
  };
  return <Shape name="selection-frames" sceneFunc={draw} listening={false} perfectDrawEnabled={false} />;
});
