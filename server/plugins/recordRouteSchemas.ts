/**
 * The JSON Schemas of the record routes (plugins/recordsPlugin.ts): what Fastify validates requests
 * with and serialises replies with. The record's own shapes (BoardRecord, RecordSummary, DiffReply)
 * are the TypeBox declarations of shared/board/recordSchema.ts, which also give their types.
 */
import { MAX_RECORD_LABEL_LENGTH } from '../../shared/board/record';
import { BoardRecordSchema, DiffReplySchema, RecordSummarySchema } from '../../shared/board/recordSchema';
import { RestoredRecordSchema } from '../records/restoreRecord';
import { boardIdParam, createdBoardSchema, errorSchema, rateLimitedSchema, titleBodySchema } from './schemas';

export { BoardRecordSchema, DiffReplySchema, RecordSummarySchema, RestoredRecordSchema };

/** The refusals a record route may answer, each `{ error }` but Fastify's own 429. */
export const recordErrorReplies = {
  400: errorSchema,
  401: errorSchema,
  403: errorSchema,
  404: errorSchema,
  409: errorSchema,
  422: errorSchema,
  // The record-read rate limit.
  429: rateLimitedSchema,
  503: errorSchema,
} as const;

export const boardParams = {
  type: 'object',
  required: ['id'],
  properties: { id: boardIdParam },
} as const;

export const recordParams = {
  type: 'object',
  required: ['id', 'sid'],
  properties: { id: boardIdParam, sid: boardIdParam },
} as const;

/** Either side of a comparison: a record id or `live`. */
export const diffParams = {
  type: 'object',
  required: ['id', 'a', 'b'],
  properties: { id: boardIdParam, a: boardIdParam, b: boardIdParam },
} as const;

export function formatQuery(formats: readonly string[]) {
  return { type: 'object', additionalProperties: false, properties: { format: { type: 'string', enum: formats } } } as const;
}

/** The optional body of taking a record. Null or absent is allowed: every field is optional. */
export const takeRecordBody = {
  type: ['object', 'null'],
  additionalProperties: false,
  properties: { label: { type: 'string', maxLength: MAX_RECORD_LABEL_LENGTH } },
} as const;

export { createdBoardSchema, titleBodySchema };
