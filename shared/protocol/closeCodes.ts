/**
 * Websocket close codes used by `/sync/:boardId`. A public contract: outside clients
 * branch on these numbers, so they never change meaning (see docs/protocol.md, docs/security.md).
 * They follow the stock y-websocket provider's convention: 4400–4499 are permanent (it stops
 * reconnecting: resending the same state would be refused again), 4500–4599 mean "try again later".
 */
export const CloseCode = {
  /** The server is shutting down; reconnect later. */
  GoingAway: 1001,
  /** A frame was larger than the largest message the server accepts at all (sent by `ws` itself). */
  FrameTooLarge: 1009,
  /** A message could not be decoded or applied; only this socket is closed. */
  MalformedMessage: 4400,
  /** The key is missing or does not belong to this board. */
  Unauthorized: 4401,
  /** An update breaks the document format or the sender's role; nothing of it was kept. */
  ForbiddenChange: 4403,
  /** No board with this id exists. */
  BoardNotFound: 4404,
  /** A message, the board, its notes or links, or a presence state is over a size limit. */
  TooLarge: 4413,
  /** The board could not be loaded or stored; the connection cannot continue safely. */
  StorageFailure: 4500,
  /** Too many connections to this board, or from this address; try again later. */
  TooManyConnections: 4503,
  /** The socket did not read what it was sent; its outbound buffer passed the limit. */
  SlowConsumer: 4508,
  /**
   * An update depends on (or deletes) changes the server does not have, as after a crash that lost
   * the sender's last unstored message. Nothing of it was kept; reconnecting syncs afresh.
   */
  NeedsResync: 4509,
  /** Too many messages or bytes per second from this socket; reconnect after a pause. */
  RateLimited: 4529,
} as const;
export type CloseCode = (typeof CloseCode)[keyof typeof CloseCode];
