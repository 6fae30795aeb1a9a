import { useLayoutEffect, useMemo, useRef } from 'react';
import type { NoteView } from '../../../shared/board/note';
import type { Zone } from '../../../shared/board/zones';
import { useFontsVersion } from '../../fonts/useFontsVersion';
import { useTranslation } from '../../i18n';
import { shownPrompts } from '../../i18n/boardText';
import { forgetLayoutsWhenFontsLoad } from '../fontRepaint';
import { paintNote } from '../notePainter';
import { cullRect, intersects, type Viewport } from '../viewport';
import { noteFontSize, zoneFontSizes } from '../zoneFonts';
import { paintZones } from './zonePainter';

export interface BoardPreviewProps {
  notes: readonly NoteView[];
  prompts: Readonly<Record<Zone, string>>;
  viewport: Viewport;
  size: { width: number; height: number };
  highlightZone?: Zone | null;
}

/**
 * The board painted on a plain canvas, without Konva, while the interactive canvas loads. Konva and
 * react-konva are about 77 kB gzip: on a slow link that is seconds in which the notes can already be
 * read. The picture is the one the canvas draws (zones, then notes through the same note painter);
 * links, votes and cursors come with the canvas. It takes no input: it is replaced within one frame
 * of the canvas's code arriving, asked for once these notes show (client/screen/laterParts.ts).
 */
export function BoardPreview({ notes, prompts, viewport, size, highlightZone = null }: BoardPreviewProps) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const { t } = useTranslation();
  forgetLayoutsWhenFontsLoad();
  const fontsVersion = useFontsVersion();
  const fonts = useMemo(() => zoneFontSizes(notes), [notes]);

  useLayoutEffect(() => {
    const element = canvas.current;
    const ctx = element?.getContext('2d');
    if (!element || !ctx) return;
    const ratio = window.devicePixelRatio || 1;
    element.width = Math.round(size.width * ratio);
    element.height = Math.round(size.height * ratio);
    ctx.setTransform(ratio * viewport.scale, 0, 0, ratio * viewport.scale, ratio * viewport.x, ratio * viewport.y);
    const titles = { who: t('zones.who'), need: t('zones.need'), there: t('zones.there') };
    paintZones(ctx, titles, shownPrompts(prompts, t), highlightZone);
    const area = cullRect(viewport, size);
    for (const note of notes) {
      if (intersects(note, area)) paintNote(ctx, note, viewport.scale, noteFontSize(note, fonts));
    }
    // For the bench's "notes painted" (bench/browserLoad.ts): how many notes this picture holds.
    element.dataset.notes = String(notes.length);
  }, [notes, prompts, viewport, size, highlightZone, fonts, fontsVersion, t]);

  // "canvas-loading": what people and tests wait on to go before they use the canvas.
  return (
    <div data-testid="canvas-loading">
      <canvas ref={canvas} className="board-preview" data-testid="board-preview" aria-hidden="true" style={{ width: size.width, height: size.height }} />
      <p className="visually-hidden">{t('header.loadingBoard')}</p>
    </div>
  );
}
