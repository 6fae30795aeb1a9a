import WebSocket from 'ws';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import type { Awareness } from 'y-protocols/awareness';

export interface StockClientOptions {
  /** Extra URL parameters next to the key, for example `{ voter: secret }`. */
  params?: Record<string, string>;
  /** Connect at once (the default) or wait for `connect()`. */
  connect?: boolean;
  /** Reuse a presence object across providers of the same doc (a client moving to a new server). */
  awareness?: Awareness;
}

/**
 * A stock y-websocket provider for any server URL (an in-process server or a child process), with
 * short reconnect back-off so tests do not wait seconds after a server comes back. The caller
 * destroys it.
 */
export function stockProvider(
  wsUrl: string,
  boardId: string,
  key: string,
  doc: Y.Doc = new Y.Doc(),
  options: StockClientOptions = {},
): WebsocketProvider {
  return new WebsocketProvider(`${wsUrl}/sync`, boardId, doc, {
    params: { ...options.params, key },
    // ws stands in for the browser's WebSocket; the types differ only in DOM-only members.
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    maxBackoffTime: 200,
    connect: options.connect ?? true,
    ...(options.awareness ? { awareness: options.awareness } : {}),
  });
}

/** A server-side refusal a stock client received: any close code from 4000 up (see closeCodes.ts). */
export interface Refusal {
  code: number;
  reason: string;
}

/**
 * Reports every close with an application code (4000–4999) that the provider sees. An honest client
 * should never get one; tests collect them, assert there are none and print them when they fail.
 */
export function onRefusal(provider: WebsocketProvider, report: (refusal: Refusal) => void): void {
  provider.on('connection-close', (event) => {
    if (event && event.code >= 4000 && event.code < 5000) report({ code: event.code, reason: event.reason });
  });
}
