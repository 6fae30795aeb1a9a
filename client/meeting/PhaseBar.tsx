import { PHASES, Phase, isPhase } from '../../shared/board/meeting';
import { useBoard } from '../board/BoardContext';
import { useTranslation } from '../i18n';
import { useMeeting } from './useMeeting';

/**
 * The agenda: everyone sees the current phase; the leader steps through it. Only leaders see the
 * controls, and the server undoes meeting changes sent with an edit key.
 */
export function PhaseBar({ onSaveRecord }: { onSaveRecord(): void }) {
  const { model, role } = useBoard();
  const { t } = useTranslation();
  const { phase } = useMeeting();
  const lead = role === 'lead';
  if (!phase && !lead) return null;
  const index = phase ? PHASES.indexOf(phase) : -1;
  return (
    <div className="phase-bar" role="group" aria-label={t('meeting.phase')}>
      {lead && (
        <button type="button" data-testid="phase-prev" aria-label={t('meeting.previousPhase')} disabled={index <= 0} onClick={() => model.setPhase(PHASES[index - 1] ?? null)}>
          ‹
        </button>
      )}
      <span className="phase-current" data-testid="phase-current" aria-live="polite">
        {phase ? (
          <>
            <strong>
              {index + 1}. {t(`phases.${phase}`)}
            </strong>{' '}
            <span className="phase-hint">{t(`phaseHints.${phase}`)}</span>
          </>
        ) : (
          <span className="phase-hint">{t('meeting.noPhase')}</span>
        )}
      </span>
      {lead && (
        <>
          <button type="button" data-testid="phase-next" aria-label={t('meeting.nextPhase')} disabled={index >= PHASES.length - 1} onClick={() => model.setPhase(PHASES[index + 1] ?? null)}>
            ›
          </button>
          <select
            data-testid="phase-select"
            aria-label={t('meeting.goToPhase')}
            value={phase ?? ''}
            onChange={(event) => model.setPhase(isPhase(event.target.value) ? event.target.value : null)}
          >
            <option value="">{t('meeting.noPhase')}</option>
            {PHASES.map((p) => (
              <option key={p} value={p}>
                {t(`phases.${p}`)}
              </option>
            ))}
          </select>
          {phase && (
            <button type="button" data-testid="phase-clear" onClick={() => model.setPhase(null)}>
              {t('meeting.endAgenda')}
            </button>
          )}
        </>
      )}
      {phase === Phase.Record && (
        <button type="button" className="primary" data-testid="phase-save-record" onClick={onSaveRecord}>
          {t('meeting.saveRecord')}
        </button>
      )}
    </div>
  );
}
