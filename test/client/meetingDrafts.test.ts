import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { BoardModel } from '../../shared/board/model';
import { commitDrafts, type PrivateDraft } from '../../shared/board/privateDrafts';
import { clearDrafts, loadDrafts, roundIsOver, saveDrafts, storedRounds } from '../../client/meeting/draftStore';

/** localStorage's interface over a Map, as a fresh browser profile. */
class MemoryStorage implements Storage {
  private readonly items = new Map<string, string>();
  get length() {
    return this.items.size;
  }
  clear() {
    this.items.clear();
  }
  getItem(key: string) {
    return this.items.get(key) ?? null;
  }
  key(index: number) {
    return [...this.items.keys()][index] ?? null;
  }
  removeItem(key: string) {
    this.items.delete(key);
  }
  setItem(key: string, value: string) {
    this.items.set(key, String(value));
  }
}

const draft = (id: string, text: string, createdAt: number): PrivateDraft => ({ id, zone: 'need', text, color: '#fff59d', author: 'Ana', createdAt });

describe('private drafts in local storage', () => {
  it('round-trips drafts per board and round, and empties the key when the last one goes', () => {
    const storage = new MemoryStorage();
    const drafts = [draft('d1', 'Food bank', 10), draft('d2', 'Night shelter', 20)];
    expect(saveDrafts(storage, 'board1', 'roundA', 5, drafts)).toBe(true);
    saveDrafts(storage, 'board2', 'roundA', 5, [draft('x', 'other board', 1)]);
    expect(loadDrafts(storage, 'board1', 'roundA')).toEqual(drafts);
    expect(loadDrafts(storage, 'board1', 'roundB')).toEqual([]);
    expect(storedRounds(storage, 'board1')).toEqual([{ round: 'roundA', startedAt: 5, drafts }]);
    saveDrafts(storage, 'board1', 'roundA', 5, []);
    expect(storedRounds(storage, 'board1')).toEqual([]);
    expect(storedRounds(storage, 'board2')).toHaveLength(1);
    clearDrafts(storage, 'board2', 'roundA');
    expect(storage.length).toBe(0);
  });

  it('skips malformed stored drafts instead of failing', () => {
    const storage = new MemoryStorage();
    storage.setItem('discern:drafts:b:r', JSON.stringify({ round: 'r', startedAt: 1, drafts: [{ id: 'ok', zone: 'who', text: 't', color: '#fff', author: 'A', createdAt: 1 }, { id: 2 }, { id: 'z', zone: 'nowhere' }] }));
    storage.setItem('discern:drafts:b:broken', '{not json');
    expect(loadDrafts(storage, 'b', 'r').map((d) => d.id)).toEqual(['ok']);
    expect(storedRounds(storage, 'b').map((r) => r.round)).toEqual(['r']);
  });

  it.each([
    { name: 'no round in the document', current: null, over: false },
    { name: 'the same round still running', current: { round: 'A', startedAt: 100, revealedAt: null }, over: false },
    { name: 'the same round revealed', current: { round: 'A', startedAt: 100, revealedAt: 200 }, over: true },
    { name: 'a later round started', current: { round: 'B', startedAt: 300, revealedAt: null }, over: true },
    { name: 'an older round (document not synced yet)', current: { round: 'Z', startedAt: 50, revealedAt: 60 }, over: false },
  ])('a stored round is over: $name → $over', ({ current, over }) => {
    expect(roundIsOver({ round: 'A', startedAt: 100 }, current)).toBe(over);
  });

  it('commits stored drafts once, however many times it is asked (a reload after the reveal)', () => {
    const storage = new MemoryStorage();
    const [first, second] = ['a'.repeat(21), 'b'.repeat(21)];
    saveDrafts(storage, 'b', 'A', 1, [draft(second, 'second', 20), draft(first, 'first', 10)]);
    const model = new BoardModel(new Y.Doc());
    commitDrafts(model, loadDrafts(storage, 'b', 'A'));
    commitDrafts(model, loadDrafts(storage, 'b', 'A'));
    expect(model.getSnapshot().notes.map((n) => [n.id, n.text])).toEqual([
      [first, 'first'],
      [second, 'second'],
    ]);
  });
});
