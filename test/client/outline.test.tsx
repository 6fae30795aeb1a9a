// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import * as Y from 'yjs';
import { BoardModel } from '../../shared/board/model';
import { OutlineView } from '../../client/outline/OutlineView';

afterEach(cleanup);

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
    expect(within(screen.getByTestId('outline-zone-need')).getByRole('heading', { level: 2 }).textContent).toBe("What's the need?");
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
    const select = within(noteItem(need)).getByLabelText(/link to who's already there/i);
    fireEvent.change(select, { target: { value: there } });
    fireEvent.click(within(noteItem(need)).getByTestId('outline-link-add'));
    expect(theirs.getSnapshot().links.map((l) => [l.from, l.to, l.kind, l.author])).toEqual([[need, there, 'served-by', 'Lee']]);
    expect(within(noteItem(need)).getByTestId('outline-link').textContent).toContain('Served by: Lunch club');
    expect(within(noteItem(there)).getByTestId('outline-link').textContent).toContain('Serves the need: Lonely elders');
    // Already linked: no longer offered.
    expect(within(noteItem(need)).queryByTestId('outline-link-select')).toBeNull();
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
    expect(within(noteItem(b)).getByTestId('outline-vote-add').getAttribute('aria-label')).toBe("Add a dot to 'B' (2 dots left)");
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
    expect(view.querySelectorAll('input, textarea, select, button')).toHaveLength(0);
    expect(screen.getByTestId('outline-note-text').textContent).toBe('Lonely elders');
  });
});
