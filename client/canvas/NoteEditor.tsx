import { useLayoutEffect, useRef } from 'react';
import { MAX_NOTE_TEXT, type NoteView } from '../../shared/board/note';
import { adjustCaret } from './caret';
import { LINE_HEIGHT, NOTE_PADDING, fitFontSize } from './noteText';
import type { Viewport } from './viewport';

export interface NoteEditorProps {
  note: NoteView;
  viewport: Viewport;
  onChange(text: string): void;
  onClose(): void;
}

/**
 * A textarea laid exactly over the note (same box and font, scaled like the canvas), so editing
 * happens in place. It shows the model's text, so someone else's typing in the same note appears
 * live; the caret is moved along when their change lands before it.
 */
export function NoteEditor({ note, viewport, onChange, onClose }: NoteEditorProps) {
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

  const fontSize = fitFontSize(note.text, note.w, note.h);
  return (
    <textarea
      ref={area}
      data-testid="note-editor"
      className="note-editor"
      aria-label="Note text"
      defaultValue={note.text}
      maxLength={MAX_NOTE_TEXT}
      spellCheck
      style={{
        left: 0,
        top: 0,
        width: note.w,
        height: note.h,
        padding: NOTE_PADDING,
        fontSize,
        lineHeight: LINE_HEIGHT,
        background: note.color,
        transform: `translate(${note.x * viewport.scale + viewport.x}px, ${note.y * viewport.scale + viewport.y}px) scale(${viewport.scale})`,
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
