import { isValidId } from '../../protocol/ids';
import { isHexColor } from '../colors';
import { MAX_NOTE_SIZE, MAX_NOTE_TEXT, MIN_NOTE_SIZE } from '../note';
import { isVoterId } from '../votes';
import { isZone, type Zone } from '../zones';
import { BoardCommandError } from '../commandError';

/** The commands' input checks, written once; each throws BoardCommandError and changes nothing. */

export function checkCoordinate(name: string, value: number): void {
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new BoardCommandError('invalid-input', `${name} must be a finite number`);
}

export function checkSize(name: string, value: number): void {
  checkCoordinate(name, value);
  if (value < MIN_NOTE_SIZE || value > MAX_NOTE_SIZE) {
    throw new BoardCommandError('invalid-input', `${name} must be between ${MIN_NOTE_SIZE} and ${MAX_NOTE_SIZE}`);
  }
}

export function checkText(text: string): void {
  if (typeof text !== 'string') throw new BoardCommandError('invalid-input', 'text must be a string');
  if (text.length > MAX_NOTE_TEXT) throw new BoardCommandError('text-too-long', `text is longer than ${MAX_NOTE_TEXT} characters`);
}

export function checkAuthor(name: string, value: unknown): asserts value is string {
  if (typeof value !== 'string') throw new BoardCommandError('invalid-input', `${name} must be a string`);
}

export function checkVoter(voterId: unknown): asserts voterId is string {
  if (!isVoterId(voterId)) throw new BoardCommandError('invalid-input', 'voterId must be a non-empty string of at most 100 characters');
}

export function checkZone(zone: unknown): asserts zone is Zone {
  if (!isZone(zone)) throw new BoardCommandError('invalid-input', `unknown zone: ${String(zone)}`);
}

export function checkColor(color: unknown): asserts color is string {
  if (!isHexColor(color)) throw new BoardCommandError('invalid-input', `color must be #rrggbb, got ${String(color)}`);
}

export function checkNoteId(id: unknown): asserts id is string {
  if (!isValidId(id)) throw new BoardCommandError('invalid-input', 'note id must match [A-Za-z0-9_-]{21,64}');
}
