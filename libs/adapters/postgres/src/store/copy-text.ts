/**
 * Rows in PostgreSQL's COPY text format: fields separated by tabs, rows ended by newlines, NULL
 * as `\N`, and a backslash, tab, newline or carriage return inside a value escaped with a
 * backslash (https://www.postgresql.org/docs/15/sql-copy.html, "Text Format"). Values are what the
 * unnest path sends as array elements: strings, booleans (`true`/`false`), numbers and Dates
 * (ISO 8601), so both paths store the same thing.
 */
export function copyTextRows<Row>(rows: readonly Row[], columns: ReadonlyArray<keyof Row>, trailing: readonly string[] = []): string {
  const tail = trailing.length > 0 ? `\t${trailing.map(copyTextField).join('\t')}\n` : '\n';
  let text = '';
  for (const row of rows) {
    let line = copyTextField(row[columns[0]!]);
    for (let i = 1; i < columns.length; i += 1) line += `\t${copyTextField(row[columns[i]!])}`;
    text += line + tail;
  }
  return text;
}

const NEEDS_ESCAPE = /[\\\t\n\r]/;
const ESCAPED = /[\\\t\n\r]/g;
const ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

/** One value in COPY text format (exported for its spec). */
export function copyTextField(value: unknown): string {
  if (value === null || value === undefined) return '\\N';
  const text = typeof value === 'string' ? value : value instanceof Date ? value.toISOString() : String(value);
  // Most values need no escaping; testing first keeps the common case allocation-free.
  return NEEDS_ESCAPE.test(text) ? text.replace(ESCAPED, (c) => ESCAPES[c]!) : text;
}
