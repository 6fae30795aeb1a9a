import { memo } from 'react';
import type { Peer } from '../board/presence';
import { Group, Line } from './konva';
import { PresenceLabel } from './PresenceLabel';

/** Other people's pointers, drawn at a constant screen size whatever the zoom. */
export const CursorShapes = memo(function CursorShapes({ peers, scale }: { peers: readonly Peer[]; scale: number }) {
  const unit = 1 / scale;
  return (
    <>
      {peers.map((peer) =>
        peer.cursor ? (
          <Group key={peer.clientId} x={peer.cursor.x} y={peer.cursor.y} scaleX={unit} scaleY={unit} listening={false}>
            <Line points={[0, 0, 0, 18, 5, 14, 9, 22, 12, 21, 8, 13, 14, 13]} closed fill={peer.user.color} stroke="#fff" strokeWidth={1.5} />
            <PresenceLabel x={12} y={20} text={peer.user.name} color={peer.user.color} fontSize={13} />
          </Group>
        ) : null,
      )}
    </>
  );
});
