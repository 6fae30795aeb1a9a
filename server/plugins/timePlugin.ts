import type { FastifyPluginAsync } from 'fastify';

/**
 * `GET /api/time`: the server's clock. Devices' clocks disagree by seconds or minutes; clients
 * estimate their offset from this (NTP-style, halving the round trip) so that a shared countdown
 * ends at the same moment on every screen.
 */
export const timePlugin: FastifyPluginAsync = async (app) => {
  app.get(
    '/api/time',
    {
      schema: {
        response: { 200: { type: 'object', required: ['now'], properties: { now: { type: 'number' } } } },
      },
    },
    async (_request, reply) => {
      void reply.header('cache-control', 'no-store');
      return { now: Date.now() };
    },
  );
};
