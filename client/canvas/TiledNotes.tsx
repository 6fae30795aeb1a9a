import { memo, useEffect, useLayoutEffect, useRef } from 'react';
import type { Context } from 'konva/lib/Context';
import type { Shape as KonvaShape } from 'konva/lib/Shape';
import type { NoteView } from '../../shared/board/note';
import { Shape } from './konva';
import { onFontsLoaded } from '../fonts/noteFonts';
import { NoteTiles } from './noteTiles';
import { forgetLayoutsWhenFontsLoad } from './fontRepaint';
import { visibleBoardRect, type Viewport } from './viewport';
import type { ZoneFonts } from './zoneFonts';

/**
 * The resting notes as cached bitmap tiles (see NoteTiles): the drawing for mid and low zoom,
 * where hundreds or thousands of notes are on screen at once. Listens to nothing; hit testing is
 * done on the model's notes by the canvas, as for note shapes.
 */
export const TiledNotes = memo(function TiledNotes({
  notes,
  hidden,
  viewport,
  size,
  fonts,
  layoutVersion,
}: {
  /** Every note on the board: the tiles find the visible ones through their own index. */
  notes: readonly NoteView[];
  /** Notes drawn elsewhere (dragged, being edited), left out of the tiles. */
  hidden: ReadonlySet<string>;
  viewport: Viewport;
  size: { width: number; height: number };
  /** Each zone's font size, and the text layout version (a new one repaints every tile). */
  fonts: ZoneFonts;
  layoutVersion: number;
}) {
  const tiles = useRef<NoteTiles | null>(null);
  tiles.current ??= new NoteTiles();
  const shape = useRef<KonvaShape>(null);
  const view = useRef({ viewport, size });
  view.current = { viewport, size };
  const retry = useRef(0);

  // Before Konva's next draw: a changed note repaints only the tiles under it.
  useLayoutEffect(() => {
    tiles.current!.update(notes, hidden, fonts, layoutVersion);
    shape.current?.getLayer()?.batchDraw();
  }, [notes, hidden, fonts, layoutVersion]);
  useEffect(() => () => cancelAnimationFrame(retry.current), []);
  // Tiles painted before a webfont arrived show its script in a fallback font, or as boxes.
  forgetLayoutsWhenFontsLoad();
  useEffect(
    () =>
      onFontsLoaded(() => {
        tiles.current!.clear();
        shape.current?.getLayer()?.batchDraw();
      }),
    [],
  );

  const draw = useRef((context: Context, node: KonvaShape) => {
    const { viewport: v, size: s } = view.current;
    const ratio = node.getLayer()?.getCanvas().getPixelRatio() ?? 1;
    const complete = tiles.current!.draw(context._context, visibleBoardRect(v, s), v.scale, ratio);
    if (!complete) {
      // Tiles still to paint: draw again next frame, spreading the painting over frames.
      cancelAnimationFrame(retry.current);
      retry.current = requestAnimationFrame(() => node.getLayer()?.batchDraw());
    }
  }).current;

  return <Shape ref={shape} name="note-tiles" sceneFunc={draw} listening={false} perfectDrawEnabled={false} />;
});
