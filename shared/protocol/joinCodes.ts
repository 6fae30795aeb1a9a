/**
 * Join codes: 8 characters a group can read off a TV and type on a phone. The alphabet leaves out
 * look-alikes (0/O, 1/I/L), and input is forgiving about case, spaces and dashes.
 */
export const JOIN_CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const JOIN_CODE_LENGTH = 8;
export const JOIN_CODE_PATTERN = `^[${JOIN_CODE_ALPHABET}]{${JOIN_CODE_LENGTH}}$`;

/** The canonical form of what someone typed, or null if it cannot be a join code. */
export function normalizeJoinCode(input: string): string | null {
  const code = input.toUpperCase().replace(/[\s-]/g, '');
  return new RegExp(JOIN_CODE_PATTERN).test(code) ? code : null;
}

/** How a code is shown: two groups of four. */
export function formatJoinCode(code: string): string {
  return `${code.slice(0, 4)}-${code.slice(4)}`;
}

export function joinPath(code: string): string {
  return `/j/${code}`;
}
