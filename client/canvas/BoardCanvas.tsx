import { memo, useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore, type ReactNode } from 'react';
import type { Stage as KonvaStage } from 'konva/lib/Stage';
import { inferLinkKind, type LinkView } from '../../shared/board/links';
import type { NoteMove } from '../../shared/board/model';
import type { NoteView } from '../../shared/board/note';
import { MIN_NOTE_SIZE, MAX_NOTE_SIZE } from '../../shared/board/note';
import { ZONE_HEADER_HEIGHT, zoneAtX, type Zone } from '../../shared/board/zones';
import { isTypingTarget } from '../board/keyTarget';
import type { Peer } from '../board/presence';
import type { VoteUi } from '../board/voteView';
import { t } from '../i18n';
import { CanvasHint, useCanvasHint } from './CanvasHint';
import { CursorShapes } from './CursorShapes';
import { handleRect, noteAt, notesIn, pointInRect } from './hitTest';
import { Group, Layer, Rect, Stage } from './konva';
import { connectorAt, edgeAnchor, inCircle, isLinkSource, linkHandle, visibleConnectors } from './linkGeometry';
import { deleteButton, LinkDraftShape, LinkHandleShape, LinkLabels, LinkLines } from './LinkShapes';
import { useFullText } from './useFullText';
import { useLinkLabels } from './useLinkLabels';
import { forgetLayoutsWhenFontsLoad } from './fontRepaint';
import { noteFontSize, subscribeTextLayout, textLayoutVersion, zoneFontSizes, type ZoneFonts } from './zoneFonts';
import { NoteShape } from './NoteShape';
import { scaleBucket } from './noteCache';
import { PaintedNotes, SelectionFrames } from './PaintedNotes';
import { TiledNotes } from './TiledNotes';
import { drawsTiles } from './lod';
import { cullRect, intersects, rectFromPoints, toBoard, zoomAt, type Viewport } from './viewport';
import { voteButtonAt } from './voteGeometry';
import { VoteMarks } from './VoteMarks';
import { ZoneShapes } from './ZoneShapes';

/** Vote marks are drawn from this zoom up (where 10 px type still reads at 4 px). */
const MIN_DETAILED_SCALE = 0.4;
/** Past this many visible notes, vote marks on each would be too small to use; they are left out. */
const MAX_DETAILED_NOTES = 1500;
/** Pointer travel (CSS px) before a press becomes a drag rather than a click. */
const DRAG_THRESHOLD = 4;
const DOUBLE_TAP_MS = 350;
const NO_LINKS: readonly LinkView[] = [];
const NO_NOTES: ReadonlyMap<string, NoteView> = new Map();
const NO_IDS: ReadonlySet<string> = new Set();
const ignore = () => {};
/** What `readOnly` overrides: no selection, and no callback that would change the board. */
const READ_ONLY = {
  canEdit: false,
  selection: NO_IDS,
  onSelectionChange: ignore,
  onEditNote: ignore,
  onAddNoteAt: ignore,
  onEditPrompt: ignore,
  onAddLink: undefined,
  onDeleteLink: undefined,
  vote: null,
  onVote: undefined,
} satisfies Partial<BoardCanvasProps>;

export interface BoardCanvasProps {
  notes: readonly NoteView[];
  prompts: Readonly<Record<Zone, string>>;
  viewport: Viewport;
  size: { width: number; height: number };
  selection: ReadonlySet<string>;
  /** The note this client edits in the overlay; its canvas text is hidden meanwhile. */
  editingId: string | null;
  peers: readonly Peer[];
  canEdit: boolean;
  /**
   * What is drawn is not the live board (a saved record, a comparison): nothing on it can be
   * selected, edited, linked, voted on or added, whatever the other props allow.
   */
  readOnly?: boolean;
  /** Space held: a left-button drag pans instead of selecting. */
  panMode: boolean;
  onViewportChange(viewport: Viewport): void;
  onSelectionChange(ids: string[]): void;
  onMoveNotes(moves: NoteMove[]): void;
  onResizeNote(id: string, w: number, h: number): void;
  onAddNoteAt(point: { x: number; y: number }, zone: Zone): void;
  onEditNote(id: string): void;
  onEditPrompt(zone: Zone): void;
  onCursorMove(point: { x: number; y: number } | null): void;
  onStage(stage: KonvaStage | null): void;
  /** Extra drawing above the notes, in board coordinates (e.g. a comparison's marks); given the zoom. */
  overlay?: (scale: number) => ReactNode;
  /** The zone the current meeting phase highlights. */
  highlightZone?: Zone | null;
  /** Links drawn as connectors (the snapshot's valid links). */
  links?: readonly LinkView[];
  /** Links a note dragged from `from`'s handle onto `to`; returns a short message when refused. */
  onAddLink?(from: string, to: string): string | null;
  onDeleteLink?(id: string): void;
  /** The vote as this person sees it; absent when the board has none. */
  vote?: VoteUi | null;
  /** One dot more (+1) or less (−1) on a note; returns a short message when refused. */
  onVote?(noteId: string, delta: 1 | -1): string | null;
}

type Gesture =
  | { kind: 'none' }
  | { kind: 'pan'; start: Point; origin: Viewport }
  | { kind: 'pinch'; distance: number; center: Point; origin: Viewport }
  | { kind: 'press'; start: Point; startBoard: Point; ids: string[]; dragging: boolean }
  | { kind: 'marquee'; startBoard: Point; base: string[] }
  | { kind: 'resize'; id: string; startBoard: Point; w: number; h: number }
  | { kind: 'link'; from: string }
  /** Pressed on a note's "+ more": its full text opens on release (after the press has moved focus). */
  | { kind: 'more'; id: string };

interface Point {
  x: number;
  y: number;
}

function distance(a: Point, b: Point): number {
  return Math.hypot(a.x - b.x, a.y - b.y);
}

function midpoint(a: Point, b: Point): Point {
  return { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 };
}

function clampSize(value: number): number {
  return Math.min(MAX_NOTE_SIZE, Math.max(MIN_NOTE_SIZE, Math.round(value)));
}

const NotesLayerContent = memo(function NotesLayerContent({
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

/**
 * The board drawing and its pointer gestures. Konva draws but listens to nothing: all hit testing
 * runs on the model's notes here, which keeps thousands of shapes out of Konva's hit graph. Props
 * in, callbacks out; the canvas never changes the board itself.
 */
export function BoardCanvas(given: BoardCanvasProps) {
  const props: BoardCanvasProps = given.readOnly ? { ...given, ...READ_ONLY } : given;
  const { notes, viewport, size, selection, editingId, peers, canEdit } = props;
  const container = useRef<HTMLDivElement>(null);
  const pointers = useRef(new Map<number, Point>());
  const gesture = useRef<Gesture>({ kind: 'none' });
  const lastTap = useRef<{ time: number; point: Point } | null>(null);
  const [drag, setDrag] = useState<{ ids: ReadonlySet<string>; dx: number; dy: number } | null>(null);
  const [marquee, setMarquee] = useState<{ a: Point; b: Point } | null>(null);
  const [resize, setResize] = useState<{ id: string; w: number; h: number } | null>(null);
  const [linkDraft, setLinkDraft] = useState<{ from: string; point: Point } | null>(null);
  const [selectedLinkId, setSelectedLinkId] = useState<string | null>(null);
  const [hint, showHint] = useCanvasHint();
  // One font size per zone, from measured text; re-measured when the fonts change.
  // Layouts measured before a webfont arrived are measured again (fontRepaint.ts), which bumps the version.
  forgetLayoutsWhenFontsLoad();
  const layoutVersion = useSyncExternalStore(subscribeTextLayout, textLayoutVersion, textLayoutVersion);
  const fonts = useMemo(() => zoneFontSizes(notes), [notes, layoutVersion]);

  // Callbacks change identity on every parent render; gestures read the latest through a ref.
  const latest = useRef(props);
  latest.current = props;

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
    for (const peer of peers) if (peer.editing) map.set(peer.editing, { name: peer.user.name, color: peer.user.color });
    return map;
  }, [peers]);
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
  // Shapes re-render when the zoom crosses a step (text level of detail), not on every zoom change.
  const layerScale = scaleBucket(viewport.scale);

  const single = selection.size === 1 && canEdit ? notes.find((note) => selection.has(note.id)) : undefined;
  const resizing = resize && single && resize.id === single.id ? { ...single, w: resize.w, h: resize.h } : single;

  // Connectors follow a note while it is dragged or resized, before the model hears of the move.
  const links = props.links ?? NO_LINKS;
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
  const selectedLink = selectedLinkId && connectors.some((c) => c.id === selectedLinkId) ? selectedLinkId : null;
  const { labels, linkTip, showLinkTip } = useLinkLabels(notes, links, connectors, viewport.scale, layoutVersion);
  const fullText = useFullText(fonts, props);
  const { onMoreMarker, openFullText } = fullText;
  const vote = props.vote ?? null;
  const canVote = canEdit && vote?.status === 'active' && !!props.onVote;
  const castVote = (noteId: string, delta: 1 | -1) => {
    const refused = latest.current.onVote?.(noteId, delta) ?? null;
    if (refused) showHint('vote-hint', refused);
  };
  const linkSource = single && props.onAddLink && isLinkSource(single.zone) && !drag && !resize ? single : undefined;

  const localPoint = (event: { clientX: number; clientY: number }): Point => {
    const box = container.current?.getBoundingClientRect();
    return { x: event.clientX - (box?.left ?? 0), y: event.clientY - (box?.top ?? 0) };
  };

  const openAt = useCallback((screen: Point) => {
    const p = latest.current;
    const point = toBoard(p.viewport, screen);
    const hit = noteAt(p.notes, point);
    if (hit) {
      p.onEditNote(hit.id);
      return;
    }
    const zone = zoneAtX(point.x);
    if (point.y >= 0 && point.y < ZONE_HEADER_HEIGHT) p.onEditPrompt(zone);
    else if (p.canEdit) p.onAddNoteAt(point, zone);
  }, []);

  const onPointerDown = (event: React.PointerEvent<HTMLDivElement>) => {
    const p = latest.current;
    const screen = localPoint(event);
    container.current?.setPointerCapture(event.pointerId);
    container.current?.focus({ preventScroll: true });
    pointers.current.set(event.pointerId, screen);

    if (pointers.current.size === 2) {
      // A second finger turns whatever the first started into a pinch; nothing half-done is committed.
      const [a, b] = [...pointers.current.values()] as [Point, Point];
      gesture.current = { kind: 'pinch', distance: distance(a, b), center: midpoint(a, b), origin: p.viewport };
      setDrag(null);
      setMarquee(null);
      setResize(null);
      return;
    }
    if (pointers.current.size > 2) return;

    if (event.pointerType === 'touch') {
      const now = performance.now();
      const previous = lastTap.current;
      if (previous && now - previous.time < DOUBLE_TAP_MS && distance(previous.point, screen) < 30) {
        lastTap.current = null;
        gesture.current = { kind: 'none' };
        openAt(screen);
        return;
      }
      lastTap.current = { time: now, point: screen };
    }

    if (event.button === 1 || p.panMode) {
      gesture.current = { kind: 'pan', start: screen, origin: p.viewport };
      return;
    }
    if (event.button === 2) {
      // Right-click takes one of your dots back off a note while a vote runs.
      const hit = canVote ? noteAt(p.notes, toBoard(p.viewport, screen)) : null;
      if (hit) castVote(hit.id, -1);
      return;
    }
    if (event.button !== 0) return;

    const point = toBoard(p.viewport, screen);
    const current = p.selection;
    const scale = p.viewport.scale;
    const selectedConnector = selectedLink ? connectors.find((c) => c.id === selectedLink) : undefined;
    if (p.canEdit && selectedConnector && p.onDeleteLink && inCircle(point, deleteButton(selectedConnector, scale), 1.2)) {
      p.onDeleteLink(selectedConnector.id);
      setSelectedLinkId(null);
      gesture.current = { kind: 'none' };
      return;
    }
    if (linkSource && inCircle(point, linkHandle(linkSource, scale))) {
      gesture.current = { kind: 'link', from: linkSource.id };
      setLinkDraft({ from: linkSource.id, point });
      return;
    }
    if (p.canEdit && resizing && pointInRect(point, handleRect(resizing, p.viewport.scale))) {
      gesture.current = { kind: 'resize', id: resizing.id, startBoard: point, w: resizing.w, h: resizing.h };
      return;
    }
    if (canVote && detailed && vote) {
      const button = voteButtonAt(p.notes, point, scale, vote.mine);
      if (button) {
        castVote(button.noteId, button.delta);
        gesture.current = { kind: 'none' };
        return;
      }
    }
    const hit = noteAt(p.notes, point);
    if (hit && !event.shiftKey && onMoreMarker(hit, point, scale)) {
      setSelectedLinkId(null);
      if (!current.has(hit.id) || current.size > 1) p.onSelectionChange([hit.id]);
      gesture.current = { kind: 'more', id: hit.id };
      return;
    }
    if (hit && canVote && event.altKey) {
      castVote(hit.id, event.shiftKey ? -1 : 1);
      gesture.current = { kind: 'none' };
      return;
    }
    if (hit) setSelectedLinkId(null);
    else {
      const onLink = connectorAt(connectors, point, scale);
      setSelectedLinkId(onLink?.id ?? null);
      if (onLink) {
        if (current.size > 0) p.onSelectionChange([]);
        gesture.current = { kind: 'none' };
        return;
      }
    }
    if (hit) {
      if (event.shiftKey) {
        const next = new Set(current);
        if (next.has(hit.id)) next.delete(hit.id);
        else next.add(hit.id);
        p.onSelectionChange([...next]);
        gesture.current = { kind: 'none' };
        return;
      }
      const ids = current.has(hit.id) ? [...current] : [hit.id];
      if (!current.has(hit.id)) p.onSelectionChange(ids);
      gesture.current = p.canEdit
        ? { kind: 'press', start: screen, startBoard: point, ids, dragging: false }
        : { kind: 'none' };
      return;
    }
    if (event.pointerType === 'touch') {
      // One finger on empty board pans, as on every map a phone user knows.
      if (!event.shiftKey) p.onSelectionChange([]);
      gesture.current = { kind: 'pan', start: screen, origin: p.viewport };
      return;
    }
    const base = event.shiftKey ? [...current] : [];
    if (!event.shiftKey && current.size > 0) p.onSelectionChange([]);
    gesture.current = { kind: 'marquee', startBoard: point, base };
  };

  const onPointerMove = (event: React.PointerEvent<HTMLDivElement>) => {
    const p = latest.current;
    const screen = localPoint(event);
    if (event.pointerType !== 'touch') p.onCursorMove(toBoard(p.viewport, screen));
    if (event.pointerType === 'mouse' && gesture.current.kind === 'none') showLinkTip(screen, p.viewport);
    if (!pointers.current.has(event.pointerId)) return;
    pointers.current.set(event.pointerId, screen);
    const g = gesture.current;
    switch (g.kind) {
      case 'pan':
        p.onViewportChange({ ...g.origin, x: g.origin.x + screen.x - g.start.x, y: g.origin.y + screen.y - g.start.y });
        break;
      case 'pinch': {
        const [a, b] = [...pointers.current.values()] as [Point, Point];
        const center = midpoint(a, b);
        const zoomed = zoomAt(g.origin, g.center, g.origin.scale * (distance(a, b) / Math.max(1, g.distance)));
        p.onViewportChange({ ...zoomed, x: zoomed.x + center.x - g.center.x, y: zoomed.y + center.y - g.center.y });
        break;
      }
      case 'press': {
        if (!g.dragging && distance(screen, g.start) < DRAG_THRESHOLD) break;
        g.dragging = true;
        const point = toBoard(p.viewport, screen);
        setDrag({ ids: dragIds(g.ids), dx: point.x - g.startBoard.x, dy: point.y - g.startBoard.y });
        break;
      }
      case 'marquee':
        setMarquee({ a: g.startBoard, b: toBoard(p.viewport, screen) });
        break;
      case 'resize': {
        const point = toBoard(p.viewport, screen);
        setResize({ id: g.id, w: clampSize(g.w + point.x - g.startBoard.x), h: clampSize(g.h + point.y - g.startBoard.y) });
        break;
      }
      case 'link':
        setLinkDraft({ from: g.from, point: toBoard(p.viewport, screen) });
        break;
      case 'more':
      case 'none':
        break;
    }
  };

  // Keeps the id set's identity for the whole drag so the resting layer is filtered only once.
  const dragIdSet = useRef<{ source: string[]; set: ReadonlySet<string> } | null>(null);
  const dragIds = (ids: string[]): ReadonlySet<string> => {
    if (dragIdSet.current?.source !== ids) dragIdSet.current = { source: ids, set: new Set(ids) };
    return dragIdSet.current.set;
  };

  const onPointerUp = (event: React.PointerEvent<HTMLDivElement>) => {
    const p = latest.current;
    const screen = localPoint(event);
    pointers.current.delete(event.pointerId);
    const g = gesture.current;
    if (pointers.current.size > 0) {
      // Lifting one finger of a pinch continues as a pan with the other.
      if (g.kind === 'pinch') {
        const [rest] = [...pointers.current.values()] as [Point];
        gesture.current = { kind: 'pan', start: rest, origin: p.viewport };
      }
      return;
    }
    gesture.current = { kind: 'none' };
    if (event.type === 'pointercancel') {
      setDrag(null);
      setMarquee(null);
      setResize(null);
      setLinkDraft(null);
      return;
    }
    switch (g.kind) {
      case 'press': {
        if (!g.dragging) break;
        const point = toBoard(p.viewport, screen);
        const dx = point.x - g.startBoard.x;
        const dy = point.y - g.startBoard.y;
        // One pass over the notes: a find per dragged id is quadratic when a big selection is dragged.
        const moving = dragIds(g.ids);
        const moves: NoteMove[] = [];
        for (const note of p.notes) {
          if (moving.has(note.id)) moves.push({ id: note.id, x: Math.round(note.x + dx), y: Math.round(note.y + dy) });
        }
        if (moves.length > 0 && (dx !== 0 || dy !== 0)) p.onMoveNotes(moves);
        setDrag(null);
        break;
      }
      case 'marquee': {
        const area = rectFromPoints(g.startBoard, toBoard(p.viewport, screen));
        if (area.w > 0 || area.h > 0) p.onSelectionChange([...new Set([...g.base, ...notesIn(p.notes, area)])]);
        setMarquee(null);
        break;
      }
      case 'resize': {
        const point = toBoard(p.viewport, screen);
        const w = clampSize(g.w + point.x - g.startBoard.x);
        const h = clampSize(g.h + point.y - g.startBoard.y);
        if (w !== g.w || h !== g.h) p.onResizeNote(g.id, w, h);
        setResize(null);
        break;
      }
      case 'link': {
        setLinkDraft(null);
        const target = noteAt(p.notes, toBoard(p.viewport, screen));
        if (target?.id === g.from) break;
        const refused = target ? (p.onAddLink?.(g.from, target.id) ?? null) : t('canvas.dropLink');
        if (refused) showHint('link-hint', refused);
        break;
      }
      case 'more': {
        const note = p.notes.find((candidate) => candidate.id === g.id);
        if (note && onMoreMarker(note, toBoard(p.viewport, screen), p.viewport.scale)) openFullText(note);
        break;
      }
      default:
        break;
    }
  };

  const onDoubleClick = (event: React.MouseEvent<HTMLDivElement>) => {
    if (latest.current.panMode) return;
    openAt(localPoint(event));
  };

  useEffect(() => {
    const element = container.current;
    if (!element) return;
    // Registered natively because React's wheel listener is passive and cannot stop page zoom.
    const onWheel = (event: WheelEvent) => {
      event.preventDefault();
      const p = latest.current;
      const box = element.getBoundingClientRect();
      const anchor = { x: event.clientX - box.left, y: event.clientY - box.top };
      const trackpadPan = !event.ctrlKey && !event.metaKey && (event.deltaX !== 0 || event.shiftKey);
      if (trackpadPan) {
        p.onViewportChange({ ...p.viewport, x: p.viewport.x - event.deltaX, y: p.viewport.y - event.deltaY });
        return;
      }
      const unit = event.deltaMode === 1 ? 16 : 1;
      const factor = Math.exp((-event.deltaY * unit) / (event.ctrlKey ? 100 : 400));
      p.onViewportChange(zoomAt(p.viewport, anchor, p.viewport.scale * factor));
    };
    element.addEventListener('wheel', onWheel, { passive: false });
    return () => element.removeEventListener('wheel', onWheel);
  }, []);

  useEffect(() => {
    if (selection.size > 0) setSelectedLinkId(null);
  }, [selection]);

  // V puts a dot on each selected note (Shift+V takes one back); Delete removes the selected link.
  const keys = useRef({ selection, selectedLink, canVote, castVote, openFullText });
  keys.current = { selection, selectedLink, canVote, castVote, openFullText };
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (isTypingTarget(event.target)) return;
      if (event.ctrlKey || event.metaKey || event.altKey) return;
      const k = keys.current;
      const key = event.key.toLowerCase();
      if (key === 'v' && k.canVote && k.selection.size > 0) {
        event.preventDefault();
        for (const id of k.selection) k.castVote(id, event.shiftKey ? -1 : 1);
      } else if ((key === 'delete' || key === 'backspace') && k.selectedLink && latest.current.canEdit) {
        event.preventDefault();
        latest.current.onDeleteLink?.(k.selectedLink);
        setSelectedLinkId(null);
      } else if (key === 'enter' && k.selection.size === 1 && !event.shiftKey) {
        // Enter on the selected note shows all of its text (the editor, or the popover for viewers);
        // not when a button or link has the focus, which Enter presses.
        const target = event.target;
        if (target instanceof HTMLElement && target !== document.body && !container.current?.contains(target)) return;
        const [id] = k.selection;
        const note = latest.current.notes.find((candidate) => candidate.id === id);
        if (!note) return;
        event.preventDefault();
        k.openFullText(note);
      } else if (key === 'escape') setSelectedLinkId(null);
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);

  const draftFrom = linkDraft ? notes.find((note) => note.id === linkDraft.from) : undefined;
  const draftTarget = linkDraft ? noteAt(notes, linkDraft.point) : null;
  const draftTargetOk = !!(draftFrom && draftTarget && draftTarget.id !== draftFrom.id && inferLinkKind(draftFrom.zone, draftTarget.zone));

  const stageRef = useCallback((stage: KonvaStage | null) => latest.current.onStage(stage), []);
  const marqueeRect = marquee ? rectFromPoints(marquee.a, marquee.b) : null;
  const unit = 1 / viewport.scale;
  const handle = resizing && !drag ? handleRect(resizing, viewport.scale) : null;

  return (
    <>
      <div
        ref={container}
        className={`board-canvas${props.panMode ? ' is-panning' : ''}`}
        tabIndex={-1}
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={onPointerUp}
        onPointerCancel={onPointerUp}
        onPointerLeave={(event) => {
          if (event.pointerType !== 'touch') latest.current.onCursorMove(null);
        }}
        onDoubleClick={onDoubleClick}
        onContextMenu={(event) => event.preventDefault()}
      >
        <Stage
          ref={stageRef}
          width={size.width}
          height={size.height}
          x={viewport.x}
          y={viewport.y}
          scaleX={viewport.scale}
          scaleY={viewport.scale}
          listening={false}
        >
          <Layer listening={false}>
            <ZoneShapes prompts={props.prompts} highlight={props.highlightZone ?? null} />
            {/* Connector lines under the notes: a line never runs over a note's text. */}
            {connectors.length > 0 && <LinkLines connectors={connectors} scale={viewport.scale} selectedId={selectedLink} />}
          </Layer>
          <Layer listening={false}>
            {tiled ? (
              <>
                <TiledNotes notes={notes} hidden={tileHidden} viewport={viewport} size={size} fonts={fonts} layoutVersion={layoutVersion} />
                <NotesLayerContent notes={live} scale={layerScale} selection={selection} editingId={editingId} editors={editors} fonts={fonts} layoutVersion={layoutVersion} />
                {framed.length > 0 && <SelectionFrames notes={framed} scale={viewport.scale} />}
              </>
            ) : (
              <NotesLayerContent notes={resting} scale={layerScale} selection={selection} editingId={editingId} editors={editors} fonts={fonts} layoutVersion={layoutVersion} />
            )}
          </Layer>
          {(connectors.length > 0 || (vote && vote.status !== 'none')) && (
            <Layer listening={false}>
              <LinkLabels connectors={connectors} labels={labels} scale={viewport.scale} selectedId={selectedLink} canDelete={canEdit && !!props.onDeleteLink} />
              {vote && detailed && (
                <VoteMarks notes={visible} place={place} scale={viewport.scale} buttons={canVote} mine={vote.mine} totals={vote.totals} />
              )}
            </Layer>
          )}
          {props.overlay && <Layer listening={false}>{props.overlay(viewport.scale)}</Layer>}
          <Layer listening={false}>
            {drag && (
              <Group x={drag.dx} y={drag.dy} opacity={0.9}>
                {tiled ? (
                  <>
                    <PaintedNotes notes={dragged} scale={layerScale} fonts={fonts} />
                    <SelectionFrames notes={dragged} scale={viewport.scale} />
                  </>
                ) : (
                  <NotesLayerContent notes={dragged} scale={layerScale} selection={selection} editingId={null} editors={editors} fonts={fonts} layoutVersion={layoutVersion} />
                )}
              </Group>
            )}
            {resize && resizing && (
              <Rect x={resizing.x} y={resizing.y} width={resizing.w} height={resizing.h} stroke="#1565c0" strokeWidth={2 * unit} dash={[6 * unit, 4 * unit]} />
            )}
            {linkSource && !linkDraft && <LinkHandleShape {...linkHandle(linkSource, viewport.scale)} scale={viewport.scale} />}
            {linkDraft && draftFrom && (
              <LinkDraftShape
                start={edgeAnchor(draftFrom, linkDraft.point)}
                point={linkDraft.point}
                target={draftTarget && draftTarget.id !== draftFrom.id ? draftTarget : null}
                valid={draftTargetOk}
                scale={viewport.scale}
              />
            )}
            {handle && <Rect x={handle.x} y={handle.y} width={handle.w} height={handle.h} fill="#fff" stroke="#1565c0" strokeWidth={2 * unit} cornerRadius={3 * unit} />}
            {marqueeRect && (
              <Rect {...{ x: marqueeRect.x, y: marqueeRect.y, width: marqueeRect.w, height: marqueeRect.h }} fill="rgba(21,101,192,0.08)" stroke="#1565c0" strokeWidth={unit} />
            )}
          </Layer>
          <Layer listening={false}>
            <CursorShapes peers={peers} scale={viewport.scale} />
          </Layer>
        </Stage>
        <CanvasHint hint={hint} />
      </div>
      {linkTip && (
        <div className="link-tip" role="tooltip" data-testid="link-tip" style={{ left: linkTip.at.x, top: linkTip.at.y }}>
          {linkTip.text}
        </div>
      )}
      {fullText.popover}
    </>
  );
}
