import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import rateLimit, { normalizeIP } from '@fastify/rate-limit';
import fp from 'fastify-plugin';
import { recordToMarkdown } from '../../shared/board';
import { Role } from '../../shared/protocol/ids';
import { DEFAULT_LIMITS, type Limits } from '../config';
import { comparisonMarkdown, comparisonReply } from '../records/compareRecords';
import { createRecordService } from '../records/recordService';
import { authorizeBoard } from './boardAccess';
import {
  BoardRecordSchema,
  DiffReplySchema,
  RecordSummarySchema,
  RestoredRecordSchema,
  boardParams,
  createdBoardSchema,
  diffParams,
  formatQuery,
  recordErrorReplies as errors,
  recordParams,
  takeRecordBody,
  titleBodySchema,
} from './recordRouteSchemas';

/**
 * The limits this plugin enforces, from `config.limits` (server/config.ts); each defaults to
 * DEFAULT_LIMITS. `maxRecordsPerBoard`: records kept per board, saving one more answers 409.
 * `recordReadsPerMinute`: reads of a record (JSON, Markdown, Yjs) and diffs, each route per client
 * address per minute, past it 429.
 */
export type RecordsPluginOptions = Partial<Pick<Limits, 'maxRecordsPerBoard' | 'recordReadsPerMinute'>>;

/**
 * The path word of the record routes: `records`, and `snapshots`, their first name, kept for good
 * as an alias (docs/api.md). Both reach the same handlers, and share one read budget.
 */
const ROUTE_WORDS = ['snapshots', 'records'] as const;

const LEAD_ONLY = [Role.Lead] as const;

function sendMarkdown(reply: FastifyReply, markdown: string): FastifyReply {
  return reply.type('text/markdown; charset=utf-8').send(markdown);
}

/**
 * Discernment records over HTTP: a thin shell over server/records/ (the jobs themselves). Each route
 * checks access (`authorizeBoard`: 404/401/403; any key reads, only the lead key writes), calls one
 * job and shapes its reply; refusals are thrown as HttpErrors and answered by the app's error handler.
 */
const recordRoutes: FastifyPluginAsync<RecordsPluginOptions> = async (app, options) => {
  const maxRecords = options.maxRecordsPerBoard ?? DEFAULT_LIMITS.maxRecordsPerBoard;
  const readsPerMinute = options.recordReadsPerMinute ?? DEFAULT_LIMITS.recordReadsPerMinute;
  const records = createRecordService({ storage: app.storage, rooms: app.rooms, log: app.log }, { maxRecords });
  // server/app.ts registers @fastify/rate-limit once for the whole app (global: false); a server
  // built without it gets one here, for these routes only, so the limit never silently goes.
  if (!app.hasDecorator('rateLimit')) await app.register(rateLimit, { global: false });
  /**
   * Reading a record (JSON, Markdown or Yjs) and comparing two re-encode whole boards: each allows
   * `readsPerMinute` requests per client address per minute, then 429. One limiter per kind of
   * read, shared by a route and its alias, so that the alias does not double the budget; its key
   * names the kind, as limiters that count in Redis share one key space.
   */
  const readLimit = (kind: string) =>
    app.rateLimit({
      max: readsPerMinute,
      timeWindow: 60_000,
      keyGenerator: (request: FastifyRequest) => `${normalizeIP(request.ip)}:${kind}`,
      // An Error with a status, as the app's error handler answers client errors with Fastify's JSON.
      errorResponseBuilder: (_request, context) =>
        Object.assign(new Error(`too many record reads: at most ${readsPerMinute} a minute from one address; retry in ${context.after}`), {
          statusCode: context.statusCode,
        }),
    });
  const readOneLimit = readLimit('record-read');
  const diffLimit = readLimit('record-diff');

  for (const word of ROUTE_WORDS) {
    const base = `/api/boards/:id/${word}`;

    app.post<{ Params: { id: string }; Body: { label?: string } | undefined }>(
      base,
      { schema: { params: boardParams, body: takeRecordBody, response: { 201: RecordSummarySchema, ...errors } } },
      async (request, reply) => {
        await authorizeBoard(app.storage.boards, request, request.params.id, LEAD_ONLY);
        return reply.code(201).send(await records.take(request.params.id, request.body?.label));
      },
    );

    app.get<{ Params: { id: string } }>(
      base,
      { schema: { params: boardParams, response: { 200: { type: 'array', items: RecordSummarySchema }, ...errors } } },
      async (request) => {
        await authorizeBoard(app.storage.boards, request, request.params.id);
        return records.list(request.params.id);
      },
    );

    app.get<{ Params: { id: string; sid: string }; Querystring: { format?: 'json' | 'md' | 'yjs' } }>(
      `${base}/:sid`,
      {
        onRequest: readOneLimit,
        schema: {
          params: recordParams,
          querystring: formatQuery(['json', 'md', 'yjs']),
          // Markdown and Yjs replies are a string and bytes with their own content type; the schema is for JSON.
          response: { 200: BoardRecordSchema, ...errors },
        },
      },
      async (request, reply) => {
        const { id: boardId, sid } = request.params;
        await authorizeBoard(app.storage.boards, request, boardId);
        if (request.query.format === 'yjs') {
          const stored = await records.find(boardId, sid);
          return reply.type('application/octet-stream').send(Buffer.from(stored.state));
        }
        const record = await records.read(boardId, sid);
        return request.query.format === 'md' ? sendMarkdown(reply, recordToMarkdown(record)) : record;
      },
    );

    app.get<{ Params: { id: string; a: string; b: string }; Querystring: { format?: 'json' | 'md' } }>(
      `${base}/:a/diff/:b`,
      {
        onRequest: diffLimit,
        schema: { params: diffParams, querystring: formatQuery(['json', 'md']), response: { 200: DiffReplySchema, ...errors } },
      },
      async (request, reply) => {
        const { id: boardId, a, b } = request.params;
        await authorizeBoard(app.storage.boards, request, boardId);
        const comparison = await records.compare(boardId, a, b);
        return request.query.format === 'md' ? sendMarkdown(reply, comparisonMarkdown(comparison)) : comparisonReply(comparison);
      },
    );

    app.post<{ Params: { id: string; sid: string } }>(
      `${base}/:sid/restore`,
      { schema: { params: recordParams, response: { 200: RestoredRecordSchema, ...errors } } },
      async (request) => {
        const { id: boardId, sid } = request.params;
        await authorizeBoard(app.storage.boards, request, boardId, LEAD_ONLY);
        return records.restore(boardId, sid);
      },
    );

    app.post<{ Params: { id: string; sid: string }; Body: { title?: string } | undefined }>(
      `${base}/:sid/fork`,
      {
        // Forking creates a board: it draws on the same per-address budget.
        preHandler: app.guardBoardBudget,
        schema: { params: recordParams, body: titleBodySchema, response: { 201: createdBoardSchema, ...errors } },
      },
      async (request, reply) => {
        const { id: boardId, sid } = request.params;
        await authorizeBoard(app.storage.boards, request, boardId, LEAD_ONLY);
        return reply.code(201).send(await records.fork(boardId, sid, request.body?.title));
      },
    );

    app.delete<{ Params: { id: string; sid: string } }>(
      `${base}/:sid`,
      { schema: { params: recordParams, response: { 204: { type: 'null' }, ...errors } } },
      async (request, reply) => {
        const { id: boardId, sid } = request.params;
        await authorizeBoard(app.storage.boards, request, boardId, LEAD_ONLY);
        await records.delete(boardId, sid);
        return reply.code(204).send();
      },
    );
  }
};

/** Encapsulated: its routes and any hooks stay its own; it needs storage and rooms registered first. */
export const recordsPlugin = fp(recordRoutes, {
  name: 'discern-records',
  dependencies: ['discern-storage', 'discern-rooms'],
  encapsulate: true,
});
