import { PHASES, PHASE_HINTS, PHASE_TITLES, Phase, isPhase } from '../../shared/board/meeting';
import { useBoard } from '../board/BoardContext';
import { useMeeting } from './useMeeting';

/**
 * The agenda: everyone sees the current phase; the leader steps through it. Only leaders see the
 * controls, and the server undoes meeting changes sent with an edit key.
 */
export function PhaseBar({ onSaveRecord }: { onSaveRecord(): void }) {
  const { model, role } = useBoard();
  const { phase } = useMeeting();
  const lead = role === 'lead';
  if (!phase && !lead) return null;
  const index = phase ? PHASES.indexOf(phase) : -1;
  return (
    <div className="phase-bar" role="group" aria-label="Meeting phase">
      {lead && (
        <button type="button" data-testid="phase-prev" aria-label="Previous phase" disabled={index <= 0} onClick={() => model.setPhase(PHASES[index - 1] ?? null)}>
          ‹
        </button>
      )}
      <span className="phase-current" data-testid="phase-current" aria-live="polite">
        {phase ? (
          <>
            <strong>
              {index + 1}. {PHASE_TITLES[phase]}
            </strong>{' '}
            <span className="phase-hint">{PHASE_HINTS[phase]}</span>
          </>
        ) : (
          <span className="phase-hint">No phase</span>
        )}
      </span>
      {lead && (
        <>
          <button type="button" data-testid="phase-next" aria-label="Next phase" disabled={index >= PHASES.length - 1} onClick={() => model.setPhase(PHASES[index + 1] ?? null)}>
            ›
          </button>
          <select
            data-testid="phase-select"
            aria-label="Go to phase"
            value={phase ?? ''}
            onChange={(event) => model.setPhase(isPhase(event.target.value) ? event.target.value : null)}
          >
            <option value="">No phase</option>
            {PHASES.map((p) => (
              <option key={p} value={p}>
                {PHASE_TITLES[p]}
              </option>
            ))}
          </select>
          {phase && (
            <button type="button" data-testid="phase-clear" onClick={() => model.setPhase(null)}>
              End agenda
            </button>
          )}
        </>
      )}
      {phase === Phase.Record && (
        <button type="button" className="primary" data-testid="phase-save-record" onClick={onSaveRecord}>
          Save record
        </button>
      )}
    </div>
  );
}
