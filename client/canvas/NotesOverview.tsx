import { memo } from 'react';
import type { Context } from 'konva/lib/Context';
import type { NoteView } from '../../shared/board/note';
import { Shape } from './konva';

/**
 * Level of detail for when text would be unreadable: every note is a plain rectangle, all drawn by
 * one Konva shape in a single pass, instead of thousands of nodes.
 */
export const NotesOverview = memo(function NotesOverview({
  notes,
  selection,
}: {
  notes: readonly NoteView[];
  selection: ReadonlySet<string>;
}) {
  const draw = (context: Context) => {
    const ctx = context._context;
    for (const note of notes) {
      ctx.fillStyle = note.color;
      ctx.fillRect(note.x, note.y, note.w, note.h);
    }
    if (selection.size > 0) {
      ctx.strokeStyle = '#1565c0';
      ctx.lineWidth = 12;
      for (const note of notes) if (selection.has(note.id)) ctx.strokeRect(note.x, note.y, note.w, note.h);
    }
  };
  return <Shape sceneFunc={draw} listening={false} perfectDrawEnabled={false} />;
});
