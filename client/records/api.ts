import type { RecordSummary } from '../../shared/board/recordSchema';
import { apiFetch, type CreatedBoard } from '../sync/api';

/** A saved record as the list shows it (`RecordSummary` in docs/api.md): imported as a type only, so TypeBox stays out of the bundle. */
export type { RecordSummary };

export interface RestoreResult {
  restored: string;
  noteCount: number;
}

/** Where one board's records are, and the key that opens them (sent as a Bearer header, never in a URL). */
export interface RecordsAccess {
  boardId: string;
  key: string;
}

function recordsPath({ boardId }: RecordsAccess, rest = ''): string {
  return `/api/boards/${encodeURIComponent(boardId)}/records${rest}`;
}

function call(access: RecordsAccess, path: string, init: RequestInit = {}): Promise<Response> {
  return apiFetch(path, init, access.key);
}

function postJson(access: RecordsAccess, path: string, body?: unknown): Promise<Response> {
  return call(access, path, body === undefined ? { method: 'POST' } : { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
}

/** The board's records, newest first. Any key. */
export async function listRecords(access: RecordsAccess): Promise<RecordSummary[]> {
  return (await (await call(access, recordsPath(access))).json()) as RecordSummary[];
}

/** Takes a record of the board as it is live now. Lead key; a blank label lets the server date it. */
export async function saveRecord(access: RecordsAccess, label: string): Promise<RecordSummary> {
  const trimmed = label.trim();
  return (await (await postJson(access, recordsPath(access), trimmed ? { label: trimmed } : {})).json()) as RecordSummary;
}

/** The record's full Yjs state, to draw it on the canvas. */
export async function fetchRecordState(access: RecordsAccess, id: string): Promise<Uint8Array> {
  const response = await call(access, recordsPath(access, `/${encodeURIComponent(id)}?format=yjs`));
  return new Uint8Array(await response.arrayBuffer());
}

/** The server's own Markdown or JSON of a record, as text, for export. */
export async function fetchRecordText(access: RecordsAccess, id: string, format: 'md' | 'json'): Promise<string> {
  return (await call(access, recordsPath(access, `/${encodeURIComponent(id)}?format=${format}`))).text();
}

/** Makes the live board equal the record, as a new change everyone sees. Lead key. */
export async function restoreRecord(access: RecordsAccess, id: string): Promise<RestoreResult> {
  return (await (await postJson(access, recordsPath(access, `/${encodeURIComponent(id)}/restore`))).json()) as RestoreResult;
}

/** Starts a new board holding the record's notes; answers its keys and links. Lead key. */
export async function forkRecord(access: RecordsAccess, id: string): Promise<CreatedBoard> {
  return (await (await postJson(access, recordsPath(access, `/${encodeURIComponent(id)}/fork`), {})).json()) as CreatedBoard;
}

/** Deletes a record for good. Lead key. */
export async function deleteRecord(access: RecordsAccess, id: string): Promise<void> {
  await call(access, recordsPath(access, `/${encodeURIComponent(id)}`), { method: 'DELETE' });
}
