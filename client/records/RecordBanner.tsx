import { useTranslation } from '../i18n';
import type { RecordView } from './recordView';
import './recordBanner.css';

/** The strip over the canvas that says a record (not the live board) is shown, with the way back. */
export function RecordBanner({ view, onBack }: { view: RecordView; onBack(): void }) {
  const { t } = useTranslation();
  return (
    <div className="record-banner" role="status" data-testid="record-banner">
      <span>{view.banner()}</span>
      <span aria-hidden="true">—</span>
      <button type="button" className="link-button" data-testid="record-back-live" onClick={onBack}>
        {t('records.backToLive')}
      </button>
    </div>
  );
}
