import * as Y from 'yjs';
import { BoardCommandError } from '../commandError';
import { MAX_PROMPT_LENGTH, MAX_TITLE_LENGTH, MetaField } from '../meta';
import type { BoardStore } from '../store/boardStore';
import type { Zone } from '../zones';
import { checkZone } from './checks';

/** Board commands: title and zone prompts (docs/format.md, "meta"); the reader is `readMeta` in meta.ts. */

export function setTitle(store: BoardStore, title: string): void {
  if (typeof title !== 'string') throw new BoardCommandError('invalid-input', 'title must be a string');
  const trimmed = title.trim();
  if (!trimmed) throw new BoardCommandError('title-empty', 'title must not be empty');
  if (trimmed.length > MAX_TITLE_LENGTH) throw new BoardCommandError('title-too-long', `title is longer than ${MAX_TITLE_LENGTH} characters`);
  store.transact(() => store.meta.set(MetaField.Title, trimmed));
}

export function setZonePrompt(store: BoardStore, zone: Zone, prompt: string): void {
  checkZone(zone);
  if (typeof prompt !== 'string') throw new BoardCommandError('invalid-input', 'prompt must be a string');
  if (prompt.length > MAX_PROMPT_LENGTH) throw new BoardCommandError('prompt-too-long', `prompt is longer than ${MAX_PROMPT_LENGTH} characters`);
  store.transact(() => {
    let prompts = store.meta.get(MetaField.Prompts);
    if (!(prompts instanceof Y.Map)) {
      prompts = new Y.Map<unknown>();
      store.meta.set(MetaField.Prompts, prompts);
    }
    (prompts as Y.Map<unknown>).set(zone, prompt);
  });
}
