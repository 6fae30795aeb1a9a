// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import * as Y from 'yjs';
import { BoardModel } from '../../shared/board/model';
import { OutlineView } from '../../client/outline/OutlineView';
import { OutlineNote } from '../../client/outline/OutlineNote';
import { notesByZone } from '../../client/outline/outlineOrder';

/**
 * jsdom lays nothing out, and the outline is a virtual list that renders what fits its scroll
 * element. This gives the scroll element a phone's height and its content's height, every row a
 * height, and scrollTo a scroll event, which is all @tanstack/react-virtual reads; restored after each test.
 */
const VIEWPORT_HEIGHT = 700;
const ROW_HEIGHT = 100;
const layout: Array<() => void> = [];
function fakeLayout(): void {
  const define = (proto: object, name: string, descriptor: PropertyDescriptor) => {
    const before = Object.getOwnPropertyDescriptor(proto, name);
    Object.defineProperty(proto, name, { configurable: true, ...descriptor });
    layout.push(() => (before ? Object.defineProperty(proto, name, before) : Reflect.deleteProperty(proto, name)));
  };
  define(HTMLElement.prototype, 'clientHeight', {
    get(this: HTMLElement) {
      return this.classList.contains('outline-scroll') ? VIEWPORT_HEIGHT : 0;
    },
  });
  define(HTMLElement.prototype, 'clientWidth', {
    get(this: HTMLElement) {
      return this.classList.contains('outline-scroll') ? 360 : 0;
    },
  });
  define(Element.prototype, 'scrollHeight', {
    get(this: Element) {
      const rows = this.classList.contains('outline-scroll') ? this.firstElementChild : null;
      return rows instanceof HTMLElement ? parseFloat(rows.style.height) || 0 : 0;
    },
  });
  define(HTMLElement.prototype, 'offsetHeight', {
    get(this: HTMLElement) {
      return this.classList.contains('outline-row') ? ROW_HEIGHT : 0;
    },
  });
  define(Element.prototype, 'scrollTo', {
    value(this: Element, options: ScrollToOptions) {
      if (typeof options.top === 'number') this.scrollTop = options.top;
      this.dispatchEvent(new Event('scroll'));
    },
  });
}
beforeEach(fakeLayout);
/**
 * Which notes' rows rendered in each React commit, read the way React DevTools reads it: through
 * the DevTools hook, installed before react-dom loads. A memoised row that bails out keeps its
 * previous props object; one that rendered holds the new one.
 */
const rendered = vi.hoisted(() => {
  interface Fiber {
    child: Fiber | null;
    sibling: Fiber | null;
    elementType: unknown;
    memoizedProps: unknown;
  }
  const state = { rowType: null as unknown, seen: new WeakMap<object, unknown>(), ids: [] as string[] };
  const walk = (fiber: Fiber | null): void => {
    for (let at = fiber; at; at = at.sibling) {
      if (state.rowType && at.elementType === state.rowType) {
        const props = at.memoizedProps as { note: { id: string } };
        if (state.seen.get(at) !== props) state.ids.push(props.note.id);
        state.seen.set(at, props);
        // The fiber's alternate is the same row in the other tree; remember the props there too.
        const alternate = (at as unknown as { alternate: Fiber | null }).alternate;
        if (alternate) state.seen.set(alternate, props);
      }
      walk(at.child);
    }
  };
  (globalThis as Record<string, unknown>).__REACT_DEVTOOLS_GLOBAL_HOOK__ = {
    supportsFiber: true,
    inject: () => 1,
    onScheduleFiberRoot() {},
    onCommitFiberRoot(_id: number, root: { current: Fiber }) {
      walk(root.current);
    },
    onCommitFiberUnmount() {},
    onPostCommitFiberRoot() {},
  };
  return {
    track(rowType: unknown) {
      state.rowType = rowType;
    },
    /** Note ids whose rows rendered since the last call. */
    take(): string[] {
      return state.ids.splice(0).sort();
    },
  };
});
rendered.track(OutlineNote);

afterEach(() => {
  cleanup();
  for (const restore of layout.splice(0).reverse()) restore();
});

/** Two people on one board: `mine` drives the outline, `theirs` stands for another device. */
function twoModels() {
  const docA = new Y.Doc();
  const docB = new Y.Doc();
  docA.on('update', (update: Uint8Array, origin: unknown) => {
    if (origin !== 'remote') Y.applyUpdate(docB, update, 'remote');
  });
  docB.on('update', (update: Uint8Array, origin: unknown) => {
    if (origin !== 'remote') Y.applyUpdate(docA, update, 'remote');
  });
  return { mine: new BoardModel(docA, { undo: true }), theirs: new BoardModel(docB, { undo: true }) };
}

function renderOutline(model: BoardModel, props: { canEdit?: boolean; voterId?: string; myName?: string } = {}) {
  return render(<OutlineView model={model} canEdit={props.canEdit ?? true} myName={props.myName ?? 'Lee'} voterId={props.voterId ?? 'voter-lee'} />);
}

function noteItem(id: string): HTMLElement {
  const item = document.querySelector<HTMLElement>(`[data-testid=outline-note][data-note-id="${id}"]`);
  if (!item) throw new Error(`no outline item for ${id}`);
  return item;
}

/** Opens a note's "More" disclosure (linking, moving, deleting), checking it is closed until then. */
function openMore(id: string): void {
  const more = within(noteItem(id)).getByTestId('outline-more');
  const panel = within(noteItem(id)).getByTestId('outline-actions');
  expect(more.getAttribute('aria-expanded')).toBe('false');
  expect(more.getAttribute('aria-controls')).toBe(panel.id);
  expect(panel.hidden).toBe(true);
  fireEvent.click(more);
  expect(more.getAttribute('aria-expanded')).toBe('true');
  expect(panel.hidden).toBe(false);
}

describe('OutlineView', () => {
  it('adds a note to a zone from its form, and on behalf of someone with "For"', () => {
    const { mine, theirs } = twoModels();
    renderOutline(mine);
    const input = screen.getByTestId('outline-add-input-need');
    fireEvent.change(input, { target: { value: 'Lonely elders' } });
    fireEvent.click(screen.getByTestId('outline-add-need'));
    expect(theirs.getSnapshot().notes.map((n) => [n.zone, n.text, n.author, n.addedBy])).toEqual([['need', 'Lonely elders', 'Lee', undefined]]);
    expect((input as HTMLInputElement).value).toBe('');

    fireEvent.change(screen.getByTestId('outline-add-input-who'), { target: { value: 'Can cook' } });
    fireEvent.change(screen.getByTestId('add-for-who'), { target: { value: 'Sam' } });
    fireEvent.submit(screen.getByTestId('outline-add-input-who').closest('form')!);
    const sams = theirs.getSnapshot().notes.filter((n) => n.zone === 'who');
    expect(sams.map((n) => [n.text, n.author, n.addedBy])).toEqual([['Can cook', 'Sam', 'Lee']]);
    expect(within(noteItem(sams[0]!.id)).getByTestId('outline-note-author').textContent).toBe('Sam (added by Lee)');

    // An empty note is refused with a message rather than added.
    fireEvent.click(screen.getByTestId('outline-add-there'));
    expect(theirs.getSnapshot().notes).toHaveLength(2);
    expect(screen.getByTestId('outline-status').textContent).toMatch(/type the note/i);
  });

  it('shows remote notes live, in their zones, with the zone prompt as heading context', () => {
    const { mine, theirs } = twoModels();
    renderOutline(mine);
    expect(within(screen.getByTestId('outline-zone-need')).getByRole('heading', { level: 2 }).textContent).toBe("What's the need? (0 notes)");
    let id = '';
    act(() => {
      id = theirs.addNote({ zone: 'there', author: 'Ben', text: 'Food bank' });
    });
    expect(within(screen.getByTestId('outline-zone-there')).getByTestId('outline-note-text').textContent).toBe('Food bank');
    act(() => theirs.setNoteText(id, 'Food bank on Mill Street'));
    expect(within(noteItem(id)).getByTestId('outline-note-text').textContent).toBe('Food bank on Mill Street');
    act(() => theirs.deleteNote(id));
    expect(screen.queryAllByTestId('outline-note')).toHaveLength(0);
  });

  it('edits in place: Enter saves through setNoteText, Escape cancels', () => {
    const { mine, theirs } = twoModels();
    const id = mine.addNote({ zone: 'need', author: 'Lee', text: 'Lonely' });
    renderOutline(mine);
    fireEvent.click(within(noteItem(id)).getByTestId('outline-edit'));
    const field = within(noteItem(id)).getByLabelText(/text of the note/i);
    expect(document.activeElement).toBe(field);
    fireEvent.change(field, { target: { value: 'Lonely elders' } });
    fireEvent.keyDown(field, { key: 'Enter' });
    expect(theirs.getNote(id)?.text).toBe('Lonely elders');
    expect(document.activeElement).toBe(within(noteItem(id)).getByTestId('outline-edit'));

    fireEvent.click(within(noteItem(id)).getByTestId('outline-edit'));
    const again = within(noteItem(id)).getByLabelText(/text of the note/i);
    fireEvent.change(again, { target: { value: 'discarded' } });
    fireEvent.keyDown(again, { key: 'Escape' });
    expect(theirs.getNote(id)?.text).toBe('Lonely elders');
    expect(within(noteItem(id)).getByTestId('outline-note-text').tagName).toBe('P');
  });

  it('moves a note to another zone and keeps focus on its move control', () => {
    const { mine, theirs } = twoModels();
    const id = mine.addNote({ zone: 'need', author: 'Lee', text: 'Youth club' });
    renderOutline(mine);
    openMore(id);
    fireEvent.change(within(noteItem(id)).getByTestId('outline-move'), { target: { value: 'there' } });
    expect(theirs.getNote(id)?.zone).toBe('there');
    expect(within(screen.getByTestId('outline-zone-there')).getByTestId('outline-note-text').textContent).toBe('Youth club');
    // The note remounts in its new zone with its actions still open, so focus stays on the move control.
    expect(within(noteItem(id)).getByTestId('outline-actions').hidden).toBe(false);
    expect(document.activeElement).toBe(within(noteItem(id)).getByTestId('outline-move'));
    // Esc folds the actions away and hands focus back to the "More" button.
    fireEvent.keyDown(document.activeElement!, { key: 'Escape' });
    expect(within(noteItem(id)).getByTestId('outline-actions').hidden).toBe(true);
    expect(document.activeElement).toBe(within(noteItem(id)).getByTestId('outline-more'));
  });

  it('deletes without asking, focuses the neighbour, and Ctrl+Z brings the note back', () => {
    const { mine, theirs } = twoModels();
    const first = mine.addNote({ zone: 'who', author: 'Lee', text: 'one', x: 40, y: 200 });
    const second = mine.addNote({ zone: 'who', author: 'Lee', text: 'two', x: 40, y: 500 });
    mine.stopCapturing();
    renderOutline(mine);
    openMore(first);
    fireEvent.click(within(noteItem(first)).getByTestId('outline-delete'));
    expect(theirs.getNote(first)).toBeUndefined();
    expect(document.activeElement).toBe(within(noteItem(second)).getByTestId('outline-edit'));
    fireEvent.keyDown(document.activeElement!, { key: 'z', ctrlKey: true });
    expect(theirs.getNote(first)?.text).toBe('one');
    // Deleting the only note left in a zone sends focus to the zone's heading.
    openMore(second);
    fireEvent.click(within(noteItem(second)).getByTestId('outline-delete'));
    openMore(first);
    fireEvent.click(within(noteItem(first)).getByTestId('outline-delete'));
    expect(document.activeElement).toBe(within(screen.getByTestId('outline-zone-who')).getByRole('heading'));
  });

  it('links a need to who is already there, shows it from both sides, and unlinks it', () => {
    const { mine, theirs } = twoModels();
    const need = mine.addNote({ zone: 'need', author: 'Lee', text: 'Lonely elders' });
    const there = mine.addNote({ zone: 'there', author: 'Lee', text: 'Lunch club' });
    renderOutline(mine);
    openMore(need);
    // The picker opens on demand, as one dialog with a search over the notes of the zone it links to.
    expect(screen.queryByTestId('outline-link-picker')).toBeNull();
    fireEvent.click(within(noteItem(need)).getByRole('button', { name: /link to who's already there/i }));
    const picker = screen.getByTestId('outline-link-picker');
    const search = within(picker).getByLabelText(/search who's already there/i);
    expect(document.activeElement).toBe(search);
    expect(within(picker).getAllByTestId('outline-link-choice').map((choice) => choice.textContent)).toEqual(['Lunch club']);
    fireEvent.change(search, { target: { value: 'bowls' } });
    expect(within(picker).queryAllByTestId('outline-link-choice')).toEqual([]);
    expect(within(picker).getByTestId('outline-link-summary').textContent).toBe('No note matches.');
    fireEvent.change(search, { target: { value: 'LUNCH' } });
    fireEvent.click(within(picker).getByTestId('outline-link-choice'));
    expect(theirs.getSnapshot().links.map((l) => [l.from, l.to, l.kind, l.author])).toEqual([[need, there, 'served-by', 'Lee']]);
    expect(screen.queryByTestId('outline-link-picker')).toBeNull();
    // Focus returns to the button the picker was opened from.
    expect(document.activeElement).toBe(within(noteItem(need)).getByTestId('outline-link-open'));
    expect(within(noteItem(need)).getByTestId('outline-link').textContent).toContain('Served by: Lunch club');
    expect(within(noteItem(there)).getByTestId('outline-link').textContent).toContain('Serves the need: Lonely elders');
    // Already linked: no longer offered. Esc closes the picker.
    fireEvent.click(within(noteItem(need)).getByTestId('outline-link-open'));
    expect(screen.getByTestId('outline-link-summary').textContent).toBe('There is no note left to link to.');
    fireEvent.keyDown(document.activeElement!, { key: 'Escape' });
    expect(screen.queryByTestId('outline-link-picker')).toBeNull();
    fireEvent.click(within(noteItem(there)).getByTestId('outline-link-remove'));
    expect(theirs.getSnapshot().links).toEqual([]);
  });

  it('votes within the budget, hides totals until revealed, then sorts by votes', () => {
    const { mine, theirs } = twoModels();
    const a = mine.addNote({ zone: 'need', author: 'Lee', text: 'A', x: 1100, y: 200 });
    const b = mine.addNote({ zone: 'need', author: 'Lee', text: 'B', x: 1100, y: 500 });
    theirs.startVote(2);
    theirs.castVote(a, 'someone-else');
    renderOutline(mine, { voterId: 'me' });
    const addToB = () => fireEvent.click(within(noteItem(b)).getByTestId('outline-vote-add'));
    const plus = within(noteItem(b)).getByTestId('outline-vote-add');
    expect(plus.getAttribute('aria-label')).toBe("Add a dot to 'B'");
    // How many dots are left is said once, and each + button is described by it.
    expect(document.getElementById(plus.getAttribute('aria-describedby')!)?.textContent).toBe('2 dots left');
    addToB();
    addToB();
    expect(theirs.getSnapshot().votesBy('me').get(b)).toBe(2);
    addToB();
    expect(theirs.getSnapshot().votesBy('me').get(b)).toBe(2);
    expect(screen.getByTestId('outline-status').textContent).toMatch(/no dots left/i);
    expect(screen.getByTestId('outline-vote-summary').textContent).toMatch(/no dots left/i);
    // Only one's own dots before the reveal: A's dot from someone else stays hidden.
    expect(within(noteItem(a)).getByTestId('outline-votes').textContent).toBe('Your dots: 0');
    expect(screen.queryByTestId('outline-sort-votes')).toBeNull();

    act(() => theirs.revealVotes());
    expect(within(noteItem(a)).getByTestId('outline-votes').textContent).toBe('1 dot');
    expect(within(noteItem(b)).getByTestId('outline-votes').textContent).toBe('2 dots (2 yours)');
    const order = () => screen.getAllByTestId('outline-note').map((item) => item.getAttribute('data-note-id'));
    expect(order()).toEqual([a, b]);
    fireEvent.click(screen.getByTestId('outline-sort-votes'));
    expect(order()).toEqual([b, a]);

    fireEvent.click(within(noteItem(b)).getByTestId('outline-vote-remove'));
    expect(theirs.getSnapshot().votesBy('me').get(b)).toBe(1);
  });

  it('is read-only for viewers: no fields and no action buttons', () => {
    const { mine } = twoModels();
    mine.addNote({ zone: 'need', author: 'Lee', text: 'Lonely elders' });
    renderOutline(mine, { canEdit: false });
    const view = screen.getByTestId('outline-view');
    // Only the zone menu, which moves around the outline and changes nothing.
    expect([...view.querySelectorAll('input, textarea, select, button')].map((control) => control.getAttribute('data-testid'))).toEqual([
      'outline-go-who',
      'outline-go-need',
      'outline-go-there',
    ]);
    expect(screen.getByTestId('outline-note-text').textContent).toBe('Lonely elders');
  });

  describe('on a board of 2,000 notes', () => {
    /** 2,000 notes over the three zones, placed in a grid so each zone reads top to bottom. */
    function bigBoard() {
      const { mine, theirs } = twoModels();
      const ids = mine.addNotes(
        Array.from({ length: 2000 }, (_, i) => {
          const column = i % 3;
          const row = Math.floor(i / 3);
          return { zone: 'who' as const, author: 'Lee', text: `Note ${i}`, x: column * 1040 + 40, y: 200 + row * 10 };
        }),
      );
      mine.stopCapturing();
      const order = () => notesByZone(mine.getSnapshot().notes, false);
      return { mine, theirs, ids, order };
    }

    const renderedIds = () => screen.queryAllByTestId('outline-note').map((item) => item.getAttribute('data-note-id'));
    const focusedNote = () => document.activeElement?.closest('[data-note-id]')?.getAttribute('data-note-id');
    const press = (key: string) => act(async () => void fireEvent.keyDown(document.activeElement!, { key }));

    it('renders a screenful of rows, with no list of every note in any of them', () => {
      const { mine, order } = bigBoard();
      renderOutline(mine);
      const shown = renderedIds();
      // 700 px of 100 px rows, plus a few either side.
      expect(shown.length).toBeGreaterThan(3);
      expect(shown.length).toBeLessThanOrEqual(16);
      expect(shown).toEqual(order().who.slice(0, shown.length).map((note) => note.id));
      expect(document.querySelectorAll('option')).toHaveLength(0);
      expect(document.querySelectorAll('*').length).toBeLessThan(600);
      // Screen readers still hear each note's place in its zone.
      const first = noteItem(shown[0]!);
      expect([first.getAttribute('aria-posinset'), first.getAttribute('aria-setsize')]).toEqual(['1', String(order().who.length)]);
    });

    it('moves between notes with Up and Down, to notes not rendered yet, keeping the same control', async () => {
      const { mine, theirs, order } = bigBoard();
      renderOutline(mine);
      const who = order().who;
      act(() => within(noteItem(who[0]!.id)).getByTestId('outline-edit').focus());
      for (let step = 1; step <= 40; step++) {
        await press('ArrowDown');
        expect(focusedNote()).toBe(who[step]!.id);
        expect(document.activeElement?.getAttribute('data-testid')).toBe('outline-edit');
      }
      expect(renderedIds().length).toBeLessThanOrEqual(20);
      await press('ArrowUp');
      expect(focusedNote()).toBe(who[39]!.id);

      // During a vote, Down from a + lands on the next note's +.
      act(() => void theirs.startVote(3));
      act(() => within(noteItem(who[39]!.id)).getByTestId('outline-vote-add').focus());
      await press('ArrowDown');
      expect(focusedNote()).toBe(who[40]!.id);
      expect(document.activeElement?.getAttribute('data-testid')).toBe('outline-vote-add');
      fireEvent.click(document.activeElement!);
      expect(theirs.getSnapshot().votesBy('voter-lee').get(who[40]!.id)).toBe(1);
    });

    it('goes to a zone from the zone menu, and from the last note of a zone to the next zone', async () => {
      const { mine, order } = bigBoard();
      renderOutline(mine);
      const { who, need } = order();
      // The scroll to a row waits for React's commit to end (a microtask), hence the async act.
      await act(async () => void fireEvent.click(screen.getByTestId('outline-go-need')));
      const heading = within(screen.getByTestId('outline-zone-need')).getByRole('heading', { level: 2 });
      expect(document.activeElement).toBe(heading);
      expect(heading.textContent).toBe(`What's the need? (${need.length} notes)`);
      expect(renderedIds()).not.toContain(who[0]!.id);
      // Up from the first need goes to the last note of the zone before.
      act(() => within(noteItem(need[0]!.id)).getByTestId('outline-edit').focus());
      await press('ArrowUp');
      expect(focusedNote()).toBe(who.at(-1)!.id);
    });

    it('keeps focus on a row while it re-renders and while the list scrolls away from it', () => {
      const { mine, theirs, order } = bigBoard();
      renderOutline(mine);
      const target = order().who[2]!;
      const edit = within(noteItem(target.id)).getByTestId('outline-edit');
      act(() => edit.focus());
      act(() => theirs.setNoteText(target.id, 'Changed elsewhere'));
      expect(document.activeElement).toBe(edit);
      expect(within(noteItem(target.id)).getByTestId('outline-note-text').textContent).toBe('Changed elsewhere');
      const scroller = screen.getByTestId('outline-scroll');
      act(() => scroller.scrollTo({ top: 50_000 }));
      expect(renderedIds()).not.toContain(order().who[0]!.id);
      expect(document.activeElement).toBe(edit);
      expect(edit.isConnected).toBe(true);
    });

    it('re-renders only the row of the note that changed', () => {
      const { mine, theirs, order } = bigBoard();
      renderOutline(mine);
      const [a, b, c] = order().who;
      rendered.take();
      act(() => theirs.setNoteText(b!.id, 'Only this one'));
      expect(rendered.take()).toEqual([b!.id]);
      // A dot changes that note and this person's count of dots left, said once above the list.
      act(() => void theirs.startVote(3));
      rendered.take();
      fireEvent.click(within(noteItem(c!.id)).getByTestId('outline-vote-add'));
      expect(rendered.take()).toEqual([c!.id]);
      expect(screen.getByTestId('outline-vote-summary').textContent).toMatch(/2 dots left/);
      // A link re-renders the notes it joins (here only one is on screen), and nothing else.
      let need = '';
      act(() => {
        need = mine.addNote({ zone: 'need', author: 'Lee', text: 'A need', x: 1100, y: 199 });
      });
      rendered.take();
      act(() => void theirs.addLink(a!.id, need));
      expect(rendered.take()).toEqual([a!.id]);
    });
  });
});
