import * as Y from 'yjs';
import { checkLinkValue } from '../../shared/board/fieldRules';
import { forbidden, singleValue, type Content } from './updateContent';
import type { UpdatePlan } from './updateGuard';

/** updateGuard's check on a link's fields; that a link joins two notes is judged after applying (outcomeCheck). */
export function checkLinkField(plan: UpdatePlan, linkId: string, key: string | null, content: Content, deleted: boolean): void {
  if (key === null) forbidden('a link is a map');
  plan.touchedLinks.add(linkId);
  if (deleted || content instanceof Y.ContentType) return;
  if (checkLinkValue(key, singleValue(content)) === 'invalid') forbidden(`link field "${key}" breaks the format`);
}
