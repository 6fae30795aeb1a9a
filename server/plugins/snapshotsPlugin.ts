import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import rateLimit from '@fastify/rate-limit';
import { TypeCompiler } from '@sinclair/typebox/compiler';
import fp from 'fastify-plugin';
import { nanoid } from 'nanoid';
import * as Y from 'yjs';
import {
  DEFAULT_TITLE,
  InvalidBoardStateError,
  MAX_PROMPT_LENGTH,
  MAX_TITLE_LENGTH,
  MetaField,
  clipText,
  Root,
  createBoardDoc,
  decodeBoardState,
  diffRecords,
  diffToMarkdown,
  recordNoteCount,
  recordToMarkdown,
  restoreBoard,
  toRecord,
  type BoardRecord,
} from '../../shared/board';
import { BoardRecordSchema, DiffReplySchema } from '../../shared/board/recordSchema';
import { Role } from '../../shared/protocol/ids';
import { RESTORE_ORIGIN, STORAGE_ORIGIN } from '../../shared/protocol/origins';
import { DEFAULT_LIMITS, type Limits } from '../config';
import type { SnapshotSummary, StoredSnapshot } from '../storage/storage';
import { authorizeBoard } from './boardAccess';
import { STORAGE_UNAVAILABLE } from './errorRepliesPlugin';
import { createBoard } from '../boards/createBoard';
import { boardIdParam, createdBoardSchema, errorSchema, titleBodySchema } from './schemas';

export const MAX_LABEL_LENGTH = 120;

/**
 * The limits this plugin enforces, from `config.limits` (server/config.ts); each defaults to
 * DEFAULT_LIMITS. `maxRecordsPerBoard`: records kept per board, saving one more answers 409.
 * `recordReadsPerMinute`: reads of a record (JSON, Markdown, Yjs) and diffs, each route per client
 * address per minute, past it 429.
 */
export type SnapshotsPluginOptions = Partial<Pick<Limits, 'maxRecordsPerBoard' | 'recordReadsPerMinute'>>;
/** The word that stands for the live board where a snapshot id is expected in a diff. */
export const LIVE = 'live';

const LEAD_ONLY = [Role.Lead] as const;

// --- schemas ------------------------------------------------------------------------------------

const errors = {
  400: errorSchema,
  401: errorSchema,
  403: errorSchema,
  404: errorSchema,
  409: errorSchema,
  422: errorSchema,
  // Fastify's answer to a client error (here the record-read rate limit), which says the limit.
  429: {
    type: 'object',
    required: ['error', 'message'],
    properties: { statusCode: { type: 'integer' }, error: { type: 'string' }, message: { type: 'string' } },
  },
  503: errorSchema,
} as const;

const boardParams = {
  type: 'object',
  required: ['id'],
  properties: { id: boardIdParam },
} as const;
const snapshotParams = {
  type: 'object',
  required: ['id', 'sid'],
  properties: { id: boardIdParam, sid: boardIdParam },
} as const;
/** Either side of a diff: a snapshot id or `live`. */
const diffParams = {
  type: 'object',
  required: ['id', 'a', 'b'],
  properties: { id: boardIdParam, a: boardIdParam, b: boardIdParam },
} as const;

const summarySchema = {
  type: 'object',
  required: ['id', 'boardId', 'label', 'createdAt', 'noteCount'],
  properties: {
    id: { type: 'string' },
    boardId: { type: 'string' },
    label: { type: 'string' },
    createdAt: { type: 'number' },
    noteCount: { type: 'integer' },
  },
} as const;

const formatQuery = (formats: readonly string[]) =>
  ({ type: 'object', additionalProperties: false, properties: { format: { type: 'string', enum: formats } } }) as const;

// --- helpers ------------------------------------------------------------------------------------

function defaultLabel(createdAt: number): string {
  const date = new Date(createdAt).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
  return `Record of ${date}`;
}

function summaryOf(snapshot: StoredSnapshot): SnapshotSummary {
  const { id, boardId, label, createdAt, noteCount } = snapshot;
  return { id, boardId, label, createdAt, noteCount };
}

/** A stored record that no longer parses, or a state that is not a board: refused, never used. */
class CorruptSnapshotError extends Error {
  override readonly name = 'CorruptSnapshotError';
}

/** The stored record's own schema, compiled once: what the JSON reply is validated and serialised with. */
const recordCheck = TypeCompiler.Compile(BoardRecordSchema);

/** The record stored with a snapshot, checked against its schema; CorruptSnapshotError if it is not one. */
function parseRecord(snapshot: StoredSnapshot): BoardRecord {
  let record: unknown;
  try {
    record = JSON.parse(snapshot.record);
  } catch {
    throw new CorruptSnapshotError(`snapshot ${snapshot.id} has an unreadable record`);
  }
  if (!recordCheck.Check(record)) throw new CorruptSnapshotError(`snapshot ${snapshot.id} has an unreadable record`);
  // Records stored before they were checked may hold whatever title and prompts a client wrote.
  return {
    ...record,
    title: clipText(record.title, MAX_TITLE_LENGTH) || DEFAULT_TITLE,
    zones: record.zones.map((zone) => ({ ...zone, prompt: clipText(zone.prompt, MAX_PROMPT_LENGTH) })),
  };
}

function sendMarkdown(reply: FastifyReply, markdown: string): FastifyReply {
  return reply.type('text/markdown; charset=utf-8').send(markdown);
}

/**
 * Discernment records: leaders save dated snapshots of a board, compare them with each other or
 * with the live board, export them as Markdown, restore one onto the live board (as a new change
 * that every connected client receives) or start a new board from one. Any key reads; only the
 * lead key writes. Every route resolves access through `authorizeBoard` (404/401/403).
 */
const snapshotRoutes: FastifyPluginAsync<SnapshotsPluginOptions> = async (app, options) => {
  const maxRecords = options.maxRecordsPerBoard ?? DEFAULT_LIMITS.maxRecordsPerBoard;
  const readsPerMinute = options.recordReadsPerMinute ?? DEFAULT_LIMITS.recordReadsPerMinute;
  // server/app.ts registers @fastify/rate-limit once for the whole app (global: false); a server
  // built without it gets one here, for these routes only, so the limit never silently goes.
  if (!app.hasDecorator('rateLimit')) await app.register(rateLimit, { global: false });
  /**
   * Reading a record (JSON, Markdown or Yjs) and comparing two re-encode whole boards: each route
   * allows `readsPerMinute` requests per client address per minute, then 429.
   */
  const recordReadLimit = {
    max: readsPerMinute,
    timeWindow: 60_000,
    // An Error with a status, as the app's error handler answers client errors with Fastify's JSON.
    errorResponseBuilder: (_request: FastifyRequest, context: { statusCode: number; after: string }) =>
      Object.assign(new Error(`too many record reads: at most ${readsPerMinute} a minute from one address; retry in ${context.after}`), {
        statusCode: context.statusCode,
      }),
  };

  /** Runs `fn` on the board as it is live: the open room's doc, or a doc loaded from storage. */
  async function withLiveDoc<T>(boardId: string, fn: (doc: Y.Doc) => T): Promise<T> {
    const room = app.rooms.get(boardId);
    if (room) {
      // Commit what has arrived, so the snapshot never holds what storage lacks; `fn` runs in the
      // same turn as the commit is seen to be complete, before anything new can be applied.
      while (room.hasUncommitted && !room.isClosed) await room.flush();
      // A room whose commit failed has closed (its peers got 4500, nothing was forwarded): read what
      // storage holds instead, which answers 503 if storage is still failing.
      if (!room.isClosed) return fn(room.doc);
    }
    const stored = await app.storage.updates.load(boardId);
    const doc = new Y.Doc();
    try {
      doc.transact(() => {
        for (const { update } of stored) Y.applyUpdate(doc, update, STORAGE_ORIGIN);
      }, STORAGE_ORIGIN);
      return fn(doc);
    } finally {
      doc.destroy();
    }
  }

  /**
   * Decodes a board state into a scratch doc of the current format (`decodeBoardState`), or replies
   * 422 and returns null. The caller destroys the doc.
   */
  function decodeSnapshotState(state: Uint8Array, boardId: string, snapshotId: string, reply: FastifyReply): Y.Doc | null {
    try {
      return decodeBoardState(state, STORAGE_ORIGIN);
    } catch (error) {
      if (!(error instanceof InvalidBoardStateError)) throw error;
      app.log.warn({ boardId, snapshotId, reason: error.message }, 'refused a corrupt snapshot');
      void reply.code(422).send({ error: `snapshot ${snapshotId} cannot be used: ${error.message}` });
      return null;
    }
  }

  function decodeSnapshot(snapshot: StoredSnapshot, reply: FastifyReply): Y.Doc | null {
    return decodeSnapshotState(snapshot.state, snapshot.boardId, snapshot.id, reply);
  }

  /**
   * For the leader's restore and fork: checks the lead key, finds the snapshot and decodes it into a
   * scratch doc (the caller destroys it). Null after replying 401/403/404/422.
   */
  async function leaderSource(request: FastifyRequest<{ Params: { id: string; sid: string } }>, reply: FastifyReply): Promise<Y.Doc | null> {
    const { id: boardId, sid } = request.params;
    if (!(await authorizeBoard(app.storage.boards, request, reply, boardId, LEAD_ONLY))) return null;
    const snapshot = await findSnapshot(boardId, sid, reply);
    return snapshot && decodeSnapshot(snapshot, reply);
  }

  async function findSnapshot(boardId: string, sid: string, reply: FastifyReply): Promise<StoredSnapshot | null> {
    const snapshot = await app.storage.records.get(boardId, sid);
    if (!snapshot) void reply.code(404).send({ error: 'snapshot not found' });
    return snapshot;
  }

  /** The record a diff side names: a stored snapshot or the live board. Null after replying 404/422. */
  async function recordFor(boardId: string, which: string, reply: FastifyReply): Promise<BoardRecord | null> {
    if (which === LIVE) {
      return withLiveDoc(boardId, (doc) => toRecord(doc, { id: LIVE, label: 'Live board', createdAt: Date.now() }));
    }
    const snapshot = await findSnapshot(boardId, which, reply);
    return snapshot && readRecord(snapshot, reply);
  }

  /** The record stored with a snapshot, or null after replying 422. */
  function readRecord(snapshot: StoredSnapshot, reply: FastifyReply): BoardRecord | null {
    try {
      return parseRecord(snapshot);
    } catch (error) {
      if (!(error instanceof CorruptSnapshotError)) throw error;
      void reply.code(422).send({ error: error.message });
      return null;
    }
  }

  app.post<{ Params: { id: string }; Body: { label?: string } | undefined }>(
    '/api/boards/:id/snapshots',
    {
      schema: {
        params: boardParams,
        body: {
          type: ['object', 'null'],
          additionalProperties: false,
          properties: { label: { type: 'string', maxLength: MAX_LABEL_LENGTH } },
        },
        response: { 201: summarySchema, ...errors },
      },
    },
    async (request, reply) => {
      const boardId = request.params.id;
      if (!(await authorizeBoard(app.storage.boards, request, reply, boardId, LEAD_ONLY))) return reply;
      const full = (): FastifyReply => reply.code(409).send({
        error: `this board already has ${maxRecords} records, the most it may keep; delete one to save another`,
      });
      // Checked first so a full board costs no encoding; the insert checks again, in one step with it.
      if ((await app.storage.records.list(boardId)).length >= maxRecords) return full();
      const id = nanoid();
      const createdAt = Date.now();
      const label = request.body?.label?.trim() || defaultLabel(createdAt);
      // What is stored is the live state made a current-format board by the same decoding a restore
      // uses, so whatever a client wrote into the board, the record restores and forks.
      const source = await withLiveDoc(boardId, (doc) => decodeSnapshotState(Y.encodeStateAsUpdate(doc), boardId, id, reply));
      if (!source) return reply;
      let state: Uint8Array;
      let record: BoardRecord;
      try {
        state = Y.encodeStateAsUpdate(source);
        record = toRecord(source, { id, label, createdAt });
      } finally {
        source.destroy();
      }
      const snapshot: StoredSnapshot = {
        id,
        boardId,
        label,
        createdAt,
        noteCount: recordNoteCount(record),
        state,
        record: JSON.stringify(record),
      };
      if (!(await app.storage.records.create(snapshot, maxRecords))) return full();
      return reply.code(201).send(summaryOf(snapshot));
    },
  );

  app.get<{ Params: { id: string } }>(
    '/api/boards/:id/snapshots',
    { schema: { params: boardParams, response: { 200: { type: 'array', items: summarySchema }, ...errors } } },
    async (request, reply) => {
      if (!(await authorizeBoard(app.storage.boards, request, reply, request.params.id))) return reply;
      return app.storage.records.list(request.params.id);
    },
  );

  app.get<{ Params: { id: string; sid: string }; Querystring: { format?: 'json' | 'md' | 'yjs' } }>(
    '/api/boards/:id/snapshots/:sid',
    {
      config: { rateLimit: recordReadLimit },
      schema: {
        params: snapshotParams,
        querystring: formatQuery(['json', 'md', 'yjs']),
        // Markdown and Yjs replies are a string and bytes with their own content type; the schema is for JSON.
        response: { 200: BoardRecordSchema, ...errors },
      },
    },
    async (request, reply) => {
      const { id: boardId, sid } = request.params;
      if (!(await authorizeBoard(app.storage.boards, request, reply, boardId))) return reply;
      const snapshot = await findSnapshot(boardId, sid, reply);
      if (!snapshot) return reply;
      if (request.query.format === 'yjs') {
        return reply.type('application/octet-stream').send(Buffer.from(snapshot.state));
      }
      const record = readRecord(snapshot, reply);
      if (!record) return reply;
      if (request.query.format === 'md') return sendMarkdown(reply, recordToMarkdown(record));
      return record;
    },
  );

  app.get<{ Params: { id: string; a: string; b: string }; Querystring: { format?: 'json' | 'md' } }>(
    '/api/boards/:id/snapshots/:a/diff/:b',
    {
      config: { rateLimit: recordReadLimit },
      schema: {
        params: diffParams,
        querystring: formatQuery(['json', 'md']),
        response: { 200: DiffReplySchema, ...errors },
      },
    },
    async (request, reply) => {
      const { id: boardId, a, b } = request.params;
      const access = await authorizeBoard(app.storage.boards, request, reply, boardId);
      if (!access) return reply;
      const from = await recordFor(boardId, a, reply);
      if (!from) return reply;
      const to = await recordFor(boardId, b, reply);
      if (!to) return reply;
      const diff = diffRecords(from, to);
      const header = (record: BoardRecord) => ({ id: record.id, label: record.label, createdAt: record.createdAt });
      if (request.query.format === 'md') {
        return sendMarkdown(reply, diffToMarkdown(diff, { from: header(from), to: header(to), title: to.title }));
      }
      return { from: header(from), to: header(to), ...diff };
    },
  );

  app.post<{ Params: { id: string; sid: string } }>(
    '/api/boards/:id/snapshots/:sid/restore',
    {
      schema: {
        params: snapshotParams,
        response: {
          200: {
            type: 'object',
            required: ['restored', 'noteCount'],
            properties: { restored: { type: 'string' }, noteCount: { type: 'integer' } },
          },
          ...errors,
        },
      },
    },
    async (request, reply) => {
      const { id: boardId, sid } = request.params;
      // Checked on a scratch doc first: a bad blob must never reach the live board.
      const source = await leaderSource(request, reply);
      if (!source) return reply;
      try {
        // The room commits the restore and forwards it to every peer like any other update.
        let stored = true;
        const noteCount = await app.rooms.withRoom(boardId, async (room) => {
          const count = restoreBoard(room.doc, source, RESTORE_ORIGIN);
          // Committed here rather than after, so that a failed commit is answered: the room then
          // closes its peers (4500) and nobody, this caller included, is told the restore happened.
          await room.flush();
          stored = !room.isClosed;
          return count;
        });
        if (!stored) return reply.code(503).send(STORAGE_UNAVAILABLE);
        return { restored: sid, noteCount };
      } finally {
        source.destroy();
      }
    },
  );

  app.post<{ Params: { id: string; sid: string }; Body: { title?: string } | undefined }>(
    '/api/boards/:id/snapshots/:sid/fork',
    {
      // Forking creates a board: it draws on the same per-address budget.
      preHandler: app.guardBoardBudget,
      schema: {
        params: snapshotParams,
        body: titleBodySchema,
        response: {
          201: createdBoardSchema,
          ...errors,
        },
      },
    },
    async (request, reply) => {
      const source = await leaderSource(request, reply);
      if (!source) return reply;
      // A fresh document with the record's content, not the old board's history.
      const doc = createBoardDoc(DEFAULT_TITLE, STORAGE_ORIGIN);
      try {
        restoreBoard(doc, source, STORAGE_ORIGIN);
        const meta = doc.getMap(Root.Meta);
        const newTitle = request.body?.title?.trim();
        if (newTitle) doc.transact(() => meta.set(MetaField.Title, newTitle), STORAGE_ORIGIN);
        const stored: unknown = meta.get(MetaField.Title);
        const title = typeof stored === 'string' && stored ? stored.slice(0, MAX_TITLE_LENGTH) : DEFAULT_TITLE;
        return reply.code(201).send(await createBoard(app.storage.boards, title, doc));
      } finally {
        doc.destroy();
        source.destroy();
      }
    },
  );

  app.delete<{ Params: { id: string; sid: string } }>(
    '/api/boards/:id/snapshots/:sid',
    { schema: { params: snapshotParams, response: { 204: { type: 'null' }, ...errors } } },
    async (request, reply) => {
      const { id: boardId, sid } = request.params;
      if (!(await authorizeBoard(app.storage.boards, request, reply, boardId, LEAD_ONLY))) return reply;
      if (!(await app.storage.records.delete(boardId, sid))) return reply.code(404).send({ error: 'snapshot not found' });
      return reply.code(204).send();
    },
  );
};

/** Encapsulated: its routes and any hooks stay its own; it needs storage and rooms registered first. */
export const snapshotsPlugin = fp(snapshotRoutes, {
  name: 'discern-snapshots',
  dependencies: ['discern-storage', 'discern-rooms'],
  encapsulate: true,
});
