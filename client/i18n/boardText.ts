import { DEFAULT_PROMPTS, type Zone } from '../../shared/board/zones';
import type { TFunction } from 'i18next';

/**
 * A zone's prompt as shown. The document stores a prompt only when the leader wrote one; until then
 * the board shows the default (docs/format.md), which is then shown in the reader's language. The
 * stored text never changes: this is display only.
 */
export function shownPrompt(zone: Zone, prompt: string, t: TFunction): string {
  return prompt === DEFAULT_PROMPTS[zone] ? t(`defaultPrompts.${zone}`) : prompt;
}

/** Every zone's prompt as shown (see `shownPrompt`). */
export function shownPrompts(prompts: Readonly<Record<Zone, string>>, t: TFunction): Record<Zone, string> {
  return { who: shownPrompt('who', prompts.who, t), need: shownPrompt('need', prompts.need, t), there: shownPrompt('there', prompts.there, t) };
}
