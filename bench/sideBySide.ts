import type { SyncTarget } from './target';
import type { Figure, Target } from './report';

/** Rounds each server runs of every side-by-side scenario; p99 varies up to 3× between identical runs here. */
export const ROUNDS = 3;

export type ByTarget<T> = Record<SyncTarget['name'], T[]>;

/**
 * Runs `round` against Discern, the reference, Discern, the reference…, `ROUNDS` times each, so slow
 * drift in the machine's load falls on both alike. Returns every round's result per server.
 */
export async function alternate<T>(targets: readonly SyncTarget[], round: (target: SyncTarget, index: number) => Promise<T>): Promise<ByTarget<T>> {
  const results: ByTarget<T> = { Discern: [], reference: [] };
  for (let index = 0; index < ROUNDS; index++) {
    for (const target of targets) results[target.name].push(await round(target, index));
  }
  return results;
}

export type Better = 'lower' | 'higher';

function best(values: readonly number[], better: Better): number {
  const finite = values.filter(Number.isFinite);
  if (finite.length === 0) return Number.NaN;
  return better === 'lower' ? Math.min(...finite) : Math.max(...finite);
}

function rounds(values: readonly number[]): string {
  return values.map((value) => (Math.abs(value) >= 100 ? value.toFixed(0) : value.toFixed(2))).join(' / ');
}

export interface Comparison {
  section: string;
  name: string;
  unit: string;
  better: Better;
  /** Absolute target for Discern's best round, if any. */
  target?: Target;
  /** Target for Discern's best over the reference's best. */
  ratioTarget?: Target;
  note?: string;
}

/** Three rows: Discern's best round, the reference's best round, and their ratio. */
export function compare(results: ByTarget<number>, spec: Comparison): Figure[] {
  const discern = best(results.Discern, spec.better);
  const reference = best(results.reference, spec.better);
  return [
    {
      section: spec.section,
      name: `${spec.name}: Discern`,
      value: discern,
      unit: spec.unit,
      ...(spec.target ? { target: spec.target } : {}),
      note: `best of ${results.Discern.length} (${rounds(results.Discern)})${spec.note ? `; ${spec.note}` : ''}`,
    },
    {
      section: spec.section,
      name: `${spec.name}: reference`,
      value: reference,
      unit: spec.unit,
      note: `best of ${results.reference.length} (${rounds(results.reference)})`,
    },
    {
      section: spec.section,
      name: `${spec.name}: Discern ÷ reference`,
      value: discern / reference,
      unit: '×',
      ...(spec.ratioTarget ? { target: spec.ratioTarget } : {}),
      note: spec.better === 'lower' ? 'below 1: Discern faster' : 'above 1: Discern more',
    },
  ];
}

/** One field of every round's result, per server. */
export function pick<T>(results: ByTarget<T>, field: (result: T) => number): ByTarget<number> {
  return { Discern: results.Discern.map(field), reference: results.reference.map(field) };
}
