import { memo } from 'react';
import type { NoteView } from '../../shared/board/note';
import { Group } from './konva';
import { NoteShape } from './NoteShape';
import { PaintedNotes, SelectionFrames } from './PaintedNotes';
import { TiledNotes } from './TiledNotes';
import type { CanvasScene } from './useCanvasScene';
import type { Viewport } from './viewport';
import { noteFontSize, type ZoneFonts } from './zoneFonts';

/** One Konva shape per note; re-rendered only when one of these props changes. */
const NoteShapes = memo(function NoteShapes({
  notes,
  scale,
  selection,
  editingId,
  editors,
  fonts,
  layoutVersion,
}: {
  notes: readonly NoteView[];
  scale: number;
  selection: ReadonlySet<string>;
  editingId: string | null;
  editors: ReadonlyMap<string, { name: string; color: string }>;
  fonts: ZoneFonts;
  layoutVersion: number;
}) {
  return (
    <>
      {notes.map((note) => (
        <NoteShape
          key={note.id}
          note={note}
          scale={scale}
          selected={selection.has(note.id)}
          editor={editors.get(note.id) ?? null}
          hideText={note.id === editingId}
          fontSize={noteFontSize(note, fonts)}
          layoutVersion={layoutVersion}
        />
      ))}
    </>
  );
});

interface NoteLayerProps {
  scene: CanvasScene;
  selection: ReadonlySet<string>;
  viewport: Viewport;
}

/** The notes at rest: bitmap tiles with the live and selected ones drawn over them, or one shape each. */
export function RestingNotes({ scene, notes, selection, editingId, viewport, size }: NoteLayerProps & { notes: readonly NoteView[]; editingId: string | null; size: { width: number; height: number } }) {
  const { fonts, layoutVersion, editors, layerScale } = scene;
  if (!scene.tiled) {
    return <NoteShapes notes={scene.resting} scale={layerScale} selection={selection} editingId={editingId} editors={editors} fonts={fonts} layoutVersion={layoutVersion} />;
  }
  return (
    <>
      <TiledNotes notes={notes} hidden={scene.tileHidden} viewport={viewport} size={size} fonts={fonts} layoutVersion={layoutVersion} />
      <NoteShapes notes={scene.live} scale={layerScale} selection={selection} editingId={editingId} editors={editors} fonts={fonts} layoutVersion={layoutVersion} />
      {scene.framed.length > 0 && <SelectionFrames notes={scene.framed} scale={viewport.scale} />}
    </>
  );
}

/** The notes being dragged, moved by the drag's offset above everything else. */
export function DraggedNotes({ scene, selection, viewport, dx, dy }: NoteLayerProps & { dx: number; dy: number }) {
  const { fonts, layoutVersion, editors, layerScale, dragged } = scene;
  return (
    <Group x={dx} y={dy} opacity={0.9}>
      {scene.tiled ? (
        <>
          <PaintedNotes notes={dragged} scale={layerScale} fonts={fonts} />
          <SelectionFrames notes={dragged} scale={viewport.scale} />
        </>
      ) : (
        <NoteShapes notes={dragged} scale={layerScale} selection={selection} editingId={null} editors={editors} fonts={fonts} layoutVersion={layoutVersion} />
      )}
    </Group>
  );
}
