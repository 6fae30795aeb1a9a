import { memo, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useSyncExternalStore, type FocusEvent, type KeyboardEvent } from 'react';
import { defaultRangeExtractor, useVirtualizer, type Range, type VirtualItem } from '@tanstack/react-virtual';
import type { NoteIndex } from '../../shared/board/noteIndex';
import type { VoteView } from '../../shared/board/votes';
import type { Zone } from '../../shared/board/zones';
import { isTypingTarget } from '../board/keyTarget';
import { useTranslation } from '../i18n';
import { shownPrompt } from '../i18n/boardText';
import { useFocusRequests, useIsFocusRequested } from './focusRequest';
import { linkedNotesOf, type LinkedNotesByNote } from './linkedNotes';
import { OutlineNote, type OutlineNoteProps } from './OutlineNote';
import type { OutlineActions } from './outlineActions';
import { nextNoteRow, rowIndexByKey, type OutlineRow } from './outlineRows';
import { ZoneHeader } from './ZoneHeader';

export interface OutlineListProps {
  rows: readonly OutlineRow[];
  byId: NoteIndex;
  prompts: Readonly<Record<Zone, string>>;
  linkedByNote: LinkedNotesByNote;
  vote: VoteView | null;
  /** This person's dots per note id. */
  mine: ReadonlyMap<string, number>;
  canEdit: boolean;
  /** Ids of the notes whose "More" actions are open. */
  openActions: ReadonlySet<string>;
  actions: OutlineActions;
}

/** First guesses at row heights (a phone's), replaced by each row's measured height once rendered. */
const ESTIMATED_ZONE_HEIGHT = 200;
const ESTIMATED_NOTE_HEIGHT = 110;
const ROW_GAP = 8;
/** Rows rendered beyond each edge of the screen, so Tab and a quick flick find them ready. */
const OVERSCAN = 4;

type Measure = (element: Element | null) => void;

/** A note's row: the note's own props, plus where the row sits in the virtual list. */
interface NoteItemProps extends OutlineNoteProps {
  index: number;
  start: number;
  position: number;
  setSize: number;
  measure: Measure;
}

/** Where focus lands in a note reached by the arrow keys: the same control as in the note left, if it has one. */
function landingControl(item: HTMLElement, control: string | undefined): HTMLElement {
  if (control) {
    for (const candidate of item.querySelectorAll<HTMLElement>('[data-testid]')) {
      if (candidate.dataset.testid === control && !candidate.closest('[hidden]')) return candidate;
    }
  }
  return item.querySelector<HTMLElement>('[data-testid=outline-edit]') ?? item;
}

/**
 * A note's list item: placed by the virtualiser, measured, and the target of arrow-key moves. Its
 * content is a separate memoised component, so a row that only moved re-renders just this shell.
 */
const NoteItem = memo(function NoteItem({ index, start, note, position, setSize, linked, vote, mine, canEdit, actionsOpen, actions, measure }: NoteItemProps) {
  const item = useRef<HTMLLIElement | null>(null);
  const requests = useFocusRequests();
  const target = `note:${note.id}`;
  const wanted = useIsFocusRequested(target);
  useEffect(() => {
    if (!wanted || !item.current) return;
    landingControl(item.current, requests.get()?.control).focus();
    requests.done(target);
  }, [wanted, target, requests]);
  const ref = useCallback(
    (element: HTMLLIElement | null) => {
      item.current = element;
      measure(element);
    },
    [measure],
  );
  return (
    <li
      ref={ref}
      className="outline-row outline-note"
      data-index={index}
      data-row-key={note.id}
      data-testid="outline-note"
      data-note-id={note.id}
      aria-posinset={position}
      aria-setsize={setSize}
      // Viewers have no controls: the item itself takes Tab. Editors land on it only by the arrow keys.
      tabIndex={canEdit ? -1 : 0}
      style={{ borderLeftColor: note.color, transform: `translateY(${start}px)` }}
    >
      <OutlineNote note={note} linked={linked} vote={vote} mine={mine} canEdit={canEdit} actionsOpen={actionsOpen} actions={actions} />
    </li>
  );
});

/** A run of consecutive rendered rows of one zone. */
interface ZoneGroup {
  zone: Zone;
  header: VirtualItem | null;
  notes: VirtualItem[];
}

function groupByZone(items: readonly VirtualItem[], rows: readonly OutlineRow[]): ZoneGroup[] {
  const groups: ZoneGroup[] = [];
  for (const item of items) {
    const row = rows[item.index];
    if (!row) continue;
    let group = groups.at(-1);
    if (!group || group.zone !== row.zone) {
      group = { zone: row.zone, header: null, notes: [] };
      groups.push(group);
    }
    if (row.kind === 'zone') group.header = item;
    else group.notes.push(item);
  }
  return groups;
}

/**
 * The outline's rows in one virtual list: zone headers and notes, each measured, only those near
 * the screen in the DOM (so a board of thousands of notes costs a screenful of elements). Every
 * note's item carries its place in the zone (aria-posinset/setsize), so screen readers still say
 * "5 of 700". The row holding focus, and a row asked to take focus, stay rendered wherever they are.
 */
export function OutlineList({ rows, byId, prompts, linkedByNote, vote, mine, canEdit, openActions, actions }: OutlineListProps) {
  const { t } = useTranslation();
  const scroller = useRef<HTMLDivElement>(null);
  const requests = useFocusRequests();
  const request = useSyncExternalStore(requests.subscribe, requests.get, requests.get);
  const indexByKey = useMemo(() => rowIndexByKey(rows), [rows]);
  /** Key of the row that holds keyboard focus: never unmounted while it does, or focus would drop to the page. */
  const focusedRow = useRef<string | null>(null);
  // Written during render on purpose: the range extractor runs inside this render's getVirtualItems().
  const kept = useRef({ indexByKey });
  kept.current = { indexByKey };

  // A new function when the requested row changes, so the virtualiser computes its range again then.
  const requestedRow = request?.row;
  const rangeExtractor = useCallback(
    (range: Range) => {
      const indexes = defaultRangeExtractor(range);
      const extra: number[] = [];
      for (const key of [focusedRow.current, requestedRow]) {
        const index = key == null ? undefined : kept.current.indexByKey.get(key);
        if (index === undefined) continue;
        // With its neighbours: Tab and Shift+Tab from it must find the next row in the page even
        // before the virtualiser has rendered the range a jump scrolled to.
        for (const near of [index - 1, index, index + 1]) {
          if (near >= 0 && near < range.count && (near < indexes[0]! || near > indexes.at(-1)!)) extra.push(near);
        }
      }
      return extra.length === 0 ? indexes : [...new Set([...indexes, ...extra])].sort((a, b) => a - b);
    },
    [requestedRow],
  );
  const estimateSize = useCallback((index: number) => (rows[index]?.kind === 'zone' ? ESTIMATED_ZONE_HEIGHT : ESTIMATED_NOTE_HEIGHT), [rows]);
  const getItemKey = useCallback((index: number) => rows[index]?.key ?? index, [rows]);

  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize,
    getItemKey,
    overscan: OVERSCAN,
    gap: ROW_GAP,
    rangeExtractor,
    // React 19 refuses a synchronous flush from the layout effects where the virtualiser first reads
    // its size; scroll updates render at the scroll event's own (continuous) priority instead.
    useFlushSync: false,
  });
  const measure = virtualizer.measureElement as Measure;

  // A control asked to take focus may sit in a row far off screen: scroll that row into view. The row
  // is already rendered (see rangeExtractor), so the control focuses itself as it mounts. The scroll
  // waits for the commit to end: the virtualiser re-renders synchronously on scroll.
  useLayoutEffect(() => {
    if (!request) return;
    const index = indexByKey.get(request.row);
    if (index === undefined) {
      requests.clear();
      return;
    }
    const align = rows[index]?.kind === 'zone' ? 'start' : 'auto';
    queueMicrotask(() => virtualizer.scrollToIndex(index, { align }));
  }, [request, indexByKey, rows, requests, virtualizer]);

  const onFocus = (event: FocusEvent) => {
    const row = (event.target as Element).closest<HTMLElement>('[data-row-key]');
    focusedRow.current = row?.dataset.rowKey ?? null;
  };
  const onBlur = (event: FocusEvent) => {
    // Focus leaving the page (another window) keeps the row: focus comes back to it.
    const next = event.relatedTarget;
    if (next instanceof Node && !scroller.current?.contains(next)) focusedRow.current = null;
  };
  // Up and Down move between notes, to the same control in the next note, even one not rendered yet.
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
    if (event.altKey || event.ctrlKey || event.metaKey || event.shiftKey || isTypingTarget(event.target)) return;
    const from = (event.target as Element).closest<HTMLElement>('[data-row-key]')?.dataset.rowKey;
    const index = from === undefined ? undefined : indexByKey.get(from);
    if (index === undefined) return;
    const next = nextNoteRow(rows, index, event.key === 'ArrowDown' ? 1 : -1);
    event.preventDefault();
    const row = rows[next];
    if (!row) return;
    const control = event.target instanceof HTMLElement ? (event.target.dataset.testid ?? undefined) : undefined;
    requests.request({ target: `note:${row.key}`, row: row.key, control });
  };

  const groups = groupByZone(virtualizer.getVirtualItems(), rows);
  return (
    <div ref={scroller} className="outline-scroll" data-testid="outline-scroll" onKeyDown={onKeyDown} onFocus={onFocus} onBlur={onBlur}>
      <div className="outline-rows" style={{ height: virtualizer.getTotalSize() }}>
        {groups.map((group) => (
          <div key={group.zone} className={`outline-zone zone-${group.zone}`} data-testid={`outline-zone-${group.zone}`}>
            {group.header && (
              <div
                ref={measure}
                className="outline-row outline-zone-header"
                data-index={group.header.index}
                data-row-key={group.header.key}
                style={{ transform: `translateY(${group.header.start}px)` }}
              >
                <ZoneHeader
                  zone={group.zone}
                  prompt={shownPrompt(group.zone, prompts[group.zone], t)}
                  count={(rows[group.header.index] as Extract<OutlineRow, { kind: 'zone' }>).count}
                  canEdit={canEdit}
                  actions={actions}
                />
              </div>
            )}
            {group.notes.length > 0 && (
              <ul className="outline-notes" aria-label={t('outline.notesOf', { zone: t(`zones.${group.zone}`) })}>
                {group.notes.map((item) => {
                  const row = rows[item.index] as Extract<OutlineRow, { kind: 'note' }>;
                  const note = byId.get(row.key);
                  if (!note) return null;
                  return (
                    <NoteItem
                      key={row.key}
                      index={item.index}
                      start={item.start}
                      note={note}
                      position={row.position}
                      setSize={row.setSize}
                      linked={linkedNotesOf(linkedByNote, note.id)}
                      vote={vote}
                      mine={mine.get(note.id) ?? 0}
                      canEdit={canEdit}
                      actionsOpen={openActions.has(note.id)}
                      actions={actions}
                      measure={measure}
                    />
                  );
                })}
              </ul>
            )}
          </div>
        ))}
      </div>
    </div>
  );
}
