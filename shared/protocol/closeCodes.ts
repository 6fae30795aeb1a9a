/**
 * Websocket close codes used by `/sync/:boardId`. A public contract: outside clients
 * branch on these numbers, so they never change meaning (see docs/protocol.md).
 */
export const CloseCode = {
  /** The server is shutting down; reconnect later. */
  GoingAway: 1001,
  /** A message could not be decoded or applied; only this socket is closed. */
  MalformedMessage: 4400,
  /** The key is missing or does not belong to this board. */
  Unauthorized: 4401,
  /** No board with this id exists. */
  BoardNotFound: 4404,
  /** The board could not be loaded or stored; the connection cannot continue safely. */
  StorageFailure: 4500,
} as const;
export type CloseCode = (typeof CloseCode)[keyof typeof CloseCode];
