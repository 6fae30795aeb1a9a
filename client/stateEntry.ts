// The first script of board links (board.html, see scripts/boardPagePlugin.ts): it starts fetching the
// board's info and state before anything else has downloaded (client/sync/boardPrefetch.ts). It imports only
// what finds the board in the address, so it runs as soon as it arrives.
import { isValidId } from '../shared/protocol/ids';
import { boardIdFromPath, keyFromHash } from './pages/boardRoute';
import { prefetchBoard } from './sync/boardPrefetch';

const boardId = boardIdFromPath(window.location.pathname);
const key = keyFromHash(window.location.hash);
if (boardId && isValidId(boardId) && key) prefetchBoard(boardId, key);
