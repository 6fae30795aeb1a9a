// The second script of board links (board.html, see scripts/boardPagePlugin.ts). It carries no React:
// only the document, the model and the sync stack, so it runs while React and the board page are
// still downloading and opens the board's connection at once. On a slow link the socket's handshake
// and first sync then overlap the rest of the download instead of following it. BoardPage takes the
// connection over when it mounts (claimBoardConnection).
import { isValidId } from '../shared/protocol/ids';
import { boardIdFromPath, keyFromHash } from './pages/boardRoute';
import { startEarlyConnection } from './sync/boardConnection';

const boardId = boardIdFromPath(window.location.pathname);
const key = keyFromHash(window.location.hash);
if (boardId && isValidId(boardId) && key) startEarlyConnection(boardId, key);
