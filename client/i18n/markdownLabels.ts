import type { MarkdownLabels } from '../../shared/board/markdown';
import { isZone } from '../../shared/board/zones';
import { shownPrompt } from './boardText';
import { t } from './index';

/** The Markdown export's own words in the active language (zone names, default prompts, headings). */
export function markdownLabels(): MarkdownLabels {
  return {
    zoneTitle: (zone) => (isZone(zone.key) ? t(`zones.${zone.key}`) : zone.title),
    prompt: (zone) => (isZone(zone.key) ? shownPrompt(zone.key, zone.prompt, t) : zone.prompt),
    noNotes: t('pdf.noNotes'),
    emptyNote: t('common.emptyNote'),
    addedBy: (name) => t('pdf.addedBy', { name }),
    dots: (count) => t('common.dots', { count }),
    linkKinds: { 'served-by': t('linkKinds.served-by'), 'can-serve': t('linkKinds.can-serve') },
    need: t('markdown.need'),
    votes: t('pdf.votes'),
  };
}
