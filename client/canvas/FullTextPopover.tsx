import { useEffect, useRef } from 'react';
import type { NoteView } from '../../shared/board/note';
import { useTranslation } from '../i18n';
import './fullText.css';

/**
 * A note's whole text, read-only, for a note that holds more than it shows and a person who may
 * not edit it (editors get the note editor instead). Opened by the note's "+ more" or Enter on the
 * selected note; Escape, the button or a click outside close it and focus goes back where it was.
 */
export function FullTextPopover({
  note,
  at,
  maxHeight,
  onClose,
}: {
  note: NoteView;
  /** Top left corner within the canvas, CSS px, and the height left below it. */
  at: { x: number; y: number };
  maxHeight: number;
  onClose(): void;
}) {
  const { t } = useTranslation();
  const close = useRef<HTMLButtonElement>(null);
  const box = useRef<HTMLDivElement>(null);
  const latest = useRef(onClose);
  latest.current = onClose;
  useEffect(() => {
    const before = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    close.current?.focus({ preventScroll: true });
    const onPointerDown = (event: PointerEvent) => {
      if (box.current && event.target instanceof Node && !box.current.contains(event.target)) latest.current();
    };
    // Escape closes it wherever the focus is (a press on the canvas may have taken it).
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      event.preventDefault();
      event.stopPropagation();
      latest.current();
    };
    window.addEventListener('pointerdown', onPointerDown, true);
    window.addEventListener('keydown', onKeyDown, true);
    return () => {
      window.removeEventListener('pointerdown', onPointerDown, true);
      window.removeEventListener('keydown', onKeyDown, true);
      before?.focus({ preventScroll: true });
    };
  }, [note.id]);
  const author = note.addedBy ? t('common.addedBy', { author: note.author, name: note.addedBy }) : note.author;
  return (
    <div
      ref={box}
      className="note-full-text"
      role="dialog"
      aria-label={t('canvas.fullText')}
      data-testid="note-full-text"
      style={{ left: at.x, top: at.y, maxHeight, background: note.color }}
      onKeyDown={(event) => {
        if (event.key === 'Tab') {
          // The close button is the dialog's only control: focus stays on it.
          event.preventDefault();
          close.current?.focus();
        }
      }}
    >
      <p className="note-full-text-body note-font" dir="auto" data-testid="note-full-text-body">
        {note.text}
      </p>
      {author && <p className="note-full-text-author">{author}</p>}
      <button ref={close} type="button" onClick={onClose}>
        {t('canvas.fullTextClose')}
      </button>
    </div>
  );
}
