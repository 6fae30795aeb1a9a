import type { FastifyPluginAsync } from 'fastify';
import type { WebSocket, RawData } from 'ws';
import type {} from '@fastify/websocket';
import { CloseCode } from '../../shared/protocol/closeCodes';
import { isValidId } from '../../shared/protocol/ids';
import { MalformedMessageError, type Peer, type Room } from '../rooms/room';

function toBytes(data: RawData): Uint8Array {
  if (Array.isArray(data)) return new Uint8Array(Buffer.concat(data));
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}

/** A close reason must fit in a control frame (123 bytes). */
function closeReason(text: string): string {
  return Buffer.byteLength(text) <= 120 ? text : `${text.slice(0, 100)}…`;
}

/**
 * `/sync/:boardId?key=<key>`: the standard y-websocket protocol. The key decides the role; an
 * unknown board closes with 4404, a bad key with 4401, a malformed message with 4400 (that socket only).
 */
export interface SyncPluginOptions {
  /** Ping interval; a socket that misses a whole interval is dropped. */
  heartbeatMs: number;
}

export const syncPlugin: FastifyPluginAsync<SyncPluginOptions> = async (app, options) => {
  // A laptop that sleeps or a phone that changes network leaves a socket that looks open for a long
  // time; without pings its room would never unload. One timer for all sockets, not one each.
  const answered = new Map<WebSocket, boolean>();
  const heartbeat = setInterval(() => {
    for (const [socket, alive] of answered) {
      if (!alive) {
        socket.terminate();
        continue;
      }
      answered.set(socket, false);
      socket.ping();
    }
  }, options.heartbeatMs);
  heartbeat.unref();
  app.addHook('onClose', async () => clearInterval(heartbeat));

  app.get<{ Params: { boardId: string }; Querystring: { key?: string } }>(
    '/sync/:boardId',
    {
      websocket: true,
      schema: {
        params: { type: 'object', required: ['boardId'], properties: { boardId: { type: 'string', maxLength: 200 } } },
        querystring: { type: 'object', properties: { key: { type: 'string', maxLength: 200 } } },
      },
    },
    (socket: WebSocket, request) => {
      // Listen before anything else, so a fast client's first messages are held, not lost.
      const early: Uint8Array[] = [];
      let deliver: (message: Uint8Array) => void = (message) => early.push(message);
      socket.on('message', (data: RawData) => deliver(toBytes(data)));
      answered.set(socket, true);
      socket.on('pong', () => answered.set(socket, true));
      socket.on('close', () => answered.delete(socket));

      const { boardId } = request.params;
      const key = request.query.key;
      if (!isValidId(boardId) || !app.storage.getBoard(boardId)) {
        socket.close(CloseCode.BoardNotFound, 'board not found');
        return;
      }
      const role = key ? app.storage.roleForKey(boardId, key) : null;
      if (!role) {
        socket.close(CloseCode.Unauthorized, 'missing or wrong key');
        return;
      }

      let room: Room | null = null;
      const peer: Peer = {
        role,
        send: (message) => {
          if (socket.readyState === socket.OPEN) socket.send(message);
        },
        close: (code, reason) => socket.close(code, closeReason(reason)),
      };
      const leave = (): void => {
        if (!room) return;
        const left = room;
        room = null;
        app.rooms.leave(left, peer);
      };
      socket.on('close', leave);
      socket.on('error', (error) => {
        request.log.warn({ err: error, boardId }, 'websocket error');
        leave();
      });

      try {
        room = app.rooms.join(boardId, peer);
      } catch (error) {
        request.log.error({ err: error, boardId }, 'could not load board');
        socket.close(CloseCode.StorageFailure, 'board could not be loaded');
        return;
      }
      deliver = (message) => {
        if (!room) return;
        try {
          room.handleMessage(peer, message);
        } catch (error) {
          const reason = error instanceof MalformedMessageError ? error.message : 'message could not be applied';
          request.log.warn({ err: error, boardId }, 'closing socket after malformed message');
          leave();
          socket.close(CloseCode.MalformedMessage, closeReason(`malformed message: ${reason}`));
        }
      };
      for (const message of early.splice(0)) deliver(message);
    },
  );
};
