import { useCallback, useEffect, useRef, useState } from 'react';
import './canvasHint.css';

/** How long a refusal stays on screen: long enough to read, short enough not to linger. */
const HINT_MS = 2500;

export interface Hint {
  testId: string;
  text: string;
  /** Changes with every showing, so the same message shown twice restarts its time. */
  serial: number;
}

/** A brief message over the canvas ("No dots left"), cleared after a moment. */
export function useCanvasHint(): [Hint | null, (testId: string, text: string) => void] {
  const [hint, setHint] = useState<Hint | null>(null);
  const serial = useRef(0);
  const show = useCallback((testId: string, text: string) => setHint({ testId, text, serial: ++serial.current }), []);
  useEffect(() => {
    if (!hint) return;
    const timer = setTimeout(() => setHint(null), HINT_MS);
    return () => clearTimeout(timer);
  }, [hint]);
  return [hint, show];
}

export function CanvasHint({ hint }: { hint: Hint | null }) {
  return (
    <div className="canvas-hint-slot" role="status" aria-live="polite">
      {hint && (
        <span className="canvas-hint" data-testid={hint.testId} key={hint.serial}>
          {hint.text}
        </span>
      )}
    </div>
  );
}
