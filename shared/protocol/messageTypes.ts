/**
 * Top-level message types of the y-websocket wire protocol. Each websocket message
 * starts with one of these as a lib0 var-uint; the rest is y-protocols' sync or
 * awareness encoding. Numbers match the stock `y-websocket` provider.
 */
export const MessageType = {
  Sync: 0,
  Awareness: 1,
  Auth: 2,
  QueryAwareness: 3,
} as const;
export type MessageType = (typeof MessageType)[keyof typeof MessageType];
