import { useEffect, useRef } from 'react';
import type { NoteView } from '../../shared/board/note';
import { loadFontsForTyping, whenNoteFontsReady } from './noteFonts';

/**
 * Loads the fonts the board's words need — notes, their authors, and `texts` (title, prompts) — as
 * they appear. NoteViews are replaced when a note changes, so only new or changed notes
 * are read on each change, never the whole board.
 */
export function useBoardFonts(notes: readonly NoteView[], texts: readonly string[]): void {
  const seen = useRef(new WeakSet<NoteView>());
  useEffect(() => loadFontsForTyping(), []);
  useEffect(() => {
    const fresh: string[] = [];
    for (const note of notes) {
      if (seen.current.has(note)) continue;
      seen.current.add(note);
      fresh.push(note.text, note.author, note.addedBy ?? '');
    }
    if (fresh.length > 0) void whenNoteFontsReady(fresh);
  }, [notes]);
  const joined = texts.join('\n');
  useEffect(() => void whenNoteFontsReady([joined]), [joined]);
}
