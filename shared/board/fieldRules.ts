import { isHexColor } from './colors';
import { isLinkKind, LinkField } from './links';
import { MAX_PROMPT_LENGTH, MAX_TITLE_LENGTH, MetaField } from './meta';
import { NoteField } from './note';
import { MAX_VOTE_BUDGET } from './votes';
import { isZone } from './zones';

/**
 * What the server accepts in each field, per docs/format.md ("What the server accepts"). These are
 * the format's promises made checkable: wider than what Discern's own commands write (so outside
 * clients that kept to the format stay valid), narrow enough that no value can harm a reader.
 */

/** Note and link ids: non-empty strings of at most this many characters (nanoids are 21). */
export const MAX_RECORD_ID_LENGTH = 100;
/** Note coordinates stay within ±this many board units of the origin (the board is 3080 × 1400). */
export const COORDINATE_LIMIT = 100_000;
/** Largest note side the server accepts (Discern writes 80–1000). */
export const MAX_ACCEPTED_NOTE_SIDE = 4000;
/** Longest `author`, `addedBy` or link `author` the server accepts. */
export const MAX_NAME_LENGTH = 100;

export function isRecordId(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0 && value.length <= MAX_RECORD_ID_LENGTH;
}

function isFiniteNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

function isName(value: unknown): value is string {
  return typeof value === 'string' && value.length <= MAX_NAME_LENGTH;
}

/** Plain (non-Yjs) note fields and their checks. `text` and `votes` are types, checked by kind. */
const NOTE_VALUE_RULES: Readonly<Record<string, (value: unknown) => boolean>> = {
  [NoteField.Zone]: isZone,
  [NoteField.X]: (value) => isFiniteNumber(value) && Math.abs(value) <= COORDINATE_LIMIT,
  [NoteField.Y]: (value) => isFiniteNumber(value) && Math.abs(value) <= COORDINATE_LIMIT,
  [NoteField.W]: (value) => isFiniteNumber(value) && value > 0 && value <= MAX_ACCEPTED_NOTE_SIDE,
  [NoteField.H]: (value) => isFiniteNumber(value) && value > 0 && value <= MAX_ACCEPTED_NOTE_SIDE,
  [NoteField.Color]: isHexColor,
  [NoteField.Author]: isName,
  [NoteField.CreatedAt]: isFiniteNumber,
  [NoteField.AddedBy]: isName,
  [NoteField.Large]: (value) => typeof value === 'boolean',
};

const LINK_VALUE_RULES: Readonly<Record<string, (value: unknown) => boolean>> = {
  [LinkField.From]: isRecordId,
  [LinkField.To]: isRecordId,
  [LinkField.Kind]: isLinkKind,
  [LinkField.Author]: isName,
  [LinkField.CreatedAt]: isFiniteNumber,
};

/** The fields of each record that must hold a plain value; unknown fields are free (later versions add them). */
export type PlainFieldCheck = 'ok' | 'invalid' | 'unknown';

function check(rules: Readonly<Record<string, (value: unknown) => boolean>>, field: string, value: unknown): PlainFieldCheck {
  const rule = rules[field];
  if (!rule) return 'unknown';
  return rule(value) ? 'ok' : 'invalid';
}

export function checkNoteValue(field: string, value: unknown): PlainFieldCheck {
  return check(NOTE_VALUE_RULES, field, value);
}

export function checkLinkValue(field: string, value: unknown): PlainFieldCheck {
  return check(LINK_VALUE_RULES, field, value);
}

/** `meta` has no unknown fields: title and version are what records and lists read. */
export function isMetaValue(field: string, value: unknown, currentVersion: number): boolean {
  if (field === MetaField.Title) return typeof value === 'string' && value.length > 0 && value.length <= MAX_TITLE_LENGTH;
  if (field === MetaField.SchemaVersion) return Number.isInteger(value) && (value as number) >= 1 && (value as number) <= currentVersion;
  return false;
}

export function isPromptValue(zone: string, value: unknown): boolean {
  return isZone(zone) && typeof value === 'string' && value.length <= MAX_PROMPT_LENGTH;
}

/** A voter's dots on one note: an integer 1–20. */
export function isDotCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= MAX_VOTE_BUDGET;
}
