import type { Role } from '../../shared/protocol/ids';

export interface BoardKeys {
  edit: string;
  lead: string;
  view: string;
}

export interface CreatedBoard {
  id: string;
  title: string;
  keys: BoardKeys;
  links: BoardKeys;
}

/** What GET /api/boards/:id tells a key holder; keys and links only come back for the lead key. */
export interface BoardInfo {
  id: string;
  title: string;
  createdAt: number | string;
  role: Role;
  keys?: BoardKeys;
  links?: BoardKeys;
}

/** A REST call failed with an HTTP status; `status` 0 means the network itself failed. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Calls the REST API. A key goes in the Authorization header, never in the URL, so it stays out of
 * access logs. Refusals throw ApiError with the server's own `{ error }` explanation when it gave one.
 */
export async function apiFetch(path: string, init: RequestInit = {}, key?: string): Promise<Response> {
  const headers = new Headers(init.headers);
  if (key) headers.set('Authorization', `Bearer ${key}`);
  let response: Response;
  try {
    response = await fetch(path, { ...init, headers });
  } catch (error) {
    throw new ApiError(0, error instanceof Error ? error.message : 'network error');
  }
  if (!response.ok) {
    const body = (await response.json().catch(() => null)) as { error?: unknown } | null;
    const reason = typeof body?.error === 'string' ? body.error : `${init.method ?? 'GET'} ${path} failed with ${response.status}`;
    throw new ApiError(response.status, reason);
  }
  return response;
}

export async function apiJson<T>(path: string, init: RequestInit = {}, key?: string): Promise<T> {
  return (await (await apiFetch(path, init, key)).json()) as T;
}

export function createBoard(title: string): Promise<CreatedBoard> {
  return apiJson<CreatedBoard>('/api/boards', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(title.trim() ? { title: title.trim() } : {}),
  });
}

export function fetchBoardInfo(boardId: string, key: string, init: Pick<RequestInit, 'priority'> = {}): Promise<BoardInfo> {
  return apiJson<BoardInfo>(`/api/boards/${encodeURIComponent(boardId)}`, { ...init, method: 'GET' }, key);
}
