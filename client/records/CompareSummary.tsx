import { ZONE_TITLES } from '../../shared/board/zones';
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
  const { diff } = useComparison(from, to, comparer);
  const empty = (text: string) => text || '(empty note)';
  return (
    <section
      className="compare-summary"
      aria-label="What changed"
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
            <strong>Added</strong> {empty(note.text)} <span className="hint">({ZONE_TITLES[note.zone]})</span>
          </li>
        ))}
        {diff.removed.map((note) => (
          <li key={`r-${note.id}`} className="is-removed">
            <strong>Removed</strong> {empty(note.text)} <span className="hint">({ZONE_TITLES[note.zone]})</span>
          </li>
        ))}
        {diff.edited.map((edit) => (
          <li key={`e-${edit.id}`} className="is-changed">
            <strong>Edited</strong> {empty(edit.before)} → {empty(edit.after)}
          </li>
        ))}
        {diff.moved.map((move) => (
          <li key={`m-${move.id}`} className="is-changed">
            <strong>Moved</strong> {empty(move.text)}: {ZONE_TITLES[move.from]} → {ZONE_TITLES[move.to]}
          </li>
        ))}
      </ul>
    </section>
  );
}
