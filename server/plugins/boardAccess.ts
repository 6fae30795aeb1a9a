import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Role } from '../../shared/protocol/ids';
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
 * Resolves the board and the caller's role, or sends 404 (no such board) / 401 (missing or wrong
 * key) / 403 (key too weak for `allowed`) and returns null.
 */
export async function authorizeBoard(
  boards: BoardDirectory,
  request: FastifyRequest,
  reply: FastifyReply,
  boardId: string,
  allowed: readonly Role[] = ['lead', 'edit', 'view'],
): Promise<BoardAccess | null> {
  const board = await boards.get(boardId);
  if (!board) {
    void reply.code(404).send({ error: 'board not found' });
    return null;
  }
  const key = bearerKey(request);
  const role = key ? roleForKey(board, key) : null;
  if (!role) {
    void reply.code(401).send({ error: 'missing or wrong key' });
    return null;
  }
  if (!allowed.includes(role)) {
    void reply.code(403).send({ error: `the ${role} key cannot do this` });
    return null;
  }
  return { board, role };
}
