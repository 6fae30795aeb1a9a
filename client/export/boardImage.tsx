import { flushSync } from 'react-dom';
import { createRoot } from 'react-dom/client';
import type { Stage as KonvaStage } from 'konva/lib/Stage';
import type { LinkView } from '../../shared/board/links';
import type { NoteView } from '../../shared/board/note';
import type { Zone } from '../../shared/board/zones';
import { t } from '../i18n';
import { Layer, Rect, Stage } from '../canvas/konva';
import { LINK_STYLES, LinkLabels, LinkLines } from '../canvas/LinkShapes';
import { visibleConnectors } from '../canvas/linkGeometry';
import { placeLinkLabels } from '../canvas/linkLabels';
import { NoteShape } from '../canvas/NoteShape';
import { measureNoteText } from '../canvas/textMeasure';
import { noteFontSize, textLayoutVersion, zoneFontSizes } from '../canvas/zoneFonts';
import { intersects } from '../canvas/viewport';
import { ZoneShapes } from '../canvas/ZoneShapes';
import { whenNoteFontsReady } from '../fonts/noteFonts';
import { boardBounds, exportPixelRatio } from './bounds';

/** What a board image shows: the notes, the links between them and the prompts under the zone titles. */
export interface BoardPicture {
  notes: readonly NoteView[];
  links: readonly LinkView[];
  prompts: Readonly<Record<Zone, string>>;
}

export interface BoardImage {
  blob: Blob;
  /** Image size in pixels. */
  width: number;
  height: number;
}

export interface BoardImageOptions {
  mimeType?: 'image/png' | 'image/jpeg';
  quality?: number;
  pixelRatio?: number;
}

/**
 * Draws the whole board — every zone and note, not just what the screen shows — on a stage of
 * its own, off screen, at scale 1 with no culling or level of detail, and encodes it. The live
 * canvas is left alone, so exporting never makes the board jump under the person's eyes.
 * The fonts of every word on it are loaded first: a canvas draws a font that is still on its way
 * in a fallback, and on a machine without one for the script, as boxes.
 */
export async function renderBoardImage(picture: BoardPicture, options: BoardImageOptions = {}): Promise<BoardImage> {
  await whenNoteFontsReady([
    ...picture.notes.flatMap((note) => [note.text, note.author, note.addedBy ?? '']),
    ...Object.values(picture.prompts),
  ]);
  const area = boardBounds(picture.notes);
  const pixelRatio = exportPixelRatio(area, options.pixelRatio ?? 2);
  const connectors = visibleConnectors(picture.links, new Map(picture.notes.map((note) => [note.id, note])), area);
  // Once per export, so a linear search for the notes near a label is fine.
  const labels = placeLinkLabels(connectors, (c) => t(LINK_STYLES[c.kind].label), (near) => picture.notes.filter((note) => intersects(note, near)), 1, measureNoteText);
  const fonts = zoneFontSizes(picture.notes);
  const host = document.createElement('div');
  host.setAttribute('aria-hidden', 'true');
  host.style.cssText = 'position:fixed;left:-100000px;top:0;pointer-events:none;';
  document.body.append(host);
  const root = createRoot(host);
  let stage: KonvaStage | null = null;
  try {
    flushSync(() =>
      root.render(
        <Stage ref={(node: KonvaStage | null) => void (stage = node)} width={area.w} height={area.h} x={-area.x} y={-area.y} listening={false}>
          <Layer listening={false}>
            {/* Transparent pixels turn black in a JPEG; the page the board sits on is white. */}
            <Rect x={area.x} y={area.y} width={area.w} height={area.h} fill="#ffffff" />
            <ZoneShapes prompts={picture.prompts} />
            {/* Lines under the notes and labels off them, as on the live canvas. */}
            <LinkLines connectors={connectors} scale={1} selectedId={null} />
            {picture.notes.map((note) => (
              <NoteShape
                key={note.id}
                note={note}
                scale={1}
                selected={false}
                editor={null}
                hideText={false}
                fontSize={noteFontSize(note, fonts)}
                layoutVersion={textLayoutVersion()}
              />
            ))}
            <LinkLabels connectors={connectors} labels={labels} scale={1} selectedId={null} canDelete={false} />
          </Layer>
        </Stage>,
      ),
    );
    const drawn = stage as KonvaStage | null;
    if (!drawn) throw new Error('the board could not be drawn');
    const width = Math.round(area.w * pixelRatio);
    const height = Math.round(area.h * pixelRatio);
    // toBlob rather than toDataURL: a 6000-pixel-wide image is megabytes, and a base64 string of it
    // would be copied a few more times on its way to a download.
    const blob = await drawn.toBlob({ pixelRatio, mimeType: options.mimeType ?? 'image/png', quality: options.quality });
    return { blob, width, height };
  } finally {
    root.unmount();
    host.remove();
  }
}
