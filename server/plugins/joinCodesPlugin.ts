import type { FastifyPluginAsync } from 'fastify';
import type {} from '@fastify/rate-limit';
import { customAlphabet } from 'nanoid';
import { Role, boardLink } from '../../shared/protocol/ids';
import { JOIN_CODE_ALPHABET, JOIN_CODE_LENGTH, joinPath, normalizeJoinCode } from '../../shared/protocol/joinCodes';
import { authorizeBoard } from './boardAccess';
import { boardIdParam, errorSchema } from './schemas';

export interface JoinCodesPluginOptions {
  /** How long a code stays valid. */
  ttlMs: number;
  /** Look-ups allowed per client address per minute; codes are short, so guessing must be slow. */
  lookupsPerMinute: number;
}

const newCode = customAlphabet(JOIN_CODE_ALPHABET, JOIN_CODE_LENGTH);
const joinCodeSchema = {
  type: 'object',
  required: ['code', 'expiresAt', 'path'],
  properties: { code: { type: 'string' }, expiresAt: { type: 'number' }, path: { type: 'string' } },
} as const;

/**
 * Short join codes for the shared screen. The leader asks for one; anyone who types it gets the
 * board's edit link. A code is a credential like the edit key, so it expires and look-ups are rate limited.
 */
export const joinCodesPlugin: FastifyPluginAsync<JoinCodesPluginOptions> = async (app, options) => {
  // Look-ups are limited through @fastify/rate-limit, which app.ts registers once for the whole app.
  app.post<{ Params: { id: string } }>(
    '/api/boards/:id/join-code',
    {
      schema: {
        params: { type: 'object', required: ['id'], properties: { id: boardIdParam } },
        response: { 200: joinCodeSchema, 401: errorSchema, 403: errorSchema, 404: errorSchema },
      },
    },
    async (request) => {
      const access = await authorizeBoard(app.storage.boards, request, request.params.id, [Role.Lead]);
      const now = Date.now();
      // Half-way through its life a code is replaced, so the screen never shows one about to expire.
      let joinCode = await app.storage.joinCodes.current(access.board.id, now + options.ttlMs / 2);
      if (!joinCode) {
        joinCode = { code: newCode(), boardId: access.board.id, expiresAt: now + options.ttlMs };
        await app.storage.joinCodes.save(joinCode);
      }
      return { code: joinCode.code, expiresAt: joinCode.expiresAt, path: joinPath(joinCode.code) };
    },
  );

  app.get<{ Params: { code: string } }>(
    '/api/join/:code',
    {
      config: { rateLimit: { max: options.lookupsPerMinute, timeWindow: 60_000 } },
      schema: {
        params: { type: 'object', required: ['code'], properties: { code: { type: 'string', maxLength: 20 } } },
        response: {
          200: {
            type: 'object',
            required: ['boardId', 'title', 'link'],
            properties: { boardId: { type: 'string' }, title: { type: 'string' }, link: { type: 'string' } },
          },
          404: errorSchema,
        },
      },
    },
    async (request, reply) => {
      const code = normalizeJoinCode(request.params.code);
      const joinCode = code ? await app.storage.joinCodes.find(code, Date.now()) : null;
      const board = joinCode ? await app.storage.boards.get(joinCode.boardId) : null;
      if (!board) return reply.code(404).send({ error: 'no board has this join code (it may have expired)' });
      return { boardId: board.id, title: board.title, link: boardLink(board.id, board.keys.edit) };
    },
  );
};
