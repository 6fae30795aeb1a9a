/**
 * The board's sync socket, opened by the page's first script (client/stateEntry.ts) while the rest
 * of the page downloads, and handed to the provider when it connects (`AdoptingWebSocket`). On a slow
 * link the socket's handshake then overlaps the download instead of following it: a round trip less
 * before the board is live (400 ms on Slow 3G). Websockets do not queue behind the page's scripts for
 * one of HTTP/1.1's six connections either.
 *
 * Until the provider takes it, what the server sends is kept, in order, and the provider is given it
 * as if it had just arrived: first `open` (the provider then sends its step 1, built from the board
 * as fetched over HTTP), then each message, then `close` if the server closed it meanwhile.
 */

interface Early {
  url: string;
  socket: WebSocket;
  opened: boolean;
  messages: MessageEvent[];
  closed: CloseEvent | null;
  stopListening(): void;
}

let early: Early | null = null;

/** The sync server's origin for a page: the page's own host, over wss: when the page is https. */
export function syncOrigin(location: Pick<Location, 'protocol' | 'host'>): string {
  return `${location.protocol === 'https:' ? 'wss:' : 'ws:'}//${location.host}`;
}

/** y-websocket's address for a board: `<origin>/sync/<board>?key=…&voter=…` (lib0 encodeQueryParams). */
export function syncSocketUrl(wsOrigin: string, boardId: string, key: string, voter: string): string {
  return `${wsOrigin}/sync/${boardId}?key=${encodeURIComponent(key)}&voter=${encodeURIComponent(voter)}`;
}

/** Opens the socket for `url` now, for the provider to take; one per page. */
export function openEarlySocket(url: string): void {
  if (early) return;
  const socket = new WebSocket(url);
  socket.binaryType = 'arraybuffer';
  const kept: Early = { url, socket, opened: false, messages: [], closed: null, stopListening: () => undefined };
  const onOpen = () => {
    kept.opened = true;
  };
  const onMessage = (event: MessageEvent) => kept.messages.push(event);
  const onClose = (event: CloseEvent) => {
    kept.closed = event;
  };
  socket.addEventListener('open', onOpen);
  socket.addEventListener('message', onMessage);
  socket.addEventListener('close', onClose);
  kept.stopListening = () => {
    socket.removeEventListener('open', onOpen);
    socket.removeEventListener('message', onMessage);
    socket.removeEventListener('close', onClose);
  };
  early = kept;
}

/**
 * The early socket if it was opened for `url` (taken once), else null. What it heard before is
 * replayed to the handlers its new owner sets in the same turn, before anything that arrives later.
 */
function takeEarlySocket(url: string): WebSocket | null {
  const found = early;
  early = null;
  if (!found) return null;
  found.stopListening();
  if (found.url !== url) {
    found.socket.close();
    return null;
  }
  const { socket, opened, messages, closed } = found;
  // After the caller's synchronous setup (y-websocket sets its handlers right after `new`), and
  // before any event still queued: those are dispatched as tasks, after this microtask. Events that
  // had not happened yet reach the new handlers as they happen.
  queueMicrotask(() => {
    if (opened) socket.onopen?.(new Event('open'));
    for (const message of messages) socket.onmessage?.(message);
    if (closed) socket.onclose?.(closed);
  });
  return socket;
}

/**
 * A WebSocket constructor for the provider (`WebSocketPolyfill`): the early socket the first time it
 * is asked for that address, then real new sockets (reconnects).
 */
export const AdoptingWebSocket = function AdoptingWebSocket(url: string | URL, protocols?: string | string[]): WebSocket {
  return takeEarlySocket(String(url)) ?? new WebSocket(url, protocols);
} as unknown as typeof WebSocket;
