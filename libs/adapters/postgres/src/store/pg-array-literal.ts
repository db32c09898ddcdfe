/**
 * Serialises one column of a bulk upsert as a PostgreSQL array literal (`{"a","b",NULL}`), the
 * text form `$n::text[]` parses. The pg driver would do the same element by element in JS, which
 * was the largest client-side cost of the bulk upsert; here V8's native JSON.stringify does the
 * work: a JSON array of strings, booleans and nulls is a valid array literal once its brackets are
 * swapped for braces -- both formats quote strings with `"` and escape `"` and `\` with a
 * backslash, and PostgreSQL reads an unquoted `null` as NULL. JSON's other escapes (`\n`,
 * `\u0001`, ...) mean something else to PostgreSQL, so a column containing any falls back to
 * element-wise quoting (also used for values of other types).
 */
export function toPgArrayLiteral(values: readonly unknown[]): string {
  if (values.every(isJsonSafe)) {
    const json = JSON.stringify(values);
    if (!OTHER_JSON_ESCAPE.test(json)) return `{${json.slice(1, -1)}}`;
  }
  return `{${values.map(quoteElement).join(',')}}`;
}

/** A backslash escape other than \" and \\ (conservative: `\\n` also matches and just takes the slow path). */
const OTHER_JSON_ESCAPE = /\\[^"\\]/;

function isJsonSafe(value: unknown): boolean {
  return value === null || typeof value === 'string' || typeof value === 'boolean';
}

function quoteElement(value: unknown): string {
  if (value === null || value === undefined) return 'NULL';
  const text = value instanceof Date ? value.toISOString() : String(value);
  return `"${text.replace(/[\\"]/g, '\\$&')}"`;
}
