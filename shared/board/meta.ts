import * as Y from 'yjs';
import { DEFAULT_PROMPTS, ZONES, type Zone } from './zones';

/** Root names of the document (format version 2, docs/format.md). Every root is a `Y.Map`. */
export const Root = {
  Meta: 'meta',
  Notes: 'notes',
  /** Version 2: link id → link (links.ts). */
  Links: 'links',
  /** Version 2: phase, vote, timer and private round (meeting.ts). */
  Meeting: 'meeting',
} as const;

export const MetaField = {
  Title: 'title',
  SchemaVersion: 'schemaVersion',
  /** Y.Map zone → prompt text; a missing entry means the default prompt. */
  Prompts: 'prompts',
} as const;

export const MAX_TITLE_LENGTH = 120;
export const MAX_PROMPT_LENGTH = 300;
export const DEFAULT_TITLE = 'Untitled board';

export interface BoardMeta {
  readonly title: string;
  readonly schemaVersion: number;
  readonly prompts: Readonly<Record<Zone, string>>;
}

export function readMeta(meta: Y.Map<unknown>): BoardMeta {
  const title: unknown = meta.get(MetaField.Title);
  const schemaVersion: unknown = meta.get(MetaField.SchemaVersion);
  const promptsMap: unknown = meta.get(MetaField.Prompts);
  const prompts: Record<Zone, string> = { ...DEFAULT_PROMPTS };
  if (promptsMap instanceof Y.Map) {
    for (const zone of ZONES) {
      const prompt: unknown = promptsMap.get(zone);
      if (typeof prompt === 'string') prompts[zone] = prompt;
    }
  }
  return {
    title: typeof title === 'string' ? title : DEFAULT_TITLE,
    schemaVersion: typeof schemaVersion === 'number' ? schemaVersion : 0,
    prompts,
  };
}
