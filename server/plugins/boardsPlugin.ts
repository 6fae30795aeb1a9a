import type { FastifyPluginAsync } from 'fastify';
import { nanoid } from 'nanoid';
import * as Y from 'yjs';
import { createBoardDoc } from '../../shared/board/migrations';
import { DEFAULT_TITLE, MAX_TITLE_LENGTH } from '../../shared/board/meta';
import { boardLink } from '../../shared/protocol/ids';
import { STORAGE_ORIGIN } from '../../shared/protocol/origins';
import type { BoardKeys } from '../storage/storage';
import { authorizeBoard } from './boardAccess';

const keysSchema = {
  type: 'object',
  required: ['lead', 'edit', 'view'],
  properties: { lead: { type: 'string' }, edit: { type: 'string' }, view: { type: 'string' } },
} as const;

const errorSchema = { type: 'object', properties: { error: { type: 'string' } } } as const;

function linksFor(boardId: string, keys: BoardKeys): BoardKeys {
  return { lead: boardLink(boardId, keys.lead), edit: boardLink(boardId, keys.edit), view: boardLink(boardId, keys.view) };
}

/** REST for boards: create one, read one. */
export const boardsPlugin: FastifyPluginAsync = async (app) => {
  app.post<{ Body: { title?: string } | undefined }>(
    '/api/boards',
    {
      schema: {
        body: {
          type: ['object', 'null'],
          additionalProperties: false,
          properties: { title: { type: 'string', maxLength: MAX_TITLE_LENGTH } },
        },
        response: {
          201: {
            type: 'object',
            required: ['id', 'title', 'keys', 'links'],
            properties: { id: { type: 'string' }, title: { type: 'string' }, keys: keysSchema, links: keysSchema },
          },
        },
      },
    },
    async (request, reply) => {
      const title = request.body?.title?.trim() || DEFAULT_TITLE;
      const id = nanoid();
      const keys: BoardKeys = { lead: nanoid(), edit: nanoid(), view: nanoid() };
      const doc = createBoardDoc(title, STORAGE_ORIGIN);
      app.storage.createBoard({ id, title, createdAt: Date.now(), keys }, Y.encodeStateAsUpdate(doc));
      doc.destroy();
      return reply.code(201).send({ id, title, keys, links: linksFor(id, keys) });
    },
  );

  app.get<{ Params: { id: string } }>(
    '/api/boards/:id',
    {
      schema: {
        params: { type: 'object', required: ['id'], properties: { id: { type: 'string', maxLength: 64 } } },
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
    async (request, reply) => {
      const access = authorizeBoard(app.storage, request, reply, request.params.id);
      if (!access) return reply;
      const { board, role } = access;
      const summary = { id: board.id, title: board.title, createdAt: board.createdAt, role };
      // Only the leader may hand out the other links again.
      if (role === 'lead') return { ...summary, keys: board.keys, links: linksFor(board.id, board.keys) };
      return summary;
    },
  );
};
