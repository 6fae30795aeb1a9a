import { t } from '../i18n';
import { ApiError, apiJson } from '../sync/api';

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

/** The board's current join code; lead key only. */
export function fetchJoinCode(boardId: string, leadKey: string): Promise<JoinCode> {
  return apiJson<JoinCode>(`/api/boards/${encodeURIComponent(boardId)}/join-code`, { method: 'POST' }, leadKey);
}

export function resolveJoinCode(code: string): Promise<JoinTarget> {
  return apiJson<JoinTarget>(`/api/join/${encodeURIComponent(code)}`, { method: 'GET' });
}

/** What to tell someone whose code did not work. */
export function joinErrorMessage(error: unknown): string {
  if (error instanceof ApiError && error.status === 404) return t('join.unknownCode');
  if (error instanceof ApiError && error.status === 429) return t('join.tooMany');
  return t('join.unreachable');
}
