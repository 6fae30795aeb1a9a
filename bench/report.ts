/** A target a figure is held to: `value` must be below, at most, at least, or exactly `limit`. */
export interface Target {
  op: '<' | '<=' | '>=' | '=';
  limit: number;
}

/** One printed figure. Rows without a target are context (sample sizes, secondary figures). */
export interface Figure {
  section: string;
  name: string;
  value: number;
  unit: string;
  target?: Target;
  note?: string;
}

export function meets(value: number, target: Target): boolean {
  if (!Number.isFinite(value)) return false;
  switch (target.op) {
    case '<':
      return value < target.limit;
    case '<=':
      return value <= target.limit;
    case '>=':
      return value >= target.limit;
    case '=':
      return value === target.limit;
  }
}

function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  const abs = Math.abs(value);
  const digits = abs >= 1000 || Number.isInteger(value) ? 0 : abs >= 100 ? 1 : abs >= 1 ? 2 : 3;
  return value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: 0 });
}

function formatTarget(target: Target | undefined, unit: string): string {
  return target ? `${target.op} ${formatNumber(target.limit)} ${unit}`.trim() : '';
}

/** The figures as a fixed-width table, one block per section. */
export function formatTable(figures: readonly Figure[]): string {
  const header = ['measure', 'value', 'target', 'result', 'notes'];
  const rows = figures.map((figure) => [
    `  ${figure.name}`,
    `${formatNumber(figure.value)} ${figure.unit}`.trim(),
    formatTarget(figure.target, figure.unit),
    figure.target ? (meets(figure.value, figure.target) ? 'PASS' : 'MISS') : '',
    figure.note ?? '',
  ]);
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]!.length)));
  const line = (cells: readonly string[]): string =>
    cells.map((cell, column) => (column === 1 ? cell.padStart(widths[column]!) : cell.padEnd(widths[column]!))).join('  ').trimEnd();
  const out = [line(header), widths.map((width) => '-'.repeat(width)).join('  ')];
  let section = '';
  for (const [index, row] of rows.entries()) {
    const figure = figures[index]!;
    if (figure.section !== section) out.push(`${section ? '\n' : ''}${figure.section}`);
    section = figure.section;
    out.push(line(row));
  }
  return out.join('\n');
}

/** The figures as one JSON line, for machines. */
export function formatJson(figures: readonly Figure[], meta: Record<string, unknown>): string {
  return JSON.stringify({
    ...meta,
    figures: figures.map((figure) => ({
      section: figure.section,
      name: figure.name,
      value: Number.isFinite(figure.value) ? Number(figure.value.toPrecision(6)) : null,
      unit: figure.unit,
      ...(figure.target
        ? { target: `${figure.target.op} ${figure.target.limit}`, pass: meets(figure.value, figure.target) }
        : {}),
    })),
  });
}
