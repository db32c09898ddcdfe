import type { SqlParam } from '@ledgerline/analytics';

/**
 * A bind value as a Trino literal. Strings become '...' with every quote doubled - the only escape
 * a Trino string literal has (no backslash escapes, unlike E'' strings elsewhere) - and NUL is
 * refused; numbers must be finite, and integers are written as integers.
 */
export function trinoLiteral(value: SqlParam): string {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new RangeError(`cannot bind ${value} to Trino: not a finite number`);
    return Number.isInteger(value) ? (Number.isSafeInteger(value) ? String(value) : `CAST('${BigInt(value).toString()}' AS DECIMAL(38,0))`) : `CAST('${value}' AS DOUBLE)`;
  }
  if (typeof value !== 'string') throw new TypeError(`cannot bind a ${typeof value} to Trino`);
  if (value.includes('\u0000')) throw new RangeError('cannot bind a string containing NUL to Trino');
  return `'${value.replaceAll("'", "''")}'`;
}

/** A Trino identifier (catalog, schema, table, column), always quoted. */
export function trinoIdentifier(name: string): string {
  if (name.length === 0 || name.includes('\u0000')) throw new RangeError(`invalid identifier ${JSON.stringify(name)}`);
  return `"${name.replaceAll('"', '""')}"`;
}

/**
 * The shared metric SQL writes parameters as `$1, $2, ...` (positional, a value may be used
 * twice); Trino has `?` only, bound by order of appearance. This rewrites each `$n` outside
 * strings, quoted identifiers and comments to `?` and runs the statement as
 * `EXECUTE IMMEDIATE '<sql>' USING <literal>, ...`: the statement text and the values reach
 * Trino's parser separately, and a value can only ever be a literal in the USING list.
 */
export function bindPositional(sql: string, params: readonly SqlParam[]): string {
  if (params.length === 0) return sql;
  const order: number[] = [];
  let out = '';
  let i = 0;
  while (i < sql.length) {
    const c = sql[i] as string;
    const quoted = c === "'" || c === '"' ? skipQuoted(sql, i, c) : c === '-' && sql[i + 1] === '-' ? lineEnd(sql, i) : c === '/' && sql[i + 1] === '*' ? commentEnd(sql, i) : -1;
    if (quoted !== -1) {
      out += sql.slice(i, quoted);
      i = quoted;
      continue;
    }
    const parameter = c === '$' ? /^\$(\d+)/.exec(sql.slice(i)) : null;
    if (parameter) {
      const index = Number(parameter[1]);
      if (index < 1 || index > params.length) throw new RangeError(`$${index} has no value (${params.length} given)`);
      order.push(index - 1);
      out += '?';
      i += parameter[0].length;
      continue;
    }
    out += c;
    i += 1;
  }
  const unused = params.findIndex((_, index) => !order.includes(index));
  if (unused !== -1) throw new RangeError(`$${unused + 1} is given but not used`);
  return `EXECUTE IMMEDIATE ${trinoLiteral(out)} USING ${order.map((index) => trinoLiteral(params[index] as SqlParam)).join(', ')}`;
}

function skipQuoted(sql: string, start: number, quote: string): number {
  let i = start + 1;
  while (i < sql.length) {
    if (sql[i] === quote) {
      if (sql[i + 1] !== quote) return i + 1;
      i += 2;
    } else {
      i += 1;
    }
  }
  throw new SyntaxError(`unterminated ${quote === '"' ? 'identifier' : 'string'} at offset ${start}`);
}

function lineEnd(sql: string, start: number): number {
  const end = sql.indexOf('\n', start);
  return end === -1 ? sql.length : end;
}

// Trino's block comments do not nest: the first */ ends one.
function commentEnd(sql: string, start: number): number {
  const end = sql.indexOf('*/', start + 2);
  if (end === -1) throw new SyntaxError(`unterminated comment at offset ${start}`);
  return end + 2;
}
