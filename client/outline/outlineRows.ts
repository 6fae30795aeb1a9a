import { ZONES, type Zone } from '../../shared/board/zones';

/** A zone's header row: its question, prompt and the form to add a note. */
export interface ZoneRow {
  readonly kind: 'zone';
  readonly key: string;
  readonly zone: Zone;
  readonly count: number;
}

/** One note (keyed by its id), with its place in its zone for screen readers ("5 of 700"). */
export interface NoteRow {
  readonly kind: 'note';
  readonly key: string;
  readonly zone: Zone;
  /** 1-based position in the zone. */
  readonly position: number;
  readonly setSize: number;
}

export type OutlineRow = ZoneRow | NoteRow;

/** Row key of a zone's header (note rows are keyed by note id, which never clashes: ids have no colon). */
export function zoneRowKey(zone: Zone): string {
  return `zone:${zone}`;
}

/**
 * The outline as one flat list for the virtualiser: each zone's header followed by its notes' ids,
 * in the order given. Rows hold ids, not notes, so editing a note's text leaves them as they are;
 * a row reads its note from the board state only while it is rendered.
 */
export function outlineRows(zoneIds: Readonly<Record<Zone, readonly string[]>>): OutlineRow[] {
  const rows: OutlineRow[] = [];
  for (const zone of ZONES) {
    const ids = zoneIds[zone];
    rows.push({ kind: 'zone', key: zoneRowKey(zone), zone, count: ids.length });
    ids.forEach((id, index) => rows.push({ kind: 'note', key: id, zone, position: index + 1, setSize: ids.length }));
  }
  return rows;
}

/** Row key → index, to scroll a row into view by key. */
export function rowIndexByKey(rows: readonly OutlineRow[]): Map<string, number> {
  return new Map(rows.map((row, index) => [row.key, index]));
}

/** The index of the next (step 1) or previous (step -1) note row from `index`, or -1 at either end. */
export function nextNoteRow(rows: readonly OutlineRow[], index: number, step: 1 | -1): number {
  for (let at = index + step; at >= 0 && at < rows.length; at += step) {
    if (rows[at]!.kind === 'note') return at;
  }
  return -1;
}
