import type { TFunction } from '../i18n';
import type { ShareLink } from '../panels/ShareLinks';
import type { BoardInfo } from '../sync/api';

function absolute(path: string): string {
  return new URL(path, window.location.origin).toString();
}

/**
 * The links this screen may hand out: a leader all three from the server; anyone else (or a leader
 * before the board info arrives) only the link they came in with, labelled for its role.
 */
export function shareLinksFor(boardId: string, key: string, info: BoardInfo | null, t: TFunction): ShareLink[] {
  const here = `/b/${boardId}#k=${key}`;
  if (info?.role === 'lead' && info.links) {
    return [
      { kind: 'edit', label: t('share.editLabel'), hint: t('share.editHint'), url: absolute(info.links.edit) },
      { kind: 'view', label: t('share.viewLabel'), hint: t('share.viewHint'), url: absolute(info.links.view) },
      { kind: 'lead', label: t('share.leadLabel'), hint: t('share.leadHint'), url: absolute(info.links.lead) },
    ];
  }
  if (info?.role === 'view') return [{ kind: 'view', label: t('share.viewLabel'), hint: t('share.viewHintShort'), url: absolute(here) }];
  // Never hand out this screen's own lead key labelled as a participant link.
  if (info?.role === 'lead') return [{ kind: 'lead', label: t('share.leadLabel'), hint: t('share.leadHint'), url: absolute(here) }];
  return [{ kind: 'edit', label: t('share.editLabel'), hint: t('share.editHint'), url: absolute(here) }];
}
