import type { ViewMode } from './useViewMode';

/** Switches between the canvas and the outline; named for the view it leads to. */
export function ViewToggle({ mode, onChange }: { mode: ViewMode; onChange(mode: ViewMode): void }) {
  const next: ViewMode = mode === 'outline' ? 'canvas' : 'outline';
  return (
    <button
      type="button"
      data-testid="view-toggle"
      data-view={mode}
      title={next === 'outline' ? 'Show the board as a text list (keyboard and screen-reader friendly)' : 'Show the board as sticky notes'}
      onClick={() => onChange(next)}
    >
      {next === 'outline' ? 'Outline view' : 'Canvas view'}
    </button>
  );
}
