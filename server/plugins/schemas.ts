/** JSON schemas that several plugins' routes share. */
import { MAX_TITLE_LENGTH } from '../../shared/board/meta';

export const errorSchema = {
  type: 'object',
  required: ['error'],
  properties: { error: { type: 'string' } },
} as const;

export const keysSchema = {
  type: 'object',
  required: ['lead', 'edit', 'view'],
  properties: { lead: { type: 'string' }, edit: { type: 'string' }, view: { type: 'string' } },
} as const;

/** Fastify's answer to a client error, here a per-address rate limit, which says the limit. */
export const rateLimitedSchema = {
  type: 'object',
  required: ['error', 'message'],
  properties: { statusCode: { type: 'integer' }, error: { type: 'string' }, message: { type: 'string' } },
} as const;

/** The reply of creating a board (new or forked from a record). */
export const createdBoardSchema = {
  type: 'object',
  required: ['id', 'title', 'keys', 'links'],
  properties: { id: { type: 'string' }, title: { type: 'string' }, keys: keysSchema, links: keysSchema },
} as const;

/** An optional `{ title }` body: creating a board, or forking one from a record. */
export const titleBodySchema = {
  type: ['object', 'null'],
  additionalProperties: false,
  properties: { title: { type: 'string', maxLength: MAX_TITLE_LENGTH } },
} as const;

/** `:id` of a board; ids are never longer, and anything malformed is simply not found. */
export const boardIdParam = { type: 'string', maxLength: 64 } as const;
