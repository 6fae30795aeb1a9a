import { Suspense, useCallback, useMemo, useRef, useState } from 'react';
import type { Stage as KonvaStage } from 'konva/lib/Stage';
import type { NoteMove } from '../../shared/board/model';
import type { Zone } from '../../shared/board/zones';
import { canWrite } from '../../shared/protocol/ids';
import { actionForKey, colorNotesAction, deleteNotesAction, runAction, type ActionContext, type BoardAction } from '../actions';
import { useBoard } from '../board/BoardContext';
import { voterId } from '../board/identity';
import type { PresenceUser } from '../board/presence';
import { useConnectionStatus } from '../board/useConnectionStatus';
import { useBoardMeta, useHistoryState, useNotes } from '../board/useNotes';
import { useParticipants } from '../board/usePresence';
import { useShortcuts } from '../board/useShortcuts';
import { useLinks } from '../board/useLinks';
import { useVoteUi } from '../board/useVoteUi';
import { useBoardFonts } from '../fonts/useBoardFonts';
import { linkNotes, voteOn } from '../canvas/boardActions';
import { NoteEditor } from '../canvas/NoteEditor';
import { ZOOM_STEP } from '../canvas/viewport';
import { exposeStage } from '../debugHandle';
import { useTranslation } from '../i18n';
import { useViewMode } from '../outline/useViewMode';
import { Toolbar } from '../panels/Toolbar';
import { RecordBanner } from '../records/RecordBanner';
import { useRecordView } from '../records/useRecordView';
import { useDisplayKeys } from '../display/useDisplayKeys';
import { useDisplayMode } from '../display/useDisplayMode';
import { useDisplayView } from '../display/useDisplayView';
import { useMeeting, useServerNow } from '../meeting/useMeeting';
import { useCommitRevealedDrafts } from '../meeting/usePrivateDrafts';
import { useViewportSharing } from '../meeting/useViewportSharing';
import { PHASE_ZONES } from '../../shared/board/meeting';
import { BoardPreview } from '../canvas/preview/BoardPreview';
import { BoardHeader } from '../screen/BoardHeader';
import { BoardCanvas, DisplayBand, DisplayPanel, MeetingBar, OutlineView, PrivateWriting, PromptsDialog, RecordsPanel, VotePanel, useCanvasCodeWanted, useWarmUpPanels } from '../screen/laterParts';
import { useBoardViewport } from '../screen/useBoardViewport';
import { useNoteCreation } from '../screen/useNoteCreation';
import { useSelection } from '../screen/useSelection';
import type { BoardInfo } from '../sync/api';

/**
 * The open board: header, canvas or outline, note editor, toolbar and panels, from the hooks and parts
 * in client/screen/. Wires model commands to the canvas's callbacks.
 */
export function BoardScreen({ boardId, boardKey, info, me }: { boardId: string; boardKey: string; info: BoardInfo | null; me: PresenceUser }) {
  const { model, presence, role } = useBoard();
  const { t } = useTranslation();
  const [recordsOpen, setRecordsOpen] = useState(false);
  const recordsButton = useRef<HTMLButtonElement>(null);
  const records = useRecordView();
  // A record or comparison on the canvas is read-only: no key, click or drag may reach the live board.
  const readOnly = records.current !== null;
  // The shared screen shows the board read-only until someone at it switches editing on (E).
  const [display, setDisplay] = useDisplayMode();
  const [displayEdit, setDisplayEdit] = useState(false);
  const [following, setFollowing] = useState(true);
  const canEdit = canWrite(role) && !readOnly && (!display || displayEdit);
  const notes = useNotes();
  const meta = useBoardMeta();
  const shownModel = records.current?.model ?? model;
  const shownNotes = useNotes(shownModel);
  const shownMeta = useBoardMeta(shownModel);
  const history = useHistoryState();
  const shownLinks = useLinks(shownModel);
  const vote = useVoteUi(model);
  const participants = useParticipants();
  const status = useConnectionStatus();
  // The webfonts for every script on the board, before the canvas draws its words (client/fonts/).
  useBoardFonts(shownNotes, [shownMeta.title, ...Object.values(shownMeta.prompts)]);
  useWarmUpPanels(status);
  const canvasWanted = useCanvasCodeWanted(status);

  const { stageHost, size, viewport, setViewport, zoomBy, zoomFit, reveal } = useBoardViewport();
  const meeting = useMeeting();
  const serverNow = useServerNow();
  // A display lays the board out legibly itself (client/display); it follows a leader who moves their view.
  const displayView = useDisplayView({ display, following, editing: displayEdit, notes: shownNotes, size, meeting, participants, setViewport });
  const { leader, summon } = useViewportSharing({ viewport, size, setViewport, following: display && following, holding: !displayView.leaderDriving, role, participants, presence, now: serverNow });
  useDisplayKeys(display, () => canWrite(role) && setDisplayEdit((on) => !on));
  useCommitRevealedDrafts(boardId);

  const { selection, select, editingId, editingNote, startEditing, stopEditing, moveCursor } = useSelection({ canEdit, readOnly, reveal });
  const { color, setColor, drafts, draftRequest, addNote } = useNoteCreation({ boardId, author: me.name, canEdit, viewport, size, startEditing });
  const [panMode, setPanMode] = useState(false);
  const [promptZone, setPromptZone] = useState<Zone | null>(null);
  const [viewMode, setViewMode] = useViewMode();
  // The shared screen is always the canvas: the outline is for reading on one's own device.
  const outlineShown = viewMode === 'outline' && !display;

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
  const onStage = useCallback((stage: KonvaStage | null) => exposeStage(stage), []);

  const recolor = (next: string) => {
    setColor(next);
    runBoardAction(colorNotesAction, next);
  };

  const votePanel = !readOnly && (role === 'lead' || vote.status === 'active') && (
    <Suspense fallback={null}>
      <VotePanel vote={vote} />
    </Suspense>
  );

  const highlightZone = meeting.phase ? PHASE_ZONES[meeting.phase] : null;
  const boardPreview = <BoardPreview notes={displayView.notes ?? shownNotes} prompts={shownMeta.prompts} viewport={viewport} size={size} highlightZone={highlightZone} />;

  return (
    <div className={`board-page${display ? ' is-display' : ''}`}>
      <BoardHeader
        boardId={boardId}
        boardKey={boardKey}
        info={info}
        me={me}
        participants={participants}
        status={status}
        viewMode={viewMode}
        onViewMode={setViewMode}
        recordsOpen={recordsOpen}
        recordsButton={recordsButton}
        onToggleRecords={() => setRecordsOpen(!recordsOpen)}
        onEditPrompts={() => setPromptZone('who')}
        onPresent={() => setDisplay(true)}
      />
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
        {size.width > 0 && !outlineShown && !canvasWanted && boardPreview}
        {size.width > 0 && !outlineShown && canvasWanted && (
          <Suspense fallback={boardPreview}>
            <BoardCanvas
              notes={displayView.notes ?? shownNotes}
              prompts={shownMeta.prompts}
              viewport={viewport}
              size={size}
              selection={selection}
              editingId={editingId}
              participants={participants}
              canEdit={canEdit}
              readOnly={readOnly}
              panMode={panMode}
              onViewportChange={setViewport}
              onSelectionChange={select}
              onMoveNotes={onMoveNotes}
              onResizeNote={onResizeNote}
              onAddNoteAt={(point, zone) => addNote(point, zone)}
              onEditNote={startEditing}
              onEditPrompt={onEditPrompt}
              onCursorMove={moveCursor}
              onStage={onStage}
              overlay={records.current?.overlay}
              highlightZone={highlightZone}
              links={shownLinks}
              onAddLink={(from, to) => linkNotes(model, from, to, me.name)}
              onDeleteLink={(id) => model.deleteLink(id)}
              vote={vote}
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
        {records.current && <RecordBanner view={records.current} onBack={records.clear} />}
        {recordsOpen && !display && (
          <Suspense fallback={null}>
            <RecordsPanel
              boardId={boardId}
              boardKey={boardKey}
              role={role}
              liveModel={model}
              recordView={records}
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
            participants={participants}
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
