import type { FastifyReply, FastifyRequest, preHandlerAsyncHookHandler } from 'fastify';
import fp from 'fastify-plugin';
import type {} from '@fastify/rate-limit';
import { secretsEqual } from '../secrets';
import { bearerKey } from './boardAccess';

declare module 'fastify' {
  interface FastifyInstance {
    /**
     * The rule for making a new board, as a `preHandler`: the per-address budget of new boards, then
     * the create token when one is configured. `POST /api/boards` uses it; forking a record makes a
     * board too and should use the same (`preHandler: app.guardBoardCreation`), sharing the budget.
     */
    guardBoardCreation: preHandlerAsyncHookHandler;
    /**
     * The per-address budget alone, for forking a record: the lead key it needs already shows the
     * caller holds a board, so the create token (which travels in the same header) is not asked for.
     */
    guardBoardBudget: preHandlerAsyncHookHandler;
  }
}

export interface BoardCreationPluginOptions {
  /** New boards per client address per hour (ServerConfig.limits.boardsPerIpPerHour). */
  boardsPerIpPerHour: number;
  /** When set, creating a board needs `Authorization: Bearer <token>` (ServerConfig.createToken). */
  createToken: string | null;
}

const HOUR_MS = 60 * 60 * 1000;

/** Whether a request carries the create token (always true when none is configured). */
export function hasCreateToken(request: FastifyRequest, createToken: string | null): boolean {
  if (createToken === null) return true;
  const given = bearerKey(request);
  return given !== null && secretsEqual(given, createToken);
}

/**
 * Guards every route that makes a new board. Needs @fastify/rate-limit registered before it (app.ts
 * registers it once for the app). One limiter serves all such routes, so creating and forking draw on
 * the same budget per address; the address is `request.ip`, the real client when TRUST_PROXY is set.
 */
export const boardCreationPlugin = fp<BoardCreationPluginOptions>(
  async (app, options) => {
    const checkBudget = app.createRateLimit({ max: options.boardsPerIpPerHour, timeWindow: HOUR_MS });

    async function guardBoardBudget(request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | undefined> {
      const budget = await checkBudget(request);
      if (!budget.isAllowed && budget.isExceeded) {
        const retryAfter = Math.max(1, budget.ttlInSeconds);
        return reply
          .code(429)
          .header('retry-after', retryAfter)
          .send({ error: `too many new boards from this address; try again in ${Math.ceil(retryAfter / 60)} min` });
      }
      return undefined;
    }

    async function guardBoardCreation(request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | undefined> {
      // The budget first, so that guessing the token is as slow as creating boards.
      const refused = await guardBoardBudget(request, reply);
      if (refused) return refused;
      if (!hasCreateToken(request, options.createToken)) {
        return reply.code(401).send({ error: 'this server needs a create token to make boards' });
      }
      return undefined;
    }
    app.decorate('guardBoardCreation', guardBoardCreation);
    app.decorate('guardBoardBudget', guardBoardBudget);
  },
  { name: 'discern-board-creation', dependencies: ['@fastify/rate-limit'] },
);
