import { memo } from 'react';
import { textColorOn } from '../../shared/board/contrast';
import { UI_FONT_FAMILY } from '../fonts/families';
import { Group, Rect, Text } from './konva';

// The interface's font, with the shipped fonts behind it: a name may be in any script.
const FONT_FAMILY = UI_FONT_FAMILY;
let measuring: CanvasRenderingContext2D | null = null;

/** The drawn width of `text` at `fontSize`, as the canvas measures it (no estimate per character). */
function textWidth(text: string, fontSize: number): number {
  measuring ??= document.createElement('canvas').getContext('2d');
  if (!measuring) return text.length * fontSize * 0.6;
  measuring.font = `${fontSize}px ${FONT_FAMILY}`;
  return measuring.measureText(text).width;
}

/**
 * A person's name on the canvas (their cursor, the note they are editing): a tag in their presence
 * colour, which comes from their own client and may be any colour, with the text in black or white,
 * whichever reads on it (at least 4.5:1, shared/board/contrast.ts).
 */
export const PresenceLabel = memo(function PresenceLabel({ x, y, text, color, fontSize }: { x: number; y: number; text: string; color: string; fontSize: number }) {
  const padding = fontSize * 0.4;
  return (
    <Group x={x} y={y} listening={false}>
      <Rect width={textWidth(text, fontSize) + 2 * padding} height={fontSize * 1.2 + 2 * padding} cornerRadius={fontSize * 0.3} fill={color} perfectDrawEnabled={false} />
      <Text x={padding} y={padding} text={text} fontSize={fontSize} lineHeight={1.2} fontFamily={FONT_FAMILY} fill={textColorOn(color)} perfectDrawEnabled={false} />
    </Group>
  );
});
