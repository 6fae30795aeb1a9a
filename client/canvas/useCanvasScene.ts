import { useCallback, useMemo, useRef, useSyncExternalStore } from 'react';
import type { LinkView } from '../../shared/board/links';
import type { NoteView } from '../../shared/board/note';
import type { Participant } from '../board/presence';
import { forgetLayoutsWhenFontsLoad } from './fontRepaint';
import type { DragPreview, ResizePreview } from './gestures/previews';
import { visibleConnectors, type Connector } from './linkGeometry';
import { drawsTiles } from './lod';
import { scaleBucket } from './noteCache';
import { cullRect, intersects, type Viewport } from './viewport';
import { subscribeTextLayout, textLayoutVersion, zoneFontSizes, type ZoneFonts } from './zoneFonts';

/** Vote marks are drawn from this zoom up (where 10 px type still reads at 4 px). */
const MIN_DETAILED_SCALE = 0.4;
/** Past this many visible notes, vote marks on each would be too small to use; they are left out. */
const MAX_DETAILED_NOTES = 1500;
const NO_NOTES: ReadonlyMap<string, NoteView> = new Map();
const NO_IDS: ReadonlySet<string> = new Set();

export interface SceneInput {
  notes: readonly NoteView[];
  links: readonly LinkView[];
  viewport: Viewport;
  size: { width: number; height: number };
  selection: ReadonlySet<string>;
  editingId: string | null;
  participants: readonly Participant[];
  drag: DragPreview | null;
  resize: ResizePreview | null;
}

export interface CanvasScene {
  fonts: ZoneFonts;
  layoutVersion: number;
  /** The notes that meet the (snapped) view. */
  visible: readonly NoteView[];
  /** Few enough notes, close enough, for vote marks and dot buttons. */
  detailed: boolean;
  /** Visible notes not being dragged. */
  resting: readonly NoteView[];
  dragged: readonly NoteView[];
  /** Who edits which note, from presence. */
  editors: ReadonlyMap<string, { name: string; color: string }>;
  /** Resting notes are drawn as bitmap tiles; `live` (edited, dragged) and `framed` (selected) are drawn over them. */
  tiled: boolean;
  tileHidden: ReadonlySet<string>;
  live: readonly NoteView[];
  framed: readonly NoteView[];
  /** The zoom step shapes re-render at (text level of detail), rather than every zoom change. */
  layerScale: number;
  /** A note's rectangle as drawn now, dragged or resized before the model hears of it. */
  place(note: NoteView): { x: number; y: number; w: number; h: number };
  connectors: readonly Connector[];
}

/** What the canvas draws this frame, derived from its props and the previews of the gesture in progress. */
export function useCanvasScene({ notes, links, viewport, size, selection, editingId, participants, drag, resize }: SceneInput): CanvasScene {
  // One font size per zone, from measured text; re-measured when the fonts change.
  // Layouts measured before a webfont arrived are measured again (fontRepaint.ts), which bumps the version.
  forgetLayoutsWhenFontsLoad();
  const layoutVersion = useSyncExternalStore(subscribeTextLayout, textLayoutVersion, textLayoutVersion);
  const fonts = useMemo(() => zoneFontSizes(notes), [notes, layoutVersion]);

  const cull = cullRect(viewport, size);
  const visible = useMemo(
    () => notes.filter((note) => intersects(note, cull)),
    // The cull rect is snapped to a grid, so its numbers change only now and then while panning.
    [notes, cull.x, cull.y, cull.w, cull.h],
  );
  const detailed = viewport.scale >= MIN_DETAILED_SCALE && visible.length <= MAX_DETAILED_NOTES;
  const resting = useMemo(() => (drag ? visible.filter((note) => !drag.ids.has(note.id)) : visible), [visible, drag?.ids]);
  const dragged = useMemo(() => (drag ? notes.filter((note) => drag.ids.has(note.id)) : []), [notes, drag?.ids]);
  const editors = useMemo(() => {
    const map = new Map<string, { name: string; color: string }>();
    for (const participant of participants) if (participant.editing) map.set(participant.editing, { name: participant.user.name, color: participant.user.color });
    return map;
  }, [participants]);
  // Level of detail: below a legible zoom, or with very many notes on screen, the resting notes are
  // bitmap tiles and only what is decorated live (edited, being edited by someone) is a shape.
  // With hysteresis: the previous frame's choice is kept near the threshold (idempotent on a re-render).
  const wasTiled = useRef(false);
  const tiled = drawsTiles(viewport.scale, visible.length, wasTiled.current);
  wasTiled.current = tiled;
  const tileHidden = useMemo(() => {
    if (!drag && editingId === null && editors.size === 0) return NO_IDS;
    const ids = new Set<string>(drag?.ids ?? []);
    if (editingId !== null) ids.add(editingId);
    for (const id of editors.keys()) ids.add(id);
    return ids;
  }, [drag?.ids, editingId, editors]);
  const live = useMemo(
    () => (tiled && tileHidden.size > 0 ? resting.filter((note) => tileHidden.has(note.id)) : []),
    [tiled, resting, tileHidden],
  );
  const framed = useMemo(
    () => (tiled && selection.size > 0 ? resting.filter((note) => selection.has(note.id)) : []),
    [tiled, resting, selection],
  );

  // Connectors follow a note while it is dragged or resized, before the model hears of the move.
  const byId = useMemo(() => (links.length > 0 ? new Map(notes.map((note) => [note.id, note])) : NO_NOTES), [notes, links.length > 0]);
  const place = useCallback(
    (note: NoteView) => {
      if (drag?.ids.has(note.id)) return { x: note.x + drag.dx, y: note.y + drag.dy, w: note.w, h: note.h };
      if (resize?.id === note.id) return { x: note.x, y: note.y, w: resize.w, h: resize.h };
      return note;
    },
    [drag, resize],
  );
  const connectors = useMemo(
    () => (links.length > 0 ? visibleConnectors(links, byId, cull, place) : []),
    [links, byId, cull.x, cull.y, cull.w, cull.h, place],
  );
  const layerScale = scaleBucket(viewport.scale);
  return { fonts, layoutVersion, visible, detailed, resting, dragged, editors, tiled, tileHidden, live, framed, layerScale, place, connectors };
}
