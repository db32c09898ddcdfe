import type { RowColumnKind } from '@ledgerline/transactions';

/** A column as one surface (a migration, a yml, a DDL) states it; kind when the surface has types. */
export interface ColumnFact {
  readonly name: string;
  /** `bigint`/`other` are bookkeeping types no domain field has (change_seq, xid8). */
  readonly kind?: RowColumnKind | 'bigint' | 'other';
  readonly nullable?: boolean;
  readonly maxLength?: number;
}

/**
 * Every way `actual` (one hand-written list) disagrees with `expected` (derived from the zod
 * schema plus the surface's documented extras): a missing column, an extra one, and -- where the
 * surface states them -- a different kind, nullability or text limit. Order is not compared: SQL
 * and yml list columns in whatever order reads best.
 */
export function columnDrift(surface: string, expected: readonly ColumnFact[], actual: readonly ColumnFact[]): string[] {
  const found = new Map(actual.map((c) => [c.name, c]));
  const wanted = new Map(expected.map((c) => [c.name, c]));
  const problems: string[] = [];
  for (const want of expected) {
    const have = found.get(want.name);
    if (!have) {
      problems.push(`${surface}: lacks column ${want.name}`);
      continue;
    }
    if (want.kind && have.kind && want.kind !== have.kind) problems.push(`${surface}: ${want.name} is ${have.kind}, expected ${want.kind}`);
    if (want.nullable !== undefined && have.nullable !== undefined && want.nullable !== have.nullable) {
      problems.push(`${surface}: ${want.name} is ${have.nullable ? 'nullable' : 'NOT NULL'}, expected ${want.nullable ? 'nullable' : 'NOT NULL'}`);
    }
    if (want.maxLength !== undefined && have.maxLength !== undefined && want.maxLength !== have.maxLength) {
      problems.push(`${surface}: ${want.name} holds ${have.maxLength} characters, expected ${want.maxLength}`);
    }
  }
  for (const have of actual) if (!wanted.has(have.name)) problems.push(`${surface}: has column ${have.name}, which the schema does not`);
  return problems;
}

/** Kind of a SQL type name as PostgreSQL, DuckDB, Snowflake, TypeORM or the dbt fixtures spell it. */
export function kindOfSqlType(type: string, numericScale?: number | null): ColumnFact['kind'] {
  const t = type.trim().toLowerCase();
  if (/^(character varying|character|varchar|char|text)\b/.test(t)) return 'string';
  if (/^(timestamp with time zone|timestamptz|timestamp_tz)$/.test(t)) return 'timestamp';
  if (t === 'boolean') return 'boolean';
  if (t === 'bigint' || t === 'number(38,0)') return 'bigint';
  if (/^(numeric|decimal|number)\(15,\s*2\)$/.test(t) || (t === 'numeric' && numericScale === 2)) return 'money';
  if (/^(numeric|decimal|number)\(28,\s*8\)$/.test(t) || (t === 'numeric' && numericScale === 8)) return 'decimal';
  return 'other';
}
