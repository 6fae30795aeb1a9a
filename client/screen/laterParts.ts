import { lazy, useEffect, useRef, useState } from 'react';
import { initialViewMode } from '../outline/useViewMode';
import type { ConnectionStatus } from '../sync/connectionStatus';
import { whenIdle } from '../pages/whenIdle';

/*
 * The board screen's parts that are not in the board page's first download, and when each loads.
 * Each lazy part is its own chunk; a failed fetch is retried by the lazy component when shown.
 */

export const PromptsDialog = lazy(() => import('../panels/PromptsDialog'));
// Records and export (and jsPDF behind them) load when the panel is first opened.
export const RecordsPanel = lazy(() => import('../records/RecordsPanel'));
export const DisplayPanel = lazy(() => import('../display/DisplayPanel'));
export const DisplayBand = lazy(() => import('../display/DisplayBand'));
// The outline is the default only on narrow screens, so it loads when first shown.
const loadOutlineView = () => import('../outline/OutlineView');
export const OutlineView = lazy(loadOutlineView);
export const VotePanel = lazy(() => import('../panels/VotePanel'));
// What only shows on some screens (a leader's links and meeting bar, a private-writing round) loads
// when first shown or once the board is live and the browser idle, whichever comes first: the board
// page's first download is the board itself, and the service worker still keeps these for an offline
// reload. (The note editor is not among them: keys typed into a new note must not wait for a download.)
const loadShareLinks = () => import('../panels/ShareLinks');
const loadMeetingBar = () => import('../meeting/MeetingBar');
const loadPrivateWriting = () => import('../meeting/PrivateWriting');
const PANEL_WARM_UP_DELAY_MS = 2000;
export const ShareLinks = lazy(() => loadShareLinks().then((module) => ({ default: module.ShareLinks })));
export const MeetingBar = lazy(() => loadMeetingBar().then((module) => ({ default: module.MeetingBar })));
export const PrivateWriting = lazy(() => loadPrivateWriting().then((module) => ({ default: module.PrivateWriting })));
// Konva and the canvas (about 85 kB gzip) load only when the canvas is shown, so a phone that opens
// the outline never downloads them; and on a wide screen only once the board has been painted
// without them (canvas/preview/BoardPreview.tsx), so they never delay the first sight of the notes.
const loadBoardCanvas = () => import('../canvas/BoardCanvas');
export const BoardCanvas = lazy(() => loadBoardCanvas().then((module) => ({ default: module.BoardCanvas })));
// The outline, where it is the view this screen opens with, starts loading as soon as this page's
// code runs, while the board's first sync is still on its way. A failure here is retried by the
// lazy component itself.
if (initialViewMode() === 'outline') void loadOutlineView().catch(() => undefined);

/** However the first sync goes (offline, slow), the canvas's code is asked for by then. */
const CANVAS_CODE_AT_LATEST_MS = 1500;

/**
 * Whether the canvas's code is wanted yet: from the frame after the board is live (the preview has
 * drawn the first sync's notes by then), or after a moment in any case, so that a board opened
 * offline from this device's copy becomes editable too.
 */
export function useCanvasCodeWanted(status: ConnectionStatus): boolean {
  const [wanted, setWanted] = useState(false);
  useEffect(() => {
    const timer = setTimeout(() => setWanted(true), CANVAS_CODE_AT_LATEST_MS);
    return () => clearTimeout(timer);
  }, []);
  useEffect(() => {
    if (status !== 'live') return;
    // Two frames: the preview's layout effect has drawn the notes, and that frame has been shown.
    let frame = requestAnimationFrame(() => (frame = requestAnimationFrame(() => setWanted(true))));
    return () => cancelAnimationFrame(frame);
  }, [status]);
  return wanted;
}

/** The panels' code follows a couple of seconds after the board is live, out of the first paint's way. */
export function useWarmUpPanels(status: ConnectionStatus): void {
  const warmed = useRef(false);
  useEffect(() => {
    if (status !== 'live' || warmed.current) return;
    return whenIdle(() => {
      warmed.current = true;
      return Promise.all([loadShareLinks(), loadMeetingBar(), loadPrivateWriting()]);
    }, PANEL_WARM_UP_DELAY_MS);
  }, [status]);
}
