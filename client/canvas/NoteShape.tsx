import { memo, useLayoutEffect, useRef } from 'react';
import type { Group as KonvaGroup } from 'konva/lib/Group';
import type { NoteView } from '../../shared/board/note';
import { NOTE_FONT_FAMILY, UI_FONT_FAMILY } from '../fonts/families';
import { textDirection } from '../fonts/direction';
import { useFontsVersion } from '../fonts/useFontsVersion';
import { cachePixelRatio } from './noteCache';
import { Group, Rect, Text } from './konva';
import { NoteDetail, noteDetail } from './lod';
import { AUTHOR_MIN_SCREEN_FONT } from './notePainter';
import { LINE_HEIGHT, NOTE_PADDING, fitFontSize } from './noteText';

export interface NoteShapeProps {
  note: NoteView;
  scale: number;
  selected: boolean;
  /** Someone else editing this note: their colour and name, drawn as a frame and a label. */
  editor: { name: string; color: string } | null;
  /** True while this client edits the note in the overlay textarea, which then shows the text. */
  hideText: boolean;
}

/**
 * One sticky note. Nothing here listens for events: hit testing is done on the model's notes by the
 * canvas, which keeps Konva from drawing a hit graph for thousands of shapes. Memoised, so a note
 * re-renders only when its NoteView (kept by identity in the model) or its decoration changes.
 */
export const NoteShape = memo(function NoteShape({ note, scale, selected, editor, hideText }: NoteShapeProps) {
  const fontSize = fitFontSize(note.text, note.w, note.h);
  const readable = noteDetail(scale, fontSize) === NoteDetail.Text;
  const frame = editor?.color ?? (selected ? '#1565c0' : null);
  const group = useRef<KonvaGroup>(null);
  // Text laid out before a webfont arrived was measured and drawn in a fallback (boxes, where the
  // system has no font for the script): a new version remounts the text nodes, which measure afresh.
  const fontsVersion = useFontsVersion();
  const direction = textDirection(note.text);
  const authorLine = note.addedBy ? `${note.author} (added by ${note.addedBy})` : note.author;
  const authorDirection = textDirection(authorLine);
  // Each note is drawn once into its own bitmap and then blitted: panning redraws every layer every
  // frame, and wrapped text is what makes that slow at mid zoom. Memo keeps this to changed notes.
  useLayoutEffect(() => {
    const node = group.current;
    if (!node) return;
    const pixelRatio = cachePixelRatio(scale);
    if (pixelRatio === null) node.clearCache();
    else node.cache({ pixelRatio });
  }, [note, scale, selected, editor, hideText, fontsVersion]);
  return (
    <Group ref={group} x={note.x} y={note.y} listening={false}>
      <Rect
        width={note.w}
        height={note.h}
        fill={note.color}
        cornerRadius={4}
        stroke={frame ?? 'rgba(0,0,0,0.18)'}
        strokeWidth={frame ? 4 / Math.min(scale, 1) : 1}
        perfectDrawEnabled={false}
      />
      {readable && !hideText && (
        <Text
          key={`text-${fontsVersion}`}
          x={NOTE_PADDING}
          y={NOTE_PADDING}
          width={note.w - 2 * NOTE_PADDING}
          height={note.h - 2 * NOTE_PADDING - 14}
          text={note.text}
          fontSize={fontSize}
          lineHeight={LINE_HEIGHT}
          fontFamily={NOTE_FONT_FAMILY}
          direction={direction}
          align={direction === 'rtl' ? 'right' : 'left'}
          fill="#212121"
          wrap="word"
          ellipsis
          perfectDrawEnabled={false}
        />
      )}
      {readable && note.author && 11 * scale >= AUTHOR_MIN_SCREEN_FONT && (
        <Text
          key={`author-${fontsVersion}`}
          x={NOTE_PADDING}
          y={note.h - NOTE_PADDING - 11}
          width={note.w - 2 * NOTE_PADDING}
          height={13}
          text={authorLine}
          fontSize={11}
          fontFamily={NOTE_FONT_FAMILY}
          direction={authorDirection}
          align={authorDirection === 'rtl' ? 'right' : 'left'}
          fill="rgba(0,0,0,0.55)"
          ellipsis
          wrap="none"
          perfectDrawEnabled={false}
        />
      )}
      {editor && (
        <Text
          y={-22 / Math.min(scale, 1)}
          text={`${editor.name} is editing`}
          fontSize={14 / Math.min(scale, 1)}
          fontFamily={UI_FONT_FAMILY}
          fill={editor.color}
          perfectDrawEnabled={false}
        />
      )}
    </Group>
  );
});
