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

async function request<T>(path: string, init: RequestInit): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, init);
  } catch (error) {
    throw new ApiError(0, error instanceof Error ? error.message : 'network error');
  }
  if (!response.ok) throw new ApiError(response.status, `${init.method ?? 'GET'} ${path} failed with ${response.status}`);
  return (await response.json()) as T;
}

export function createBoard(title: string): Promise<CreatedBoard> {
  return request<CreatedBoard>('/api/boards', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(title.trim() ? { title: title.trim() } : {}),
  });
}

/** The key goes in the Authorization header, never in the URL, so it stays out of access logs. */
export function fetchBoardInfo(boardId: string, key: string): Promise<BoardInfo> {
  return request<BoardInfo>(`/api/boards/${encodeURIComponent(boardId)}`, {
    method: 'GET',
    headers: { Authorization: `Bearer ${key}` },
  });
}
