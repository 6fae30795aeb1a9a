import { describe, expect, it } from 'vitest';
import { NoteIndex } from '../../shared/board/noteIndex';
import type { NoteView } from '../../shared/board/note';

function note(id: string, text = id): NoteView {
  return { id, zone: 'who', text, x: 0, y: 0, w: 100, h: 100, color: '#ffffff', author: 'A', createdAt: 1, votes: 0 };
}

const sorted = (index: ReadonlyMap<string, NoteView>): string[] => [...index.values()].map((view) => `${view.id}:${view.text}`).sort();

describe('NoteIndex', () => {
  it('reads through changes and leaves the index it came from as it was', () => {
    const first = NoteIndex.from(['a', 'b', 'c'].map((id) => [id, note(id)] as const));
    const second = first.with(new Map([['b', note('b', 'moved')], ['c', null], ['d', note('d')]]));
    expect(sorted(second)).toEqual(['a:a', 'b:moved', 'd:d']);
    expect(second.size).toBe(3);
    expect(second.has('c')).toBe(false);
    expect(second.get('b')?.text).toBe('moved');
    expect([...second.keys()].sort()).toEqual(['a', 'b', 'd']);
    expect(sorted(first)).toEqual(['a:a', 'b:b', 'c:c']);
    expect(first.size).toBe(3);
    // Removing what is not there changes nothing; adding back what was removed counts again.
    const third = second.with(new Map([['zzz', null], ['c', note('c', 'back')]]));
    expect(third.size).toBe(4);
    expect(third.get('c')?.text).toBe('back');
  });

  it('stays correct across many changes, folding its overlay as it grows', () => {
    let index = NoteIndex.from([] as Array<[string, NoteView]>);
    const expected = new Map<string, NoteView>();
    for (let step = 0; step < 500; step++) {
      const id = `n${step % 97}`;
      const view = step % 5 === 0 ? null : note(id, `v${step}`);
      index = index.with(new Map([[id, view]]));
      if (view) expected.set(id, view);
      else expected.delete(id);
    }
    expect(index.size).toBe(expected.size);
    expect(sorted(index)).toEqual(sorted(expected));
    const visited: string[] = [];
    index.forEach((_view, id) => visited.push(id));
    expect(visited.sort()).toEqual([...expected.keys()].sort());
  });
});
