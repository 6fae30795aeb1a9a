import fp from 'fastify-plugin';
import { RoomManager } from '../rooms/roomManager';
import { DEFAULT_LIMITS, type Limits } from '../config';

declare module 'fastify' {
  interface FastifyInstance {
    rooms: RoomManager;
  }
}

export interface RoomsPluginOptions {
  compactEvery: number;
  /** Board size, note and link caps, presence size; the defaults when not given. */
  limits?: Limits;
}

/** The open rooms; on shutdown every room is stored before storage closes. */
export const roomsPlugin = fp<RoomsPluginOptions>(
  async (app, options) => {
    const rooms = new RoomManager(app.storage, {
      compactEvery: options.compactEvery,
      limits: options.limits ?? DEFAULT_LIMITS,
      onError: (error, context) => app.log.error({ err: error }, `room failure while ${context}`),
      feed: app.boardFeed,
    });
    app.decorate('rooms', rooms);
    // preClose runs before the websocket server drops connections, so clients get a proper close code.
    app.addHook('preClose', async () => rooms.closeAll());
  },
  { name: 'discern-rooms', dependencies: ['discern-storage', 'discern-fanout'] },
);
