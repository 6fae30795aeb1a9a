import type { NoteView } from '../../shared/board/note';
import { Group, Rect, Text } from '../canvas/konva';
import { useTranslation } from '../i18n';
import { NoteShape } from '../canvas/NoteShape';
import { noteFontSize, textLayoutVersion, zoneFontSizes } from '../canvas/zoneFonts';
import { changeBadge, type Comparison, type CompareSide } from './compare';
import { useComparison } from './useRecords';

export const ADDED_COLOR = '#2e7d32';
export const CHANGED_COLOR = '#ff8f00';
export const REMOVED_COLOR = '#78909c';

function Outline({ note, color, unit, dash }: { note: NoteView; color: string; unit: number; dash?: number[] }) {
  const pad = 4 * unit;
  return (
    <Rect
      x={note.x - pad}
      y={note.y - pad}
      width={note.w + 2 * pad}
      height={note.h + 2 * pad}
      stroke={color}
      strokeWidth={4 * unit}
      dash={dash}
      cornerRadius={6}
      listening={false}
      perfectDrawEnabled={false}
    />
  );
}

function Badge({ note, text, unit }: { note: NoteView; text: string; unit: number }) {
  const size = 13 * unit;
  const width = (text.length * 0.6 * 13 + 14) * unit;
  return (
    <Group x={note.x + note.w - width} y={note.y - size - 12 * unit} listening={false}>
      <Rect width={width} height={size + 8 * unit} fill={CHANGED_COLOR} cornerRadius={4 * unit} perfectDrawEnabled={false} />
      <Text x={7 * unit} y={4 * unit} text={text} fontSize={size} fontStyle="bold" fontFamily="system-ui, sans-serif" fill="#fff" perfectDrawEnabled={false} />
    </Group>
  );
}

/**
 * The marks of a comparison over the later board's notes: added notes outlined green, edited or
 * moved ones outlined amber with a badge, and removed ones drawn ghosted at their old place.
 * Strokes keep a constant width on screen whatever the zoom.
 */
export function CompareOverlay({
  from,
  to,
  comparer,
  scale,
}: {
  from: CompareSide;
  to: CompareSide;
  comparer: (from: CompareSide, to: CompareSide) => Comparison;
  scale: number;
}) {
  // Subscribed so the badges are redrawn in a newly chosen language.
  useTranslation();
  const { marks } = useComparison(from, to, comparer);
  const byId = to.model.getSnapshot().byId;
  const unit = 1 / Math.min(scale, 1);
  // Removed notes read at the sizes their zones had on the earlier board.
  const fonts = zoneFontSizes(from.model.getSnapshot().notes);
  return (
    <>
      {marks.removed.map((note) => (
        <Group key={`removed-${note.id}`} opacity={0.35} listening={false}>
          <NoteShape note={note} scale={scale} selected={false} editor={null} hideText={false} fontSize={noteFontSize(note, fonts)} layoutVersion={textLayoutVersion()} />
          <Outline note={note} color={REMOVED_COLOR} unit={unit} dash={[10 * unit, 6 * unit]} />
        </Group>
      ))}
      {[...marks.added].map((id) => {
        const note = byId.get(id);
        return note ? <Outline key={`added-${id}`} note={note} color={ADDED_COLOR} unit={unit} /> : null;
      })}
      {[...marks.changed].map(([id, change]) => {
        const note = byId.get(id);
        if (!note) return null;
        return (
          <Group key={`changed-${id}`} listening={false}>
            <Outline note={note} color={CHANGED_COLOR} unit={unit} />
            <Badge note={note} text={changeBadge(change)} unit={unit} />
          </Group>
        );
      })}
    </>
  );
}
