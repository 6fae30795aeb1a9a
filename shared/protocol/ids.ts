/**
 * Board ids and access keys are nanoid strings: URL-safe alphabet, at least 21 characters.
 * Anything else is rejected before touching storage.
 */
export const ID_PATTERN = '^[A-Za-z0-9_-]{21,64}$';
const idRegExp = new RegExp(ID_PATTERN);

export function isValidId(value: unknown): value is string {
  return typeof value === 'string' && idRegExp.test(value);
}

/** What a key allows on its board. `edit` and `lead` may write; `view` only reads. */
export const Role = {
  Lead: 'lead',
  Edit: 'edit',
  View: 'view',
} as const;
export type Role = (typeof Role)[keyof typeof Role];

export function canWrite(role: Role): boolean {
  return role === Role.Lead || role === Role.Edit;
}

/** The path of a board page; the key travels in the fragment so it never reaches a server log. */
export function boardLink(boardId: string, key: string): string {
  return `/b/${boardId}#k=${key}`;
}
