/** Sticky-note colours offered in the palette; any `#rrggbb` is valid in the document. */
export const NOTE_COLORS = ['#fff176', '#ffcc80', '#f48fb1', '#ce93d8', '#90caf9', '#80deea', '#a5d6a7', '#e0e0e0'] as const;

export const DEFAULT_NOTE_COLOR = NOTE_COLORS[0];

const HEX_COLOR = /^#[0-9a-fA-F]{6}$/;

export function isHexColor(value: unknown): value is string {
  return typeof value === 'string' && HEX_COLOR.test(value);
}

/** Presence colours, one per person, chosen to stay readable on the pale note colours. */
export const PERSON_COLORS = ['#d81b60', '#1e88e5', '#43a047', '#f4511e', '#8e24aa', '#00897b', '#6d4c41', '#3949ab'] as const;

/** A stable colour for a person, derived from any id. */
export function personColor(seed: string): string {
  let hash = 0;
  for (let i = 0; i < seed.length; i++) hash = (hash * 31 + seed.charCodeAt(i)) | 0;
  return PERSON_COLORS[Math.abs(hash) % PERSON_COLORS.length] ?? PERSON_COLORS[0];
}
