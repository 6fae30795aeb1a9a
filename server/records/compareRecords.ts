import { diffRecords, diffToMarkdown, type BoardRecord, type DiffReply, type RecordHeader } from '../../shared/board';
import type { RecordDeps } from './recordDeps';
import { readRecordOrLive } from './readRecord';

/** Two records of a board and what changed from the first to the second. */
export interface RecordComparison {
  readonly from: BoardRecord;
  readonly to: BoardRecord;
}

/**
 * Reads both sides of a comparison: saved record ids, or `live` for the board as it is now. 404 if
 * either record is unknown, 422 if one cannot be read.
 */
export async function compareRecords(deps: RecordDeps, boardId: string, a: string, b: string): Promise<RecordComparison> {
  const from = await readRecordOrLive(deps, boardId, a);
  const to = await readRecordOrLive(deps, boardId, b);
  return { from, to };
}

function header(record: BoardRecord): RecordHeader {
  return { id: record.id, label: record.label, createdAt: record.createdAt };
}

/** The comparison as JSON (`DiffReply` in docs/api.md): the two sides and what changed. */
export function comparisonReply({ from, to }: RecordComparison): DiffReply {
  return { from: header(from), to: header(to), ...diffRecords(from, to) };
}

/** The comparison as Markdown, a section per kind of change, titled with the later record's title. */
export function comparisonMarkdown({ from, to }: RecordComparison): string {
  return diffToMarkdown(diffRecords(from, to), { from: header(from), to: header(to), title: to.title });
}
