import { inferLinkKind } from '../../shared/board/links';
import type { NoteView } from '../../shared/board/note';
import type { GesturePreviewState } from './gestures/previews';
import { handleRect, noteAt } from './hitTest';
import { Layer, Rect } from './konva';
import { edgeAnchor, linkHandle } from './linkGeometry';
import { LinkDraftShape, LinkHandleShape } from './LinkShapes';
import { DraggedNotes } from './NoteLayers';
import type { CanvasScene } from './useCanvasScene';
import { rectFromPoints, type Viewport } from './viewport';

const ACCENT = '#1565c0';

export interface GesturePreviewLayerProps {
  scene: CanvasScene;
  previews: GesturePreviewState;
  notes: readonly NoteView[];
  selection: ReadonlySet<string>;
  viewport: Viewport;
  /** The single selected note that may be resized, at its previewed size. */
  resizable: NoteView | null;
  /** The single selected note whose link handle is drawn. */
  linkSource: NoteView | null;
}

/** Above the notes: what the gesture in progress draws, and the selected note's handles. */
export function GesturePreviewLayer({ scene, previews, notes, selection, viewport, resizable, linkSource }: GesturePreviewLayerProps) {
  const { drag, resize, linkDraft, marquee } = previews;
  const { scale } = viewport;
  const unit = 1 / scale;
  const draftFrom = linkDraft ? notes.find((note) => note.id === linkDraft.from) : undefined;
  const draftTarget = linkDraft ? noteAt(notes, linkDraft.point) : null;
  const otherTarget = draftFrom && draftTarget && draftTarget.id !== draftFrom.id ? draftTarget : null;
  const handle = resizable && !drag ? handleRect(resizable, scale) : null;
  const area = marquee ? rectFromPoints(marquee.a, marquee.b) : null;
  return (
    <Layer listening={false}>
      {drag && <DraggedNotes scene={scene} selection={selection} viewport={viewport} dx={drag.dx} dy={drag.dy} />}
      {resize && resizable && (
        <Rect x={resizable.x} y={resizable.y} width={resizable.w} height={resizable.h} stroke={ACCENT} strokeWidth={2 * unit} dash={[6 * unit, 4 * unit]} />
      )}
      {linkSource && !linkDraft && <LinkHandleShape {...linkHandle(linkSource, scale)} scale={scale} />}
      {linkDraft && draftFrom && (
        <LinkDraftShape
          start={edgeAnchor(draftFrom, linkDraft.point)}
          point={linkDraft.point}
          target={otherTarget}
          valid={!!(otherTarget && inferLinkKind(draftFrom.zone, otherTarget.zone))}
          scale={scale}
        />
      )}
      {handle && <Rect x={handle.x} y={handle.y} width={handle.w} height={handle.h} fill="#fff" stroke={ACCENT} strokeWidth={2 * unit} cornerRadius={3 * unit} />}
      {area && <Rect x={area.x} y={area.y} width={area.w} height={area.h} fill="rgba(21,101,192,0.08)" stroke={ACCENT} strokeWidth={unit} />}
    </Layer>
  );
}
