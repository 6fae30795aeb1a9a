import { useMemo } from 'react';
import { useNotes } from '../board/useNotes';
import { useVoteUi } from '../board/useVoteUi';

/** The shared screen lists this many of the most-voted notes: what a room can take in at a glance. */
const SHOWN = 6;

/**
 * A revealed vote's totals, large, most dots first. Only once the leader reveals them: before that
 * `totals` is null and nothing is shown, as on every other screen.
 */
export function DisplayResults() {
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
    <section className="display-results" aria-label="Vote totals" data-testid="display-results">
      <h2>Most dots</h2>
      {top.length === 0 ? (
        <p>No dots yet</p>
      ) : (
        <ol>
          {top.map(({ note, total }) => (
            <li key={note.id}>
              <span className="display-total" aria-label={total === 1 ? '1 dot' : `${total} dots`}>
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
