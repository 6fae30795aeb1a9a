import type { FastifyPluginAsync } from 'fastify';
import { createBoardDoc } from '../../shared/board/migrations';
import { DEFAULT_TITLE } from '../../shared/board/meta';
import { STORAGE_ORIGIN } from '../../shared/protocol/origins';
import { createBoard, linksFor } from '../boards/createBoard';
import { boardIdParam, createdBoardSchema, errorSchema, keysSchema, titleBodySchema } from './schemas';
import { authorizeBoard } from './boardAccess';

/** REST for boards: create one, read one. Creating needs app.guardBoardCreation (boardCreationPlugin). */
export const boardsPlugin: FastifyPluginAsync = async (app) => {
  app.post<{ Body: { title?: string } | undefined }>(
    '/api/boards',
    {
      // The per-address budget and, when configured, the create token.
      preHandler: app.guardBoardCreation,
      schema: {
        body: titleBodySchema,
        response: {
          201: createdBoardSchema,
          401: errorSchema,
          429: errorSchema,
        },
      },
    },
    async (request, reply) => {
      const title = request.body?.title?.trim() || DEFAULT_TITLE;
      const doc = createBoardDoc(title, STORAGE_ORIGIN);
      try {
        return reply.code(201).send(await createBoard(app.storage.boards, title, doc));
      } finally {
        doc.destroy();
      }
    },
  );

  app.get<{ Params: { id: string } }>(
    '/api/boards/:id',
    {
      schema: {
        params: { type: 'object', required: ['id'], properties: { id: boardIdParam } },
        response: {
          200: {
            type: 'object',
            required: ['id', 'title', 'createdAt', 'role'],
            properties: {
              id: { type: 'string' },
              title: { type: 'string' },
              createdAt: { type: 'number' },
              role: { type: 'string', enum: ['lead', 'edit', 'view'] },
              keys: keysSchema,
              links: keysSchema,
            },
          },
          401: errorSchema,
          404: errorSchema,
        },
      },
    },
    async (request) => {
      const { board, role } = await authorizeBoard(app.storage.boards, request, request.params.id);
      const summary = { id: board.id, title: board.title, createdAt: board.createdAt, role };
      // Only the leader may hand out the other links again.
      if (role === 'lead') return { ...summary, keys: board.keys, links: linksFor(board.id, board.keys) };
      return summary;
    },
  );
};
