import { useMemo, useRef, useState } from 'react';
import type { LinkView } from '../../shared/board/links';
import type { NoteView } from '../../shared/board/note';
import type { Rect } from '../../shared/board/zones';
import { useTranslation } from '../i18n';
import { noteAt } from './hitTest';
import { connectorAt, type Connector, type Point } from './linkGeometry';
import { placeLinkLabels, type PlacedLabel } from './linkLabels';
import { LABEL_MIN_SCALE, LINK_STYLES } from './LinkShapes';
import { NoteIndex } from './noteIndex';
import { measureNoteText } from './textMeasure';
import { toBoard, type Viewport } from './viewport';

const NO_LABELS: ReadonlyMap<string, PlacedLabel | null> = new Map();

export interface LinkTip {
  id: string;
  text: string;
  /** Where the pointer is, CSS px within the canvas. */
  at: Point;
}

/**
 * Where each connector's label goes (off every note, see placeLinkLabels) and the tooltip that names
 * a link whose label found no room while the mouse is on its line. The notes are kept in a spatial
 * index (updated by identity, only while the board has links), so placing a label is a few queries.
 */
export function useLinkLabels(
  notes: readonly NoteView[],
  links: readonly LinkView[],
  connectors: readonly Connector[],
  scale: number,
  layoutVersion: number,
): { labels: ReadonlyMap<string, PlacedLabel | null>; linkTip: LinkTip | null; showLinkTip(screen: Point, viewport: Viewport): void } {
  const { t } = useTranslation();
  const index = useRef<NoteIndex | null>(null);
  const notesNear = useMemo(() => {
    if (links.length === 0) return null;
    index.current ??= new NoteIndex();
    index.current.update(notes);
    const current = index.current;
    return (area: Rect): readonly Rect[] => current.query(area);
  }, [notes, links.length > 0]);
  const labels = useMemo(
    () => (notesNear && connectors.length > 0 ? placeLinkLabels(connectors, (c) => t(LINK_STYLES[c.kind].label), notesNear, scale, measureNoteText) : NO_LABELS),
    // `t` changes with the language: the labels' words, and so their widths and places, change too.
    [connectors, notesNear, scale, layoutVersion, t],
  );
  const [linkTip, setLinkTip] = useState<LinkTip | null>(null);
  const showLinkTip = (screen: Point, viewport: Viewport) => {
    let tip: LinkTip | null = null;
    if (connectors.length > 0) {
      const point = toBoard(viewport, screen);
      // The few connectors first: the notes are looked at only when the pointer is near a line.
      const onLink = connectorAt(connectors, point, viewport.scale);
      const shown = onLink && !!labels.get(onLink.id) && viewport.scale >= LABEL_MIN_SCALE;
      if (onLink && !shown && !noteAt(notes, point)) tip = { id: onLink.id, text: t(LINK_STYLES[onLink.kind].label), at: screen };
    }
    setLinkTip((current) => (current === null && tip === null ? current : tip));
  };
  return { labels, linkTip, showLinkTip };
}
