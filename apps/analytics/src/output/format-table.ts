import type { JsonValue, RelationColumn } from '@ledgerline/analytics';

const MAX_WIDTH = 60;
const NUMERIC_TYPE = /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|UHUGEINT|FLOAT|DOUBLE|DECIMAL)/i;

/** A cell as text: NULL spelled out, objects as JSON, long values cut with an ellipsis. */
export function cellText(value: JsonValue | undefined): string {
  const text = value === null || value === undefined ? 'NULL' : typeof value === 'object' ? JSON.stringify(value) : String(value);
  const oneLine = text.replace(/\s+/g, ' ');
  return oneLine.length > MAX_WIDTH ? `${oneLine.slice(0, MAX_WIDTH - 1)}…` : oneLine;
}

/** A plain-text table: header, rule, rows; numeric columns right-aligned. */
export function formatTable(columns: readonly RelationColumn[], rows: ReadonlyArray<Record<string, JsonValue>>): string {
  const cells = rows.map((row) => columns.map((c) => cellText(row[c.name])));
  const widths = columns.map((c, i) => Math.max(c.name.length, ...cells.map((r) => (r[i] ?? '').length)));
  const numeric = columns.map((c) => NUMERIC_TYPE.test(c.type));
  const line = (values: readonly string[]) =>
    values.map((v, i) => (numeric[i] ? v.padStart(widths[i] ?? 0) : v.padEnd(widths[i] ?? 0))).join(' | ').trimEnd();
  return [line(columns.map((c) => c.name)), widths.map((w) => '-'.repeat(w)).join('-+-'), ...cells.map(line)].join('\n');
}
