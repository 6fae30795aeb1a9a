import type { FastifyPluginAsync } from 'fastify';
import type { Socket } from 'node:net';
import type { WebSocket, RawData } from 'ws';
import type {} from '@fastify/websocket';
import { ShuttingDown } from '../rooms/roomManager';
import { CloseCode } from '../../shared/protocol/closeCodes';
import { isValidId } from '../../shared/protocol/ids';
import { isVoterSecret, voterIdFor } from '../../shared/protocol/voter';
import { DEFAULT_LIMITS, type Limits } from '../config';
import type { Room } from '../rooms/room';
import type { Connection } from '../rooms/connection';
import { Refusal } from '../rooms/refusal';
import { TokenBucket } from '../rooms/tokenBucket';
import { roleForKey } from '../boards/roleForKey';

/**
 * A private copy of the message: `ws` may hand out views into a larger pooled buffer, and a length
 * prefix that lies must run off the end of this message, not into the bytes behind it.
 */
function toBytes(data: RawData): Uint8Array {
  if (Array.isArray(data)) return new Uint8Array(Buffer.concat(data));
  if (data instanceof ArrayBuffer) return new Uint8Array(data.slice(0));
  return new Uint8Array(data);
}

/** A close reason must fit in a control frame (123 bytes). */
function closeReason(text: string): string {
  return Buffer.byteLength(text) <= 120 ? text : `${text.slice(0, 100)}…`;
}

export interface SyncPluginOptions {
  /** Ping interval; a socket that misses a whole interval is dropped. */
  heartbeatMs: number;
  limits?: Pick<
    Limits,
    'maxMessageBytes' | 'maxFirstSyncBytes' | 'messagesPerSecond' | 'bytesPerSecond' | 'maxConnectionsPerBoard' | 'maxConnectionsPerIp' | 'maxBufferedBytes'
  >;
}

/** How long one socket's queued messages may run before other work gets a turn. */
const TURN_BUDGET_MS = 4;

/** A socket closed for not reading is given this long to finish its close handshake, then cut. */
const CLOSE_GRACE_MS = 2_000;

/** After the rooms are stored on shutdown, sockets get this long to finish closing before they are cut. */
const SHUTDOWN_GRACE_MS = 1_000;

/**
 * `/sync/:boardId?key=<key>[&voter=<secret>]`: the standard y-websocket protocol. The key decides the
 * role; the voter secret the id this socket's dots are cast under. Close codes are in
 * shared/protocol/closeCodes.ts and docs/protocol.md; each closes only the socket concerned.
 */
export const syncPlugin: FastifyPluginAsync<SyncPluginOptions> = async (app, options) => {
  const limits = options.limits ?? DEFAULT_LIMITS;
  const connectionsByIp = new Map<string, number>();
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
  // A socket still open a moment after every room is stored and closed (an upgrade that arrived
  // during the shutdown, a client that never answers the close frame) would keep the server, and
  // so the process, from ever closing: it is cut. Registered after the rooms, so it runs after them.
  const sockets = new Set<Socket>();
  app.server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  app.addHook('preClose', async () => {
    setTimeout(() => {
      for (const socket of sockets) socket.destroy();
    }, SHUTDOWN_GRACE_MS).unref();
  });

  app.get<{ Params: { boardId: string }; Querystring: { key?: string; voter?: string } }>(
    '/sync/:boardId',
    {
      websocket: true,
      schema: {
        params: { type: 'object', required: ['boardId'], properties: { boardId: { type: 'string', maxLength: 200 } } },
        querystring: {
          type: 'object',
          properties: { key: { type: 'string', maxLength: 200 }, voter: { type: 'string', maxLength: 200 } },
        },
      },
    },
    (socket: WebSocket, request) => {
      let room: Room | null = null;
      let closed = false;
      // Listen before anything else, so a fast client's first messages are held, not lost.
      const early: Uint8Array[] = [];
      let earlyBytes = 0;
      let deliver: (message: Uint8Array) => void = (message) => {
        earlyBytes += message.byteLength;
        if (earlyBytes > limits.maxFirstSyncBytes) refuse(new Refusal(CloseCode.TooLarge, 'too much sent before the board was ready'));
        else early.push(message);
      };
      const rate = new TokenBucket(limits.messagesPerSecond, limits.messagesPerSecond * 2);
      const byteRate = new TokenBucket(limits.bytesPerSecond, Math.max(limits.bytesPerSecond, limits.maxFirstSyncBytes));
      // `ws` hands over every frame of a TCP read at once. Work through them a few milliseconds at a
      // time, so one socket's burst never holds the event loop (and every other room) for long.
      const inbox: Uint8Array[] = [];
      let pumping = false;
      const pump = (): void => {
        const started = performance.now();
        while (inbox.length > 0 && !closed) {
          deliver(inbox.shift()!);
          if (inbox.length > 0 && performance.now() - started > TURN_BUDGET_MS) {
            setImmediate(pump);
            return;
          }
        }
        inbox.length = 0;
        pumping = false;
      };
      socket.on('message', (data: RawData) => {
        // Frames already received when the socket was refused are dropped unread.
        if (closed) return;
        const bytes = toBytes(data);
        if (!rate.take()) return refuse(new Refusal(CloseCode.RateLimited, `over ${limits.messagesPerSecond} messages per second`));
        if (!byteRate.take(bytes.byteLength)) return refuse(new Refusal(CloseCode.RateLimited, `over ${limits.bytesPerSecond} bytes per second`));
        inbox.push(bytes);
        if (!pumping) {
          pumping = true;
          pump();
        }
      });
      answered.set(socket, true);
      socket.on('pong', () => answered.set(socket, true));

      const ip = request.ip;
      const ipCount = (connectionsByIp.get(ip) ?? 0) + 1;
      connectionsByIp.set(ip, ipCount);
      socket.on('close', () => {
        answered.delete(socket);
        const left = (connectionsByIp.get(ip) ?? 1) - 1;
        if (left > 0) connectionsByIp.set(ip, left);
        else connectionsByIp.delete(ip);
      });

      const close = (code: number, reason: string): void => {
        if (closed) return;
        closed = true;
        leave();
        socket.close(code, closeReason(reason));
        // A client that does not read never completes the close handshake.
        setTimeout(() => socket.terminate(), CLOSE_GRACE_MS).unref();
      };
      const refuse = (refusal: Refusal): void => {
        request.log.warn({ boardId: request.params.boardId, code: refusal.code, reason: refusal.message }, 'closing socket');
        close(refusal.code, refusal.code === CloseCode.MalformedMessage ? `malformed message: ${refusal.message}` : refusal.message);
      };
      const connectionOf = (role: Connection['role'], voterId: string | null): Connection => ({
        role,
        voterId,
        send: (message) => {
          if (closed || socket.readyState !== socket.OPEN) return;
          if (socket.bufferedAmount + message.byteLength > limits.maxBufferedBytes) {
            return refuse(new Refusal(CloseCode.SlowConsumer, 'not reading: too much waiting to be sent'));
          }
          socket.send(message);
        },
        close,
      });
      let connection: Connection | null = null;
      const leave = (): void => {
        if (!room || !connection) return;
        const left = room;
        room = null;
        app.rooms.leave(left, connection);
      };
      socket.on('close', () => {
        closed = true;
        leave();
      });
      socket.on('error', (error) => {
        request.log.warn({ err: error, boardId: request.params.boardId }, 'websocket error');
        leave();
      });

      if (ipCount > limits.maxConnectionsPerIp) {
        close(CloseCode.TooManyConnections, 'too many connections from this address');
        return;
      }
      const { boardId } = request.params;
      const { key, voter } = request.query;
      /** Once the connection has joined, messages go to its room, the held ones first. */
      const startDelivering = (joined: Connection): void => {
        deliver = (message) => {
          if (!room) return;
          const allowed = room.inFirstSync(joined) ? limits.maxFirstSyncBytes : limits.maxMessageBytes;
          try {
            if (message.byteLength > allowed) throw new Refusal(CloseCode.TooLarge, `message over ${allowed} bytes`);
            room.handleMessage(joined, message);
          } catch (error) {
            refuse(error instanceof Refusal ? error : new Refusal(CloseCode.MalformedMessage, 'message could not be applied'));
          }
        };
        for (const message of early.splice(0)) {
          if (closed) break;
          deliver(message);
        }
      };
      // Storage answers asynchronously; meanwhile messages are held in `early` (or the socket closes).
      void (async () => {
        let role: Connection['role'] | null;
        try {
          const board = isValidId(boardId) ? await app.storage.boards.get(boardId) : null;
          if (closed) return;
          if (!board) {
            close(CloseCode.BoardNotFound, 'board not found');
            return;
          }
          role = key ? roleForKey(board, key) : null;
        } catch (error) {
          request.log.error({ err: error, boardId }, 'could not read board');
          close(CloseCode.StorageFailure, 'board could not be loaded');
          return;
        }
        if (!role) {
          close(CloseCode.Unauthorized, 'missing or wrong key');
          return;
        }
        if ((app.rooms.get(boardId)?.connectionCount ?? 0) >= limits.maxConnectionsPerBoard) {
          close(CloseCode.TooManyConnections, 'this board has as many connections as it allows');
          return;
        }
        const joining = connectionOf(role, isVoterSecret(voter) ? voterIdFor(voter) : null);
        let joinedRoom: Room;
        try {
          joinedRoom = await app.rooms.join(boardId, joining);
        } catch (error) {
          if (error instanceof ShuttingDown) {
            close(CloseCode.GoingAway, 'server shutting down');
            return;
          }
          request.log.error({ err: error, boardId }, 'could not load board');
          close(CloseCode.StorageFailure, 'board could not be loaded');
          return;
        }
        if (closed) {
          // The socket went away while the board was loading.
          app.rooms.leave(joinedRoom, joining);
          return;
        }
        room = joinedRoom;
        connection = joining;
        startDelivering(joining);
      })();
    },
  );
};
