import { useTranslation } from '../i18n';
import type { ViewMode } from './useViewMode';

/** Switches between the canvas and the outline; named for the view it leads to. */
export function ViewToggle({ mode, onChange }: { mode: ViewMode; onChange(mode: ViewMode): void }) {
  const { t } = useTranslation();
  const next: ViewMode = mode === 'outline' ? 'canvas' : 'outline';
  return (
    <button
      type="button"
      data-testid="view-toggle"
      data-view={mode}
      title={next === 'outline' ? t('outline.toOutlineTitle') : t('outline.toCanvasTitle')}
      onClick={() => onChange(next)}
    >
      {next === 'outline' ? t('outline.toOutline') : t('outline.toCanvas')}
    </button>
  );
}
