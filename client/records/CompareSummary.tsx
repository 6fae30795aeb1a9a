import { useTranslation } from '../i18n';
import { diffCounts, type Comparison, type CompareSide } from './compare';
import { useComparison } from './useRecords';

/** The comparison as words: the counts, then each change. Shares its result with the canvas marks. */
export function CompareSummary({
  from,
  to,
  comparer,
}: {
  from: CompareSide;
  to: CompareSide;
  comparer: (from: CompareSide, to: CompareSide) => Comparison;
}) {
  const { t } = useTranslation();
  const { diff } = useComparison(from, to, comparer);
  const empty = (text: string) => text || t('common.emptyNote');
  return (
    <section
      className="compare-summary"
      aria-label={t('records.whatChanged')}
      data-testid="compare-summary"
      data-added={diff.added.length}
      data-removed={diff.removed.length}
      data-edited={diff.edited.length}
      data-moved={diff.moved.length}
    >
      <h3>
        {from.header.label} → {to.header.label}
      </h3>
      <p className="compare-counts">{diffCounts(diff)}</p>
      <ul>
        {diff.added.map((note) => (
          <li key={`a-${note.id}`} className="is-added">
            <strong>{t('records.added')}</strong> {empty(note.text)} <span className="hint">({t(`zones.${note.zone}`)})</span>
          </li>
        ))}
        {diff.removed.map((note) => (
          <li key={`r-${note.id}`} className="is-removed">
            <strong>{t('records.removed')}</strong> {empty(note.text)} <span className="hint">({t(`zones.${note.zone}`)})</span>
          </li>
        ))}
        {diff.edited.map((edit) => (
          <li key={`e-${edit.id}`} className="is-changed">
            <strong>{t('records.edited')}</strong> {empty(edit.before)} → {empty(edit.after)}
          </li>
        ))}
        {diff.moved.map((move) => (
          <li key={`m-${move.id}`} className="is-changed">
            <strong>{t('records.moved')}</strong> {empty(move.text)}: {t(`zones.${move.from}`)} → {t(`zones.${move.to}`)}
          </li>
        ))}
      </ul>
    </section>
  );
}
