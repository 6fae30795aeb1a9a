import { t } from '../../i18n';
import { noteAt } from '../hitTest';
import type { Point } from '../linkGeometry';
import type { Gesture, GestureContext } from './types';

/** From the selected note's link handle to another note: a draft line follows, the link is asked for on release. */
export function startLinkDrag(from: string, point: Point, context: GestureContext): Gesture {
  context.previews.linkDraft({ from, point });
  const link: Gesture = {
    kind: 'link',
    move(input, current) {
      current.previews.linkDraft({ from, point: input.board });
      return link;
    },
    up(input, current) {
      current.previews.linkDraft(null);
      const target = noteAt(current.notes, input.board);
      if (target?.id === from) return null;
      const refused = target ? current.addLink(from, target.id) : t('canvas.dropLink');
      if (refused) current.showHint('link-hint', refused);
      return null;
    },
    cancel: (current) => current.previews.linkDraft(null),
  };
  return link;
}
