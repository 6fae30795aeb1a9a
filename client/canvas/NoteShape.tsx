import { memo, useLayoutEffect, useRef } from 'react';
import type { Context } from 'konva/lib/Context';
import type { Group as KonvaGroup } from 'konva/lib/Group';
import type { Shape as KonvaShape } from 'konva/lib/Shape';
import type { Text as KonvaText } from 'konva/lib/shapes/Text';
import type { NoteView } from '../../shared/board/note';
import { t } from '../i18n';
import { textDirection } from '../fonts/direction';
import { useFontsVersion } from '../fonts/useFontsVersion';
import { cachePixelRatio } from './noteCache';
import { Group, Rect, Text } from './konva';
import { NoteDetail, noteDetail } from './lod';
import { PresenceLabel } from './PresenceLabel';
import { AUTHOR_MIN_SCREEN_FONT } from './notePainter';
import { LINE_HEIGHT, NOTE_PADDING, noteTextBox } from './noteText';
import { MORE_FILL, MORE_FONT, moreLabel, MORE_TEXT_COLOR, NOTE_TEXT_COLOR, drawTextLines, fadeBand, moreMarkerBox } from './noteTextPaint';
import { noteFont, noteFontFamily } from './textMeasure';
import { noteLayout } from './zoneFonts';

export interface NoteShapeProps {
  note: NoteView;
  scale: number;
  selected: boolean;
  /** Someone else editing this note: their colour and name, drawn as a frame and a label. */
  editor: { name: string; color: string } | null;
  /** True while this client edits the note in the overlay textarea, which then shows the text. */
  hideText: boolean;
  /** The note's zone's font size (zoneFonts.ts): every note of a zone reads at one size. */
  fontSize: number;
  /** Text layout version (invalidateTextLayout): a new one relays the note out. */
  layoutVersion: number;
}

/**
 * Draws a note-text node's lines as the layout computed them (`lines`, for the text in `laidOut`):
 * Konva never re-wraps them by its own rules, and the node's `text` stays the note's whole text for
 * anyone reading the stage. Font, size, direction and alignment are read from the node, so a clone
 * given other ones (a test's reference drawing, another text) draws with those.
 */
function drawNoteLines(context: Context, shape: KonvaShape): void {
  const node = shape as KonvaText;
  const text = node.text();
  const lines = node.getAttr('laidOut') === text ? (node.getAttr('lines') as readonly string[]) : text.split('\n');
  const fontSize = node.fontSize();
  const direction = node.direction() === 'rtl' ? 'rtl' : 'ltr';
  drawTextLines(context._context, { fontSize, lineHeight: fontSize * node.lineHeight(), lines }, { x: 0, y: 0, width: node.width() }, {
    direction,
    align: node.align() === 'right' ? 'right' : 'left',
    font: noteFont(fontSize, node.fontFamily()),
  });
}

/**
 * One sticky note. Nothing here listens for events: hit testing is done on the model's notes by the
 * canvas, which keeps Konva from drawing a hit graph for thousands of shapes. Memoised, so a note
 * re-renders only when its NoteView (kept by identity in the model) or its decoration changes.
 */
export const NoteShape = memo(function NoteShape({ note, scale, selected, editor, hideText, fontSize, layoutVersion }: NoteShapeProps) {
  const layout = noteLayout(note, fontSize);
  const box = noteTextBox(note);
  const marker = layout.overflow ? moreMarkerBox(note) : null;
  const band = layout.overflow && layout.lines.length > 0 ? fadeBand(layout, box) : null;
  const readable = noteDetail(scale, fontSize) === NoteDetail.Text;
  const frame = editor?.color ?? (selected ? '#1565c0' : null);
  const group = useRef<KonvaGroup>(null);
  // Text laid out before a webfont arrived was measured and drawn in a fallback (boxes, where the
  // system has no font for the script): a new version remounts the text nodes, which measure afresh.
  const fontsVersion = useFontsVersion();
  const direction = textDirection(note.text);
  const authorLine = note.addedBy ? t('common.addedBy', { author: note.author, name: note.addedBy }) : note.author;
  const authorDirection = textDirection(authorLine);
  // Each note is drawn once into its own bitmap and then blitted: panning redraws every layer every
  // frame, and wrapped text is what makes that slow at mid zoom. Memo keeps this to changed notes.
  useLayoutEffect(() => {
    const node = group.current;
    if (!node) return;
    const pixelRatio = cachePixelRatio(scale);
    if (pixelRatio === null) node.clearCache();
    else node.cache({ pixelRatio });
  }, [note, scale, selected, editor, hideText, fontSize, layoutVersion, fontsVersion]);
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
          name="note-text"
          noteId={note.id}
          x={box.x}
          y={box.y}
          width={box.width}
          height={box.height}
          text={note.text}
          fontSize={fontSize}
          lineHeight={LINE_HEIGHT}
          fontFamily={noteFontFamily()}
          direction={direction}
          align={direction === 'rtl' ? 'right' : 'left'}
          fill={NOTE_TEXT_COLOR}
          wrap="none"
          lines={layout.lines}
          laidOut={note.text}
          overflow={layout.overflow}
          sceneFunc={drawNoteLines}
          perfectDrawEnabled={false}
        />
      )}
      {readable && !hideText && band && (
        <Rect
          name="note-fade"
          x={band.x}
          y={band.y}
          width={band.w}
          height={band.h}
          fillLinearGradientStartPoint={{ x: 0, y: 0 }}
          fillLinearGradientEndPoint={{ x: 0, y: band.h }}
          fillLinearGradientColorStops={[0, `${note.color}00`, 1, `${note.color}ff`]}
          perfectDrawEnabled={false}
        />
      )}
      {readable && !hideText && marker && (
        <Group name="note-more" x={marker.x} y={marker.y} noteId={note.id}>
          <Rect width={marker.w} height={marker.h} cornerRadius={marker.h / 2} fill={MORE_FILL} perfectDrawEnabled={false} />
          <Text
            width={marker.w}
            height={marker.h}
            text={moreLabel()}
            fontSize={MORE_FONT}
            fontFamily={noteFontFamily()}
            fill={MORE_TEXT_COLOR}
            align="center"
            verticalAlign="middle"
            perfectDrawEnabled={false}
          />
        </Group>
      )}
      {readable && note.author && 11 * scale >= AUTHOR_MIN_SCREEN_FONT && (
        <Text
          key={`author-${fontsVersion}`}
          x={NOTE_PADDING}
          y={note.h - NOTE_PADDING - 11}
          width={(marker ? marker.x - 4 : note.w - NOTE_PADDING) - NOTE_PADDING}
          height={13}
          text={authorLine}
          fontSize={11}
          fontFamily={noteFontFamily()}
          direction={authorDirection}
          align={authorDirection === 'rtl' ? 'right' : 'left'}
          fill="rgba(0,0,0,0.55)"
          ellipsis
          wrap="none"
          perfectDrawEnabled={false}
        />
      )}
      {editor && <PresenceLabel x={0} y={-26 / Math.min(scale, 1)} text={t('canvas.editing', { name: editor.name })} color={editor.color} fontSize={13 / Math.min(scale, 1)} />}
    </Group>
  );
});
