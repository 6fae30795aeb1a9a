import { memo } from 'react';
import { textColorOn } from '../../shared/board/contrast';
import type { Peer } from '../board/presence';
import { Group, Line, Rect, Text } from './konva';

/** Other people's pointers, drawn at a constant screen size whatever the zoom. */
export const CursorShapes = memo(function CursorShapes({ peers, scale }: { peers: readonly Peer[]; scale: number }) {
  const unit = 1 / scale;
  return (
    <>
      {peers.map((peer) =>
        peer.cursor ? (
          <Group key={peer.clientId} x={peer.cursor.x} y={peer.cursor.y} scaleX={unit} scaleY={unit} listening={false}>
            <Line points={[0, 0, 0, 18, 5, 14, 9, 22, 12, 21, 8, 13, 14, 13]} closed fill={peer.user.color} stroke="#fff" strokeWidth={1.5} />
            <Rect x={12} y={20} width={peer.user.name.length * 7.5 + 12} height={20} cornerRadius={4} fill={peer.user.color} />
            <Text x={18} y={24} text={peer.user.name} fontSize={13} fontFamily="system-ui, sans-serif" fill={textColorOn(peer.user.color)} />
          </Group>
        ) : null,
      )}
    </>
  );
});
