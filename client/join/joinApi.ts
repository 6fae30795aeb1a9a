import { ApiError } from '../sync/api';

export interface JoinCode {
  code: string;
  expiresAt: number;
  /** `/j/<code>` */
  path: string;
}

export interface JoinTarget {
  boardId: string;
  title: string;
  /** The board's edit link, `/b/<id>#k=<edit key>`. */
  link: string;
}

async function call<T>(path: string, init: RequestInit): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, init);
  } catch (error) {
    throw new ApiError(0, error instanceof Error ? error.message : 'network error');
  }
  if (!response.ok) throw new ApiError(response.status, `${init.method ?? 'GET'} ${path} failed with ${response.status}`);
  return (await response.json()) as T;
}

/** The board's current join code; lead key only. */
export function fetchJoinCode(boardId: string, leadKey: string): Promise<JoinCode> {
  return call<JoinCode>(`/api/boards/${encodeURIComponent(boardId)}/join-code`, { method: 'POST', headers: { Authorization: `Bearer ${leadKey}` } });
}

export function resolveJoinCode(code: string): Promise<JoinTarget> {
  return call<JoinTarget>(`/api/join/${encodeURIComponent(code)}`, { method: 'GET' });
}

/** What to tell someone whose code did not work. */
export function joinErrorMessage(error: unknown): string {
  if (error instanceof ApiError && error.status === 404) return 'That code is unknown or has expired. Check the code on the screen.';
  if (error instanceof ApiError && error.status === 429) return 'Too many tries. Wait a minute, then try again.';
  return 'Cannot reach the server. Check your connection and try again.';
}
