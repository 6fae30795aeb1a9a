import { memo } from 'react';
import type { Participant } from '../board/presence';
import { Group, Line } from './konva';
import { PresenceLabel } from './PresenceLabel';

/** Other people's pointers, drawn at a constant screen size whatever the zoom. */
export const CursorShapes = memo(function CursorShapes({ participants, scale }: { participants: readonly Participant[]; scale: number }) {
  const unit = 1 / scale;
  return (
    <>
      {participants.map((participant) =>
        participant.cursor ? (
          <Group key={participant.clientId} x={participant.cursor.x} y={participant.cursor.y} scaleX={unit} scaleY={unit} listening={false}>
            <Line points={[0, 0, 0, 18, 5, 14, 9, 22, 12, 21, 8, 13, 14, 13]} closed fill={participant.user.color} stroke="#fff" strokeWidth={1.5} />
            <PresenceLabel x={12} y={20} text={participant.user.name} color={participant.user.color} fontSize={13} />
          </Group>
        ) : null,
      )}
    </>
  );
});
