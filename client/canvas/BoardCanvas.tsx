import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import type { Stage as KonvaStage } from 'konva/lib/Stage';
import type { LinkView } from '../../shared/board/links';
import type { NoteMove } from '../../shared/board/model';
import type { NoteView } from '../../shared/board/note';
import type { Zone } from '../../shared/board/zones';
import type { Participant } from '../board/presence';
import { useCanvasKeys } from '../board/useShortcuts';
import type { VoteUi } from '../board/voteView';
import { CanvasHint, useCanvasHint } from './CanvasHint';
import { CursorShapes } from './CursorShapes';
import { GesturePreviewLayer } from './GesturePreviewLayer';
import { useGesturePreviews } from './gestures/previews';
import type { GestureContext } from './gestures/types';
import { useGestures } from './gestures/useGestures';
import { Layer, Stage } from './konva';
import { isLinkSource } from './linkGeometry';
import { LinkLabels, LinkLines } from './LinkShapes';
import { RestingNotes } from './NoteLayers';
import { useCanvasScene } from './useCanvasScene';
import { useFullText } from './useFullText';
import { useLinkLabels } from './useLinkLabels';
import type { Viewport } from './viewport';
import { VoteMarks } from './VoteMarks';
import { ZoneShapes } from './ZoneShapes';

const NO_LINKS: readonly LinkView[] = [];
const NO_IDS: ReadonlySet<string> = new Set();

export interface BoardCanvasProps {
  notes: readonly NoteView[];
  prompts: Readonly<Record<Zone, string>>;
  viewport: Viewport;
  size: { width: number; height: number };
  selection: ReadonlySet<string>;
  /** The note this client edits in the overlay; its canvas text is hidden meanwhile. */
  editingId: string | null;
  participants: readonly Participant[];
  canEdit: boolean;
  /**
   * A board to look at only (a saved record, a comparison): no selection, no editing, no links
   * added or deleted, no dots, no new notes. Pan, zoom, pinch and a note's full text still work.
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
  /** Links drawn as connectors (the board state's valid links). */
  links?: readonly LinkView[];
  /** Links a note dragged from `from`'s handle onto `to`; returns a short message when refused. */
  onAddLink?(from: string, to: string): string | null;
  onDeleteLink?(id: string): void;
  /** The vote as this person sees it; absent when the board has none. */
  vote?: VoteUi | null;
  /** One dot more (+1) or less (−1) on a note; returns a short message when refused. */
  onVote?(noteId: string, delta: 1 | -1): string | null;
}

/**
 * The board drawing. Konva draws but listens to nothing: the gestures (./gestures/) hit-test the
 * model's notes, which keeps thousands of shapes out of Konva's hit graph, and the keys reach the
 * canvas through useShortcuts. Props in, callbacks out; the canvas never changes the board itself.
 */
export function BoardCanvas(props: BoardCanvasProps) {
  const { notes, viewport, size, editingId, participants } = props;
  const readOnly = props.readOnly ?? false;
  const canEdit = props.canEdit && !readOnly;
  const selection = readOnly ? NO_IDS : props.selection;
  const vote = readOnly ? null : (props.vote ?? null);
  const onAddLink = readOnly ? undefined : props.onAddLink;
  const onDeleteLink = readOnly ? undefined : props.onDeleteLink;
  const container = useRef<HTMLDivElement>(null);
  const previews = useGesturePreviews();
  const { drag, resize } = previews;
  const [selectedLinkId, setSelectedLinkId] = useState<string | null>(null);
  const [hint, showHint] = useCanvasHint();
  const links = props.links ?? NO_LINKS;
  const scene = useCanvasScene({ notes, links, viewport, size, selection, editingId, participants, drag, resize });
  const { connectors, fonts, layoutVersion } = scene;

  // Callbacks change identity on every parent render; what runs later reads the latest through a ref.
  const latest = useRef(props);
  latest.current = props;

  const single = selection.size === 1 && canEdit ? notes.find((note) => selection.has(note.id)) : undefined;
  const resizable = resize && single && resize.id === single.id ? { ...single, w: resize.w, h: resize.h } : single;
  const selectedLink = selectedLinkId && connectors.some((c) => c.id === selectedLinkId) ? selectedLinkId : null;
  const { labels, linkTip, showLinkTip } = useLinkLabels(notes, links, connectors, viewport.scale, layoutVersion);
  const fullText = useFullText(fonts, { ...props, canEdit });
  const { onMoreMarker, openFullText } = fullText;
  const canVote = canEdit && vote?.status === 'active' && !!props.onVote;
  const castVote = (noteId: string, delta: 1 | -1) => {
    const refused = latest.current.onVote?.(noteId, delta) ?? null;
    if (refused) showHint('vote-hint', refused);
  };
  const linkSource = single && onAddLink && isLinkSource(single.zone) && !drag && !resize ? single : undefined;

  const context: GestureContext = {
    viewport,
    notes,
    selection,
    readOnly,
    canEdit,
    canVote,
    panMode: props.panMode,
    hit: {
      notes,
      scale: viewport.scale,
      connectors,
      deletableLink: (canEdit && onDeleteLink && connectors.find((c) => c.id === selectedLink)) || null,
      linkSource: linkSource ?? null,
      resizable: resizable ?? null,
      voteButtons: canVote && scene.detailed && vote ? vote.mine : null,
      onMoreMarker,
    },
    previews: previews.set,
    setViewport: (next) => latest.current.onViewportChange(next),
    select: (ids) => latest.current.onSelectionChange(ids),
    selectLink: setSelectedLinkId,
    moveNotes: (moves) => latest.current.onMoveNotes(moves),
    resizeNote: (id, w, h) => latest.current.onResizeNote(id, w, h),
    addLink: (from, to) => onAddLink?.(from, to) ?? null,
    deleteLink: (id) => onDeleteLink?.(id),
    vote: castVote,
    showHint,
    openFullText,
    editNote: (id) => latest.current.onEditNote(id),
    editPrompt: (zone) => latest.current.onEditPrompt(zone),
    addNoteAt: (point, zone) => latest.current.onAddNoteAt(point, zone),
  };
  const gestures = useGestures(container, context, {
    onCursorMove: (point) => latest.current.onCursorMove(point),
    onHover: (screen) => showLinkTip(screen, latest.current.viewport),
  });

  useEffect(() => {
    if (selection.size > 0) setSelectedLinkId(null);
  }, [selection]);

  // V puts a dot on each selected note (Shift+V takes one back); Delete removes the selected link.
  useCanvasKeys({
    vote(delta) {
      if (!canVote || selection.size === 0) return false;
      for (const id of selection) castVote(id, delta);
      return true;
    },
    deleteLink() {
      if (!selectedLink || !canEdit) return false;
      onDeleteLink?.(selectedLink);
      setSelectedLinkId(null);
      return true;
    },
    openSelected(target) {
      // Enter on the selected note shows all of its text (the editor, or the popover for viewers);
      // not when a button or link has the focus, which Enter presses.
      if (selection.size !== 1) return false;
      if (target instanceof HTMLElement && target !== document.body && !container.current?.contains(target)) return false;
      const [id] = selection;
      const note = notes.find((candidate) => candidate.id === id);
      if (!note) return false;
      openFullText(note);
      return true;
    },
    cancel() {
      gestures.cancel();
      setSelectedLinkId(null);
    },
  });

  const stageRef = useCallback((stage: KonvaStage | null) => latest.current.onStage(stage), []);

  return (
    <>
      <div
        ref={container}
        className={`board-canvas${props.panMode ? ' is-panning' : ''}`}
        tabIndex={-1}
        {...gestures.handlers}
        onContextMenu={(event) => event.preventDefault()}
      >
        <Stage ref={stageRef} width={size.width} height={size.height} listening={false}
          x={viewport.x} y={viewport.y} scaleX={viewport.scale} scaleY={viewport.scale}>
          <Layer listening={false}>
            <ZoneShapes prompts={props.prompts} highlight={props.highlightZone ?? null} />
            {/* Connector lines under the notes: a line never runs over a note's text. */}
            {connectors.length > 0 && <LinkLines connectors={connectors} scale={viewport.scale} selectedId={selectedLink} />}
          </Layer>
          <Layer listening={false}>
            <RestingNotes scene={scene} notes={notes} selection={selection} editingId={editingId} viewport={viewport} size={size} />
          </Layer>
          {(connectors.length > 0 || (vote && vote.status !== 'none')) && (
            <Layer listening={false}>
              <LinkLabels connectors={connectors} labels={labels} scale={viewport.scale} selectedId={selectedLink} canDelete={canEdit && !!onDeleteLink} />
              {vote && scene.detailed && (
                <VoteMarks notes={scene.visible} place={scene.place} scale={viewport.scale} buttons={canVote} mine={vote.mine} totals={vote.totals} />
              )}
            </Layer>
          )}
          {props.overlay && <Layer listening={false}>{props.overlay(viewport.scale)}</Layer>}
          <GesturePreviewLayer scene={scene} previews={previews} notes={notes} selection={selection} viewport={viewport}
            resizable={resizable ?? null} linkSource={linkSource ?? null} />
          <Layer listening={false}>
            <CursorShapes participants={participants} scale={viewport.scale} />
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
