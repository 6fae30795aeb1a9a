import { lazy, Suspense, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Stage as KonvaStage } from 'konva/lib/Stage';
import { DEFAULT_NOTE_COLOR } from '../../shared/board/colors';
import type { NoteMove } from '../../shared/board/model';
import { DEFAULT_NOTE_HEIGHT, DEFAULT_NOTE_WIDTH } from '../../shared/board/note';
import { BOARD_WIDTH, ZONE_HEADER_HEIGHT, zoneAtX, type Zone } from '../../shared/board/zones';
import { canWrite } from '../../shared/protocol/ids';
import { actionForKey, colorNotesAction, deleteNotesAction, runAction, type ActionContext, type BoardAction } from '../actions';
import { useBoard } from '../board/BoardContext';
import { voterId } from '../board/identity';
import type { PresenceUser } from '../board/presence';
import { useConnectionStatus } from '../board/useConnectionStatus';
import { useBoardMeta, useHistoryState, useNote, useNotes } from '../board/useNotes';
import { usePeers } from '../board/usePresence';
import { useShortcuts } from '../board/useShortcuts';
import { useLinks } from '../board/useLinks';
import { useVoteUi } from '../board/useVoteUi';
import { useBoardFonts } from '../fonts/useBoardFonts';
import { linkNotes, voteOn } from '../canvas/boardActions';
import { NoteEditor } from '../canvas/NoteEditor';
import { useElementSize } from '../canvas/useElementSize';
import { ZOOM_STEP, fitBoard, intersects, toBoard, visibleBoardRect, zoomAt, type Viewport } from '../canvas/viewport';
import { exposeStage } from '../debugHandle';
import { useTranslation, type TFunction } from '../i18n';
import { ViewToggle } from '../outline/ViewToggle';
import { initialViewMode, useViewMode } from '../outline/useViewMode';
import { BoardTitle } from '../panels/BoardTitle';
import { ConnectionBadge } from '../panels/ConnectionBadge';
import { HeaderMenu } from '../panels/HeaderMenu';
import { PresenceList } from '../panels/PresenceList';
import type { ShareLink } from '../panels/ShareLinks';
import { Toolbar } from '../panels/Toolbar';
import { RecordBanner } from '../records/RecordBanner';
import { useDisplayKeys } from '../display/useDisplayKeys';
import { useDisplayMode } from '../display/useDisplayMode';
import { useDisplayView } from '../display/useDisplayView';
import type { DraftRequest } from '../meeting/PrivateWriting';
import { useMeeting, useServerNow } from '../meeting/useMeeting';
import { useCommitRevealedDrafts, usePrivateDrafts } from '../meeting/usePrivateDrafts';
import { useViewportSharing } from '../meeting/useViewportSharing';
import { PHASE_ZONES } from '../../shared/board/meeting';
import type { RecordView } from '../records/recordView';
import type { BoardInfo } from '../sync/api';
import { whenIdle } from './whenIdle';

const PromptsDialog = lazy(() => import('../panels/PromptsDialog'));
// Records and export (and jsPDF behind them) load when the panel is first opened.
const RecordsPanel = lazy(() => import('../records/RecordsPanel'));
const DisplayPanel = lazy(() => import('../display/DisplayPanel'));
const DisplayBand = lazy(() => import('../display/DisplayBand'));
// The outline is the default only on narrow screens, so it loads when first shown.
const loadOutlineView = () => import('../outline/OutlineView');
const OutlineView = lazy(loadOutlineView);
const VotePanel = lazy(() => import('../panels/VotePanel'));
// What only shows on some screens (a leader's links and meeting bar, a private-writing round) loads
// when first shown or once the board is live and the browser idle, whichever comes first: the board
// page's first download is the board itself, and the service worker still keeps these for an offline
// reload. (The note editor is not among them: keys typed into a new note must not wait for a download.)
const loadShareLinks = () => import('../panels/ShareLinks');
const loadMeetingBar = () => import('../meeting/MeetingBar');
const loadPrivateWriting = () => import('../meeting/PrivateWriting');
const PANEL_WARM_UP_DELAY_MS = 2000;
const ShareLinks = lazy(() => loadShareLinks().then((module) => ({ default: module.ShareLinks })));
const MeetingBar = lazy(() => loadMeetingBar().then((module) => ({ default: module.MeetingBar })));
const PrivateWriting = lazy(() => loadPrivateWriting().then((module) => ({ default: module.PrivateWriting })));
// Konva and the canvas (about 85 kB gzip) load only when the canvas is shown, so a phone that opens
// the outline never downloads them. board.html preloads this chunk on wide screens (scripts/boardPagePlugin.ts).
const loadBoardCanvas = () => import('../canvas/BoardCanvas');
const BoardCanvas = lazy(() => loadBoardCanvas().then((module) => ({ default: module.BoardCanvas })));
// The view this screen opens with starts loading (and Konva evaluating, some 30 ms) as soon as this
// page's code runs, while the board's first sync is still on its way, rather than after React has
// rendered the page and measured the stage. A failure here is retried by the lazy component itself.
void (initialViewMode() === 'outline' ? loadOutlineView() : loadBoardCanvas()).catch(() => undefined);
const NO_SELECTION: ReadonlySet<string> = new Set();
const ignoreSelection = () => {};

function absolute(path: string): string {
  return new URL(path, window.location.origin).toString();
}

function shareLinksFor(boardId: string, key: string, info: BoardInfo | null, t: TFunction): ShareLink[] {
  const here = `/b/${boardId}#k=${key}`;
  if (info?.role === 'lead' && info.links) {
    return [
      { kind: 'edit', label: t('share.editLabel'), hint: t('share.editHint'), url: absolute(info.links.edit) },
      { kind: 'view', label: t('share.viewLabel'), hint: t('share.viewHint'), url: absolute(info.links.view) },
      { kind: 'lead', label: t('share.leadLabel'), hint: t('share.leadHint'), url: absolute(info.links.lead) },
    ];
  }
  if (info?.role === 'view') return [{ kind: 'view', label: t('share.viewLabel'), hint: t('share.viewHintShort'), url: absolute(here) }];
  // Never hand out this screen's own lead key labelled as a participant link.
  if (info?.role === 'lead') return [{ kind: 'lead', label: t('share.leadLabel'), hint: t('share.leadHint'), url: absolute(here) }];
  return [{ kind: 'edit', label: t('share.editLabel'), hint: t('share.editHint'), url: absolute(here) }];
}

/** The open board: header, canvas, note editor, toolbar. Wires model commands to the canvas's callbacks. */
export function BoardScreen({ boardId, boardKey, info, me }: { boardId: string; boardKey: string; info: BoardInfo | null; me: PresenceUser }) {
  const { model, presence, role } = useBoard();
  const { t } = useTranslation();
  const [recordsOpen, setRecordsOpen] = useState(false);
  const recordsButton = useRef<HTMLButtonElement>(null);
  const [recordView, setRecordView] = useState<RecordView | null>(null);
  // A record or comparison on the canvas is read-only: no key, click or drag may reach the live board.
  // The shared screen shows the board read-only until someone at it switches editing on (E).
  const [display, setDisplay] = useDisplayMode();
  const [displayEdit, setDisplayEdit] = useState(false);
  const [following, setFollowing] = useState(true);
  const canEdit = canWrite(role) && !recordView && (!display || displayEdit);
  const notes = useNotes();
  const meta = useBoardMeta();
  const shownModel = recordView?.model ?? model;
  const shownNotes = useNotes(shownModel);
  const shownMeta = useBoardMeta(shownModel);
  const history = useHistoryState();
  const shownLinks = useLinks(shownModel);
  const vote = useVoteUi(model);
  const peers = usePeers();
  const status = useConnectionStatus();
  // The webfonts for every script on the board, before the canvas draws its words (client/fonts/).
  useBoardFonts(shownNotes, [shownMeta.title, ...Object.values(shownMeta.prompts)]);
  // The panels' code follows a couple of seconds after the board is live, out of the first paint's way.
  const warmed = useRef(false);
  useEffect(() => {
    if (status !== 'live' || warmed.current) return;
    return whenIdle(() => {
      warmed.current = true;
      return Promise.all([loadShareLinks(), loadMeetingBar(), loadPrivateWriting()]);
    }, PANEL_WARM_UP_DELAY_MS);
  }, [status]);

  const stageHost = useRef<HTMLElement>(null);
  const size = useElementSize(stageHost);
  const [viewport, setViewport] = useState<Viewport>({ x: 0, y: 0, scale: 0.3 });
  const fitted = useRef(false);
  useEffect(() => {
    if (!fitted.current && size.width > 0 && size.height > 0) {
      fitted.current = true;
      setViewport(fitBoard(size));
    }
  }, [size]);
  const meeting = useMeeting();
  const serverNow = useServerNow();
  // A display lays the board out legibly itself (client/display); it follows a leader who moves their view.
  const displayView = useDisplayView({ display, following, editing: displayEdit, notes: shownNotes, size, meeting, peers, setViewport });
  const { leader, summon } = useViewportSharing({ viewport, size, setViewport, following: display && following, holding: !displayView.leaderDriving, role, peers, presence, now: serverNow });
  useDisplayKeys(display, () => canWrite(role) && setDisplayEdit((on) => !on));
  useCommitRevealedDrafts(boardId);

  const [selectionIds, setSelectionIds] = useState<readonly string[]>([]);
  const [editingId, setEditingId] = useState<string | null>(null);
  const [panMode, setPanMode] = useState(false);
  const [color, setColor] = useState<string>(DEFAULT_NOTE_COLOR);
  const drafts = usePrivateDrafts(boardId, me.name, color);
  const [draftRequest, setDraftRequest] = useState<DraftRequest | null>(null);
  const [promptZone, setPromptZone] = useState<Zone | null>(null);
  const [viewMode, setViewMode] = useViewMode();
  // The shared screen is always the canvas: the outline is for reading on one's own device.
  const outlineShown = viewMode === 'outline' && !display;
  const [shareOpen, setShareOpen] = useState(role === 'lead');
  // The role may arrive after the board opened (board info fetched in parallel); the leader starts with links shown.
  useEffect(() => {
    if (role === 'lead') setShareOpen(true);
  }, [role]);
  const lastZone = useRef<Zone>('who');
  const editingNote = useNote(editingId);

  // Notes deleted by someone else drop out of the selection.
  const byId = model.getSnapshot().byId;
  const selection = useMemo(() => new Set(selectionIds.filter((id) => byId.has(id))), [selectionIds, byId]);

  const select = useCallback(
    (ids: readonly string[]) => {
      setSelectionIds(ids);
      presence.setSelection(ids);
    },
    [presence],
  );

  const startEditing = useCallback(
    (id: string) => {
      if (!canEdit) return;
      const note = model.getNote(id);
      if (!note) return;
      // Only pan when the note is off screen: zooming would move everything under other people's eyes
      // on a shared screen, and the editor magnifies small notes itself.
      setViewport((current) => {
        if (intersects(note, visibleBoardRect(current, size))) return current;
        return { ...current, x: size.width / 2 - (note.x + note.w / 2) * current.scale, y: size.height / 2 - (note.y + note.h / 2) * current.scale };
      });
      select([id]);
      setEditingId(id);
      presence.setEditing(id);
    },
    [canEdit, model, presence, select, size],
  );

  const stopEditing = useCallback(() => {
    setEditingId(null);
    presence.setEditing(null);
    model.stopCapturing();
  }, [model, presence]);

  useEffect(() => {
    if (editingId && !editingNote) stopEditing();
  }, [editingId, editingNote, stopEditing]);

  useEffect(() => {
    if (recordView && editingId) stopEditing();
  }, [recordView, editingId, stopEditing]);

  const addNote = useCallback(
    (point?: { x: number; y: number }, zone?: Zone) => {
      if (!canEdit) return;
      let target = zone;
      if (!target) {
        const centre = toBoard(viewport, { x: size.width / 2, y: size.height / 2 });
        target = centre.x >= 0 && centre.x <= BOARD_WIDTH ? zoneAtX(centre.x) : lastZone.current;
      }
      lastZone.current = target;
      // During private writing a new note is a draft in this browser, written in the private panel.
      if (drafts.round) {
        const zoneForDraft = target;
        setDraftRequest((current) => ({ zone: zoneForDraft, seq: (current?.seq ?? 0) + 1 }));
        return;
      }
      const placed = point
        ? { x: Math.round(point.x - DEFAULT_NOTE_WIDTH / 2), y: Math.round(Math.max(point.y - DEFAULT_NOTE_HEIGHT / 2, ZONE_HEADER_HEIGHT)) }
        : {};
      model.stopCapturing();
      const id = model.addNote({ zone: target, author: me.name, color, ...placed });
      model.stopCapturing();
      startEditing(id);
    },
    [canEdit, viewport, size, model, me.name, color, startEditing, drafts.round],
  );

  // The toolbar, the keyboard and the canvas run registered actions on the selection (client/actions).
  const actionContext = useMemo<ActionContext>(
    () => ({ model, noteIds: [...selection], canEdit, myName: me.name, voterId: voterId() }),
    [model, selection, canEdit, me.name],
  );
  const runBoardAction = useCallback(
    (action: BoardAction, value?: string) => {
      const outcome = runAction(action, actionContext, value);
      if (outcome.done && outcome.select) select(outcome.select);
    },
    [actionContext, select],
  );
  const deleteSelection = useCallback(() => runBoardAction(deleteNotesAction), [runBoardAction]);

  const zoomBy = useCallback(
    (factor: number) => setViewport((current) => zoomAt(current, { x: size.width / 2, y: size.height / 2 }, current.scale * factor)),
    [size],
  );
  const zoomFit = useCallback(() => setViewport(fitBoard(size)), [size]);

  useShortcuts({
    // The canvas's own keys do nothing while the outline replaces it (undo stays: it is the board's).
    addNote: () => !outlineShown && addNote(),
    deleteSelection: () => !outlineShown && deleteSelection(),
    undo: () => canEdit && model.undo(),
    redo: () => canEdit && model.redo(),
    zoomIn: () => zoomBy(ZOOM_STEP),
    zoomOut: () => zoomBy(1 / ZOOM_STEP),
    zoomFit,
    selectAll: () => select(notes.map((note) => note.id)),
    clearSelection: () => select([]),
    setPanMode,
    action: (event) => {
      const action = outlineShown ? undefined : actionForKey(event, actionContext);
      if (action) runBoardAction(action);
      return action !== undefined;
    },
  });

  const onMoveNotes = useCallback((moves: NoteMove[]) => model.moveNotes(moves), [model]);
  const onResizeNote = useCallback((id: string, w: number, h: number) => model.resizeNote(id, w, h), [model]);
  // Not from a record on the canvas, nor from a shared screen whose editing is off.
  const onEditPrompt = useCallback((zone: Zone) => role === 'lead' && canEdit && setPromptZone(zone), [role, canEdit]);
  const onCursorMove = useCallback((point: { x: number; y: number } | null) => presence.setCursor(point), [presence]);
  const onStage = useCallback((stage: KonvaStage | null) => exposeStage(stage), []);

  const recolor = (next: string) => {
    setColor(next);
    runBoardAction(colorNotesAction, next);
  };

  const votePanel = !recordView && (role === 'lead' || vote.status === 'active') && (
    <Suspense fallback={null}>
      <VotePanel vote={vote} />
    </Suspense>
  );

  return (
    <div className={`board-page${display ? ' is-display' : ''}`}>
      <header className="board-header">
        <a href="/" className="brand" title={t('header.home')}>
          {t('common.appName')}
        </a>
        <BoardTitle title={meta.title} editable={role === 'lead'} onRename={(title) => model.setTitle(title)} />
        {role === 'view' && (
          <span className="view-only-badge" data-testid="view-only-badge">
            {t('header.viewOnly')}
          </span>
        )}
        <span className="header-gap" />
        <ViewToggle mode={viewMode} onChange={setViewMode} />
        <ConnectionBadge status={status} />
        <PresenceList me={me} peers={peers} />
        <HeaderMenu>
          {role === 'lead' && (
            <button type="button" title={t('header.promptsTitle')} data-testid="edit-prompts" onClick={() => setPromptZone('who')}>
              {t('header.prompts')}
            </button>
          )}
          <button type="button" data-testid="display-mode-toggle" title={t('header.presentTitle')} onClick={() => setDisplay(true)}>
            {t('header.present')}
          </button>
          <button type="button" ref={recordsButton} data-testid="records-open" aria-expanded={recordsOpen} onClick={() => setRecordsOpen(!recordsOpen)}>
            {t('header.records')}
          </button>
        </HeaderMenu>
        <button type="button" className="primary" data-testid="share-toggle" aria-expanded={shareOpen} onClick={() => setShareOpen(!shareOpen)}>
          {t('header.share')}
        </button>
      </header>
      {shareOpen && (
        <aside className="share-panel" aria-label={t('header.sharePanel')}>
          <Suspense fallback={null}>
            <ShareLinks links={shareLinksFor(boardId, boardKey, info, t)} />
          </Suspense>
        </aside>
      )}
      {display ? (
        <Suspense fallback={null}>
          <DisplayBand view={displayView} prompts={shownMeta.prompts} leaderName={leader?.user.name ?? null} />
        </Suspense>
      ) : (
        // The same condition as MeetingBar's own, so that a participant outside a meeting never loads it.
        (role === 'lead' || meeting.phase || meeting.timer) && (
          <Suspense fallback={null}>
            <MeetingBar onSaveRecord={() => setRecordsOpen(true)} onSummon={summon} />
          </Suspense>
        )
      )}
      {/* Over the outline the floating panel would hide its first lines; there it takes a row of its own. */}
      {outlineShown && votePanel && <div className="vote-panel-row">{votePanel}</div>}
      {/* The page's main landmark: the board itself, as canvas or outline, with what floats over it. */}
      <main className="board-stage" ref={stageHost}>
        {outlineShown && (
          <Suspense fallback={<p className="loading">{t('header.loadingOutline')}</p>}>
            <OutlineView model={shownModel} canEdit={canEdit} myName={me.name} voterId={voterId()} onEditing={(id) => presence.setEditing(id)} onAddPrivate={drafts.round ? drafts.add : null} />
          </Suspense>
        )}
        {size.width > 0 && !outlineShown && (
          <Suspense fallback={<p className="loading" data-testid="canvas-loading">{t('header.loadingBoard')}</p>}>
            <BoardCanvas
              notes={displayView.notes ?? shownNotes}
              prompts={shownMeta.prompts}
              viewport={viewport}
              size={size}
              selection={recordView ? NO_SELECTION : selection}
              editingId={editingId}
              peers={peers}
              canEdit={canEdit}
              panMode={panMode}
              onViewportChange={setViewport}
              onSelectionChange={recordView ? ignoreSelection : select}
              onMoveNotes={onMoveNotes}
              onResizeNote={onResizeNote}
              onAddNoteAt={(point, zone) => addNote(point, zone)}
              onEditNote={startEditing}
              onEditPrompt={onEditPrompt}
              onCursorMove={onCursorMove}
              onStage={onStage}
              overlay={recordView?.overlay}
              highlightZone={meeting.phase ? PHASE_ZONES[meeting.phase] : null}
              links={shownLinks}
              onAddLink={recordView ? undefined : (from, to) => linkNotes(model, from, to, me.name)}
              onDeleteLink={recordView ? undefined : (id) => model.deleteLink(id)}
              vote={recordView ? null : vote}
              onVote={(noteId, delta) => voteOn(model, noteId, voterId(), delta)}
            />
          </Suspense>
        )}
        {/* The shared screen shows the meeting in its band; the leader's controls stay on the leader's device. */}
        {!outlineShown && !display && votePanel}
        {drafts.round && (!display || displayEdit) && (
          <Suspense fallback={null}>
            <PrivateWriting drafts={drafts} canWrite={canEdit} request={draftRequest} />
          </Suspense>
        )}
        {recordView && <RecordBanner view={recordView} onBack={() => setRecordView(null)} />}
        {recordsOpen && !display && (
          <Suspense fallback={null}>
            <RecordsPanel
              boardId={boardId}
              boardKey={boardKey}
              role={role}
              liveModel={model}
              view={recordView}
              onView={setRecordView}
              onClose={() => {
                setRecordsOpen(false);
                // Back to the button that opened the panel, unless it is folded away in the phone's menu.
                if (recordsButton.current?.getClientRects().length) recordsButton.current.focus();
              }}
            />
          </Suspense>
        )}
        {editingNote && canEdit && !outlineShown && (
          <NoteEditor note={editingNote} viewport={viewport} bounds={size} onChange={(text) => model.setNoteText(editingNote.id, text)} onClose={stopEditing} />
        )}
        {!outlineShown && (!display || displayEdit) && <Toolbar
          canEdit={canEdit}
          canUndo={history.canUndo}
          canRedo={history.canRedo}
          hasSelection={selection.size > 0}
          color={color}
          zoomPercent={Math.round(viewport.scale * 100)}
          onAddNote={() => addNote()}
          onColor={recolor}
          onDelete={deleteSelection}
          onUndo={() => model.undo()}
          onRedo={() => model.redo()}
          onZoomIn={() => zoomBy(ZOOM_STEP)}
          onZoomOut={() => zoomBy(1 / ZOOM_STEP)}
          onZoomFit={zoomFit}
          actionContext={actionContext}
          onAction={runBoardAction}
        />}
      </main>
      {display && (
        <Suspense fallback={null}>
          <DisplayPanel
            boardId={boardId}
            boardKey={boardKey}
            title={meta.title}
            role={role}
            me={me}
            peers={peers}
            following={following}
            leaderName={leader?.user.name ?? null}
            editing={displayEdit}
            canWrite={canWrite(role)}
            onFollow={setFollowing}
            onEdit={setDisplayEdit}
            onExit={() => {
              setDisplay(false);
              setDisplayEdit(false);
            }}
          />
        </Suspense>
      )}
      {promptZone && (
        <Suspense fallback={null}>
          <PromptsDialog
            prompts={meta.prompts}
            focusZone={promptZone}
            onClose={() => setPromptZone(null)}
            onSave={(changed) => {
              for (const [zone, prompt] of Object.entries(changed) as Array<[Zone, string]>) model.setZonePrompt(zone, prompt);
              setPromptZone(null);
            }}
          />
        </Suspense>
      )}
    </div>
  );
}
