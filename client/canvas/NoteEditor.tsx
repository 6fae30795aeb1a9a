import { useLayoutEffect, useRef, useSyncExternalStore } from 'react';
import { MAX_NOTE_TEXT, type NoteView } from '../../shared/board/note';
import { useTranslation } from '../i18n';
import { useNotes } from '../board/useNotes';
import { adjustCaret } from './caret';
import { LINE_HEIGHT, NOTE_PADDING } from './noteText';
import type { Viewport } from './viewport';
import { noteFontSize, subscribeTextLayout, textLayoutVersion, zoneFontSizes } from './zoneFonts';

/** Screen space (CSS px) kept free under a growing editor: the toolbar floats over the canvas's bottom. */
const TOOLBAR_ROOM = 72;
/** Smallest on-screen scale of the editor; below it, typing would be unreadable. */
const MIN_EDITOR_SCALE = 0.9;

function clamp(value: number, min: number, max: number): number {
  return Math.max(min, Math.min(max, value));
}

export interface NoteEditorProps {
  note: NoteView;
  viewport: Viewport;
  /** The canvas size, to keep a magnified editor on screen. */
  bounds: { width: number; height: number };
  onChange(text: string): void;
  onClose(): void;
}

/**
 * A textarea laid exactly over the note (same box and font, scaled like the canvas), so editing
 * happens in place. It shows the model's text, so someone else's typing in the same note appears
 * live; the caret is moved along when their change lands before it.
 */
export function NoteEditor({ note, viewport, bounds, onChange, onClose }: NoteEditorProps) {
  const { t } = useTranslation();
  const area = useRef<HTMLTextAreaElement>(null);
  const shown = useRef(note.text);

  useLayoutEffect(() => {
    area.current?.focus({ preventScroll: true });
    const end = note.text.length;
    area.current?.setSelectionRange(end, end);
    // Only on opening: later focus stays with the person.
  }, [note.id]);

  useLayoutEffect(() => {
    const element = area.current;
    if (!element || element.value === note.text) {
      shown.current = note.text;
      return;
    }
    const { selectionStart, selectionEnd } = element;
    const before = shown.current;
    element.value = note.text;
    element.setSelectionRange(adjustCaret(before, note.text, selectionStart), adjustCaret(before, note.text, selectionEnd));
    shown.current = note.text;
  }, [note.text]);

  // The size the note's zone reads at on the canvas, so the text does not jump when editing starts.
  useSyncExternalStore(subscribeTextLayout, textLayoutVersion, textLayoutVersion);
  const fontSize = noteFontSize(note, zoneFontSizes(useNotes()));

  // Zoomed out, the note is magnified around its centre so the text stays legible while typing.
  const scale = Math.max(viewport.scale, MIN_EDITOR_SCALE);
  const centreX = (note.x + note.w / 2) * viewport.scale + viewport.x;
  const centreY = (note.y + note.h / 2) * viewport.scale + viewport.y;
  const left = scale === viewport.scale ? note.x * scale + viewport.x : clamp(centreX - (note.w * scale) / 2, 0, bounds.width - note.w * scale);
  const top = scale === viewport.scale ? note.y * scale + viewport.y : clamp(centreY - (note.h * scale) / 2, 0, bounds.height - note.h * scale);

  // A note holding more than it shows grows downwards while edited, as far as the canvas goes, so
  // all of its text can be read and changed; it is back to its size on the canvas when editing ends.
  useLayoutEffect(() => {
    const element = area.current;
    if (!element) return;
    element.style.height = `${note.h}px`;
    const room = (bounds.height - Math.max(0, top) - TOOLBAR_ROOM) / scale;
    if (element.scrollHeight > element.clientHeight) element.style.height = `${Math.max(note.h, Math.min(element.scrollHeight + 6, room))}px`;
  });
  return (
    <textarea
      ref={area}
      data-testid="note-editor"
      className="note-editor note-font"
      dir="auto"
      aria-label={t('canvas.noteText')}
      defaultValue={note.text}
      maxLength={MAX_NOTE_TEXT}
      spellCheck
      style={{
        left: 0,
        top: 0,
        width: note.w,
        padding: NOTE_PADDING,
        fontSize,
        lineHeight: LINE_HEIGHT,
        background: note.color,
        transform: `translate(${left}px, ${top}px) scale(${scale})`,
      }}
      onChange={(event) => {
        shown.current = event.target.value;
        onChange(event.target.value);
      }}
      onBlur={onClose}
      onKeyDown={(event) => {
        // Keys typed into the note must not reach the board's shortcuts (Delete, N, Z…).
        event.stopPropagation();
        if (event.key === 'Escape' || (event.key === 'Enter' && (event.metaKey || event.ctrlKey))) {
          event.preventDefault();
          onClose();
        }
      }}
      onPointerDown={(event) => event.stopPropagation()}
    />
  );
}
