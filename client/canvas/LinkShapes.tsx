import { memo } from 'react';
import type { LinkKind } from '../../shared/board/links';
import type { Rect as BoardRect } from '../../shared/board/zones';
import { Group, Line, Rect, Text } from './konva';
import { arrowHead, deleteButton, type Connector, type Point } from './linkGeometry';
import { LABEL_SCREEN_FONT, type PlacedLabel } from './linkLabels';
import { noteFontFamily } from './textMeasure';

/** Each kind keeps its own colour and dash, so the two read apart even without their labels. */
export const LINK_STYLES: Readonly<Record<LinkKind, { color: string; dash: number[] | null; label: 'canvas.linkServedBy' | 'canvas.linkCanServe' }>> = {
  'served-by': { color: '#00796b', dash: null, label: 'canvas.linkServedBy' },
  'can-serve': { color: '#6a1b9a', dash: [10, 6], label: 'canvas.linkCanServe' },
};

/** Below this zoom the labels would be unreadable specks; the colour and dash still tell the kind. */
export const LABEL_MIN_SCALE = 0.3;

/**
 * The connectors on screen, one Konva line and arrowhead each (the line named `link`, id = link id),
 * so a few dozen links cost a few dozen shapes; the caller culls them with the notes. Drawn in a layer
 * under the notes: a line that passes a note goes behind it and never over its text. The selected one is thicker.
 */
export const LinkLines = memo(function LinkLines({
  connectors,
  scale,
  selectedId,
}: {
  connectors: readonly Connector[];
  scale: number;
  selectedId: string | null;
}) {
  const unit = 1 / scale;
  return (
    <>
      {connectors.map((connector) => {
        const style = LINK_STYLES[connector.kind];
        const selected = connector.id === selectedId;
        return (
          // The shaft is the `link` shape (tests read its points); the head is drawn beside it.
          <Group key={connector.id} listening={false}>
            <Line
              name="link"
              id={connector.id}
              points={[connector.start.x, connector.start.y, connector.end.x, connector.end.y]}
              stroke={style.color}
              strokeWidth={(selected ? 4.5 : 2.5) * unit}
              dash={style.dash ? style.dash.map((d) => d * unit) : undefined}
              lineCap="round"
              perfectDrawEnabled={false}
              shadowForStrokeEnabled={false}
              listening={false}
            />
            <Line points={arrowHead(connector.start, connector.end, 11 * unit, 11 * unit)} closed fill={style.color} perfectDrawEnabled={false} listening={false} />
          </Group>
        );
      })}
    </>
  );
});

/**
 * Over the notes: each connector's label where placeLinkLabels found room (off every note, so it
 * never covers note text), on a pale backing so the line under it does not cross the words; and
 * the selected connector's × that deletes it.
 */
export const LinkLabels = memo(function LinkLabels({
  connectors,
  labels,
  scale,
  selectedId,
  canDelete,
}: {
  connectors: readonly Connector[];
  labels: ReadonlyMap<string, PlacedLabel | null>;
  scale: number;
  selectedId: string | null;
  canDelete: boolean;
}) {
  const unit = 1 / scale;
  return (
    <>
      {connectors.map((connector) => {
        const style = LINK_STYLES[connector.kind];
        const selected = connector.id === selectedId;
        const label = labels.get(connector.id);
        const button = deleteButton(connector, scale);
        return (
          <Group key={connector.id} listening={false}>
            {scale >= LABEL_MIN_SCALE && !selected && label && (
              <Group name="link-label" x={label.x} y={label.y} linkId={connector.id} listening={false}>
                <Rect width={label.w} height={label.h} cornerRadius={label.h / 2} fill="rgba(255,255,255,0.92)" perfectDrawEnabled={false} />
                <Text
                  width={label.w}
                  height={label.h}
                  align="center"
                  verticalAlign="middle"
                  text={label.text}
                  fontSize={LABEL_SCREEN_FONT * unit}
                  fontFamily={noteFontFamily()}
                  fill={style.color}
                  perfectDrawEnabled={false}
                  listening={false}
                />
              </Group>
            )}
            {selected && canDelete && (
              <Group name="link-delete" x={button.x} y={button.y} listening={false}>
                <Rect
                  x={-button.r}
                  y={-button.r}
                  width={2 * button.r}
                  height={2 * button.r}
                  cornerRadius={button.r}
                  fill="#fff"
                  stroke="#c62828"
                  strokeWidth={2 * unit}
                  perfectDrawEnabled={false}
                />
                <Text
                  x={-button.r}
                  y={-button.r}
                  width={2 * button.r}
                  height={2 * button.r}
                  align="center"
                  verticalAlign="middle"
                  text="×"
                  fontSize={16 * unit}
                  fontFamily="system-ui, sans-serif"
                  fill="#c62828"
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

/** A link being dragged out of a note's handle: a dashed line to the pointer and the target's frame. */
export function LinkDraftShape({
  start,
  point,
  target,
  valid,
  scale,
}: {
  start: Point;
  point: Point;
  target: BoardRect | null;
  valid: boolean;
  scale: number;
}) {
  const unit = 1 / scale;
  const color = target && !valid ? '#c62828' : '#00796b';
  return (
    <>
      {target && (
        <Rect x={target.x} y={target.y} width={target.w} height={target.h} stroke={color} strokeWidth={3 * unit} cornerRadius={4} listening={false} />
      )}
      <Line points={[start.x, start.y, point.x, point.y]} stroke={color} strokeWidth={2.5 * unit} dash={[8 * unit, 6 * unit]} listening={false} />
    </>
  );
}

/** The handle a link is dragged from: a small circle on the selected note's right edge. */
export function LinkHandleShape({ x, y, r, scale }: { x: number; y: number; r: number; scale: number }) {
  return (
    <Rect
      name="link-handle"
      x={x - r}
      y={y - r}
      width={2 * r}
      height={2 * r}
      cornerRadius={r}
      fill="#00796b"
      stroke="#fff"
      strokeWidth={2 / scale}
      listening={false}
    />
  );
}
