import type { JsonValue, RelationColumn } from '@ledgerline/analytics';

/** RFC 4180: quote a field when it holds a comma, quote, CR or LF; double the quotes inside. */
function csvField(value: JsonValue | undefined): string {
  if (value === null || value === undefined) return '';
  const text = typeof value === 'object' ? JSON.stringify(value) : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Header line plus one line per row, CRLF-terminated as RFC 4180 says. NULL is an empty field. */
export function formatCsv(columns: readonly RelationColumn[], rows: ReadonlyArray<Record<string, JsonValue>>): string {
  const lines = [columns.map((c) => csvField(c.name)), ...rows.map((row) => columns.map((c) => csvField(row[c.name])))];
  return lines.map((fields) => `${fields.join(',')}\r\n`).join('');
}
