import * as Y from 'yjs';
import { Role } from '../../shared/protocol/ids';
import { MetaField, Root } from '../../shared/board/meta';
import { CURRENT_SCHEMA_VERSION } from '../../shared/board/migrations';
import { MAX_DISPLAY_CYCLE_SECONDS, MIN_DISPLAY_CYCLE_SECONDS, MeetingField, isDisplayCycleSeconds } from '../../shared/board/meeting';
import { isMetaValue, isPromptValue } from '../../shared/board/fieldRules';
import { forbidden, isTypeContent, singleValue, type Content } from './updateContent';
import type { Container } from './updatePlaces';
import type { Writer } from './updateGuard';

/** updateGuard's checks on `meta` (title, version, prompts) and `meeting`: the leader's records. */

/** `meta` and `meeting` are the leader's: written or deleted, item by item. */
export function requireRoleFor(container: Container, writer: Writer): void {
  if (writer.role === Role.Lead) return;
  const isMeta = container.kind === 'metaPrompts' || (container.kind === 'root' && container.name === Root.Meta);
  const isMeeting = container.kind === 'meeting' || (container.kind === 'root' && container.name === Root.Meeting);
  if (isMeta) forbidden("only the leader's key may change the board title and prompts");
  if (isMeeting) forbidden("only the leader's key may change the meeting");
}

/** An entry written at the `meta` root. */
export function checkMetaEntry(key: string, content: Content, deleted: boolean): void {
  if (deleted) return;
  if (key === MetaField.Prompts) {
    if (!isTypeContent(content, Y.Map)) forbidden('meta.prompts must be a Y.Map');
  } else if (!isMetaValue(key, singleValue(content), CURRENT_SCHEMA_VERSION)) {
    forbidden(`meta.${key.slice(0, 40)} breaks the format`);
  }
}

/** An entry of `meta.prompts`: one zone's prompt. */
export function checkPromptEntry(key: string | null, content: Content, deleted: boolean): void {
  if (!deleted && (key === null || !isPromptValue(key, singleValue(content)))) forbidden('a zone prompt breaks the format');
}

/** An entry written at the `meeting` root. */
export function checkMeetingEntry(key: string, content: Content, deleted: boolean): void {
  // The other meeting fields are read leniently (malformed reads as absent); this one is
  // checked because it is a plain value with nothing to gain from being anything else.
  if (!deleted && key === MeetingField.DisplayCycleSeconds && !isDisplayCycleSeconds(singleValue(content))) {
    forbidden(`meeting.displayCycleSeconds must be an integer from ${MIN_DISPLAY_CYCLE_SECONDS} to ${MAX_DISPLAY_CYCLE_SECONDS}`);
  }
}
