import { useMemo } from 'react';
import { useNotes } from '../board/useNotes';
import { useVoteUi } from '../board/useVoteUi';
import { useTranslation } from '../i18n';

/** The shared screen lists this many of the most-voted notes: what a room can take in at a glance. */
const SHOWN = 6;

/**
 * A revealed vote's totals, large, most dots first. Only once the leader reveals them: before that
 * `totals` is null and nothing is shown, as on every other screen.
 */
export function DisplayResults() {
  const { t } = useTranslation();
  const vote = useVoteUi();
  const notes = useNotes();
  const top = useMemo(() => {
    const totals = vote.totals;
    if (!totals || totals.size === 0) return [];
    return notes
      .filter((note) => (totals.get(note.id) ?? 0) > 0)
      .map((note) => ({ note, total: totals.get(note.id)! }))
      .sort((a, b) => b.total - a.total || a.note.createdAt - b.note.createdAt)
      .slice(0, SHOWN);
  }, [vote.totals, notes]);
  if (!vote.totals) return null;
  return (
    <section className="display-results" aria-label={t('display.voteTotals')} data-testid="display-results">
      <h2>{t('display.mostDots')}</h2>
      {top.length === 0 ? (
        <p>{t('display.noDotsYet')}</p>
      ) : (
        <ol>
          {top.map(({ note, total }) => (
            <li key={note.id}>
              <span className="display-total" aria-label={t('display.dots', { count: total })}>
                ● {total}
              </span>
              <span className="display-result-text">{note.text}</span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
