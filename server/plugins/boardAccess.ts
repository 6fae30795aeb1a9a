import type { FastifyRequest } from 'fastify';
import type { Role } from '../../shared/protocol/ids';
import { HttpError } from '../httpError';
import type { BoardDirectory, StoredBoard } from '../storage/storage';
import { roleForKey } from '../boards/roleForKey';

/** Reads `Authorization: Bearer <key>`; anything else counts as no key. */
export function bearerKey(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  if (!header) return null;
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  return match?.[1] ?? null;
}

export interface BoardAccess {
  board: StoredBoard;
  role: Role;
}

/**
 * Resolves the board and the caller's role, or throws an HttpError: 404 (no such board), 401
 * (missing or wrong key), 403 (key too weak for `allowed`), which the app's error handler answers.
 */
export async function authorizeBoard(
  boards: BoardDirectory,
  request: FastifyRequest,
  boardId: string,
  allowed: readonly Role[] = ['lead', 'edit', 'view'],
): Promise<BoardAccess> {
  const board = await boards.get(boardId);
  if (!board) throw new HttpError(404, 'BOARD_NOT_FOUND', 'board not found');
  const key = bearerKey(request);
  const role = key ? roleForKey(board, key) : null;
  if (!role) throw new HttpError(401, 'WRONG_KEY', 'missing or wrong key');
  if (!allowed.includes(role)) throw new HttpError(403, 'KEY_TOO_WEAK', `the ${role} key cannot do this`);
  return { board, role };
}
