import { memo } from 'react';
import type { Context } from 'konva/lib/Context';
import type { NoteView } from '../../shared/board/note';
import type { Rect as BoardRect } from '../../shared/board/zones';
import { Group, Rect, Shape, Text } from './konva';
import { voteButtons } from './voteGeometry';

/** Up to this many own dots are drawn one by one; more read as "●×7". */
const MAX_DRAWN_DOTS = 5;

function dotsLabel(dots: number): string {
  return dots <= MAX_DRAWN_DOTS ? '●'.repeat(dots) : `●×${dots}`;
}

/**
 * Dot voting on the canvas: the "+" / "−" buttons of every visible note (one shape drawn in one
 * pass, since it is on every note), this person's own dots (`vote-mine`) and, once revealed, each
 * note's total (`vote-total`, "● 3"). Totals are given only after the reveal, so nothing here can
 * show them early.
 */
export const VoteMarks = memo(function VoteMarks({
  notes,
  place,
  scale,
  buttons,
  mine,
  totals,
}: {
  notes: readonly NoteView[];
  place: (note: NoteView) => BoardRect;
  scale: number;
  /** Draw the dot buttons (a vote runs and this person may vote). */
  buttons: boolean;
  mine: ReadonlyMap<string, number>;
  totals: ReadonlyMap<string, number> | null;
}) {
  // Badges sit just above the note's top edge (total on the left, own dots on the right) so they never cover its text.
  const unit = 1 / scale;
  const drawButtons = (context: Context) => {
    const ctx = context._context;
    ctx.lineWidth = 1.5 * unit;
    ctx.font = `bold ${14 * unit}px system-ui, sans-serif`;
    ctx.textAlign = 'center';
    ctx.textBaseline = 'middle';
    for (const note of notes) {
      const { plus, minus } = voteButtons(place(note), scale);
      const circles = (mine.get(note.id) ?? 0) > 0 ? [[plus, '+'], [minus, '−']] as const : [[plus, '+']] as const;
      for (const [circle, sign] of circles) {
        ctx.beginPath();
        ctx.arc(circle.x, circle.y, circle.r, 0, 2 * Math.PI);
        ctx.fillStyle = '#ffffff';
        ctx.fill();
        ctx.strokeStyle = '#1565c0';
        ctx.stroke();
        ctx.fillStyle = '#1565c0';
        ctx.fillText(sign, circle.x, circle.y + unit);
      }
    }
  };
  return (
    <>
      {buttons && <Shape name="vote-buttons" sceneFunc={drawButtons} listening={false} perfectDrawEnabled={false} />}
      {notes.map((note) => {
        const dots = mine.get(note.id) ?? 0;
        const total = totals?.get(note.id) ?? 0;
        if (dots === 0 && total === 0) return null;
        const rect = place(note);
        return (
          <Group key={note.id} x={rect.x} y={rect.y} listening={false}>
            {dots > 0 && (
              <Text
                name="vote-mine"
                x={0}
                y={-20 * unit}
                width={rect.w}
                align="right"
                text={dotsLabel(dots)}
                fontSize={14 * unit}
                fontFamily="system-ui, sans-serif"
                fill="#1565c0"
                perfectDrawEnabled={false}
                listening={false}
              />
            )}
            {total > 0 && (
              <Group name="vote-total" listening={false}>
                <Rect x={0} y={-28 * unit} width={46 * unit} height={24 * unit} cornerRadius={12 * unit} fill="#c62828" perfectDrawEnabled={false} />
                <Text
                  x={0}
                  y={-28 * unit}
                  width={46 * unit}
                  height={24 * unit}
                  align="center"
                  verticalAlign="middle"
                  text={`● ${total}`}
                  fontSize={14 * unit}
                  fontStyle="bold"
                  fontFamily="system-ui, sans-serif"
                  fill="#fff"
                  perfectDrawEnabled={false}
                />
              </Group>
            )}
          </Group>
        );
      })}
    </>
  );
});
