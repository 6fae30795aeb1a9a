import fp from 'fastify-plugin';
import { RoomManager } from '../rooms/roomManager';

declare module 'fastify' {
  interface FastifyInstance {
    rooms: RoomManager;
  }
}

export interface RoomsPluginOptions {
  compactEvery: number;
}

/** The open rooms; on shutdown every room is stored before storage closes. */
export const roomsPlugin = fp<RoomsPluginOptions>(
  async (app, options) => {
    const rooms = new RoomManager(app.storage, {
      compactEvery: options.compactEvery,
      onError: (error, context) => app.log.error({ err: error }, `room failure while ${context}`),
    });
    app.decorate('rooms', rooms);
    // preClose runs before the websocket server drops connections, so peers get a proper close code.
    app.addHook('preClose', async () => rooms.closeAll());
  },
  { name: 'discern-rooms', dependencies: ['discern-storage'] },
);
