import type { UpsertResult } from '@ledgerline/ingestion';
import { toStoreError } from './constraint-errors.ts';
import { toPgArrayLiteral } from './pg-array-literal.ts';
import type { UpsertSpec } from './upsert-specs.ts';

/** Runs one statement and returns its rows (the store's executors provide this). */
export type RunQuery = (text: string, params: unknown[]) => Promise<unknown[]>;

/**
 * Rows per statement. Measured on 200k transactions (2 cores, PostgreSQL 15): CPU per row is flat
 * from 2k to 10k rows per statement; smaller chunks pay round trips, larger ones only delay the
 * overlap of client and server work (see runUpsert).
 *
 * Why unnest for the upsert: COPY into a staging table + INSERT ... SELECT ON CONFLICT used the same
 * CPU per row (the cost is ON CONFLICT's per-row speculative insertion, not the transport), and
 * unnest is plain SQL that runs identically on PostgreSQL and PGlite; multi-row
 * `VALUES ($1, ...), (...)` was 5-8x slower (parsing tens of thousands of placeholders). Rows that
 * are all new skip ON CONFLICT altogether: copy-fast-path.ts COPYs them straight into the table.
 */
export const DEFAULT_CHUNK_SIZE = 5_000;

/** `update`: replace a stored payload that differs; `keep`: never touch a stored row (see the port). */
export type ConflictMode = 'update' | 'keep';

const sqlCache = new WeakMap<object, Map<ConflictMode, string>>();

/**
 * One statement upserting a whole chunk: every column travels as one array parameter and
 * `unnest` turns them back into rows (no COPY, no per-row placeholders; works unchanged on
 * PostgreSQL and PGlite). Rows are inserted in the order given (WITH ORDINALITY + ORDER BY), which
 * the caller sorts by key so that concurrent writers lock rows in the same order and cannot
 * deadlock. An existing row is only updated when its payload (provenance aside) IS DISTINCT FROM the new one, and
 * `xmax = 0` tells freshly inserted rows from updated ones; rows neither inserted nor updated were
 * unchanged.
 */
export function upsertSql<Row>(spec: UpsertSpec<Row>, mode: ConflictMode = 'update'): string {
  const cache = sqlCache.get(spec) ?? new Map<ConflictMode, string>();
  sqlCache.set(spec, cache);
  const cached = cache.get(mode);
  if (cached) return cached;
  const names = spec.columns.map((c) => `"${c.name}"`);
  const params = spec.columns.map((c, i) => `$${i + 1}::${c.arrayType}[]`);
  const payload = spec.columns.filter((c) => c.name !== spec.key).map((c) => `"${c.name}"`);
  // What decides "changed": the payload without provenance (see UpsertSpec.provenance).
  const content = spec.columns.filter((c) => c.name !== spec.key && !spec.provenance.includes(c.name)).map((c) => `"${c.name}"`);
  // An older version never replaces a newer one (it counts as unchanged); unversioned rows replace as before.
  const version = spec.version ? `"${spec.version}"` : undefined;
  const notOlder = version ? `\n        AND (EXCLUDED.${version} IS NULL OR target.${version} IS NULL OR EXCLUDED.${version} >= target.${version})` : '';
  const stampParam = `coalesce($${spec.columns.length + 1}::timestamptz, now())`;
  const insertColumns = spec.stampsIngestion ? [...names, 'ingested_at', 'updated_at'] : names;
  const selectColumns = spec.stampsIngestion ? [...names, stampParam, stampParam] : names;
  const setColumns = spec.stampsIngestion ? [...payload, 'updated_at'] : payload;
  const onConflict =
    mode === 'keep'
      ? `ON CONFLICT ("${spec.key}") DO NOTHING`
      : `ON CONFLICT ("${spec.key}") DO UPDATE SET ${setColumns.map((c) => `${c} = EXCLUDED.${c}`).join(', ')}
      WHERE (${content.map((c) => `target.${c}`).join(', ')}) IS DISTINCT FROM (${content.map((c) => `EXCLUDED.${c}`).join(', ')})${notOlder}`;
  const sql = `
    WITH input AS (
      SELECT * FROM unnest(${params.join(', ')}) WITH ORDINALITY AS input(${names.join(', ')}, ord)
    ), upserted AS (
      INSERT INTO ${spec.table} AS target (${insertColumns.join(', ')})
      SELECT ${selectColumns.join(', ')} FROM input ORDER BY ord
      ${onConflict}
      RETURNING (xmax = 0) AS inserted
    )
    SELECT count(*) FILTER (WHERE inserted)::int AS inserted, count(*) FILTER (WHERE NOT inserted)::int AS updated FROM upserted`;
  cache.set(mode, sql);
  return sql;
}

/**
 * Splits rows into statements. A key repeated within one call cannot go into one statement
 * (ON CONFLICT may touch a row only once), so the n-th occurrence of each key goes into round n;
 * rounds run in order, which reproduces row-by-row semantics (last one wins, counts add up). Each
 * round is sorted by key (deadlock-free lock order) and cut into chunks.
 */
export function planStatements<Row>(rows: readonly Row[], key: keyof Row, chunkSize: number): Row[][] {
  const rounds: Row[][] = [];
  const seen = new Map<unknown, number>();
  for (const row of rows) {
    const occurrence = seen.get(row[key]) ?? 0;
    seen.set(row[key], occurrence + 1);
    (rounds[occurrence] ??= []).push(row);
  }
  const statements: Row[][] = [];
  for (const round of rounds) {
    round.sort((a, b) => compareKeys(a[key], b[key]));
    statements.push(...chunks(round, chunkSize));
  }
  return statements;
}

/** Whether some key occurs more than once (then upserts need ON CONFLICT rounds). */
export function hasRepeatedKeys<Row>(rows: readonly Row[], key: keyof Row): boolean {
  const keys = new Set<unknown>();
  for (const row of rows) keys.add(row[key]);
  return keys.size !== rows.length;
}

/** Rows cut into chunks of at most `size`, in the order given. */
export function chunks<Row>(rows: readonly Row[], size: number): Row[][] {
  const out: Row[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}

function compareKeys(a: unknown, b: unknown): number {
  const x = String(a);
  const y = String(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** Column-major parameters: one array literal per column, plus the ingestion stamp for transactions. */
export function columnParameters<Row>(spec: UpsertSpec<Row>, rows: readonly Row[], ingestedAt: Date | undefined): unknown[] {
  const params: unknown[] = spec.columns.map((column) => toPgArrayLiteral(rows.map((row) => row[column.name] ?? null)));
  if (spec.stampsIngestion) params.push(ingestedAt ?? null);
  return params;
}

interface CountRow {
  inserted: number;
  updated: number;
}

/**
 * Executes planned statements in order and adds up their counts. The next statement's parameters
 * are built while the current one runs on the server, so client and server work overlap.
 */
export async function runUpsert<Row>(
  run: RunQuery,
  spec: UpsertSpec<Row>,
  statements: Row[][],
  ingestedAt: Date | undefined,
  mode: ConflictMode = 'update',
): Promise<UpsertResult> {
  const total: UpsertResult = { inserted: 0, updated: 0, unchanged: 0 };
  let params = statements.length > 0 ? columnParameters(spec, statements[0]!, ingestedAt) : [];
  for (let i = 0; i < statements.length; i += 1) {
    const rows = statements[i]!;
    const running = run(upsertSql(spec, mode), params);
    if (i + 1 < statements.length) {
      // Let the driver send the statement first (one macrotask), then build the next parameters
      // while the server works. The no-op catch only marks `running` as observed meanwhile; its
      // outcome is still awaited below.
      running.catch(() => undefined);
      await new Promise<void>((resolve) => setImmediate(resolve));
      params = columnParameters(spec, statements[i + 1]!, ingestedAt);
    }
    let counts: CountRow | undefined;
    try {
      [counts] = (await running) as CountRow[];
    } catch (error) {
      throw toStoreError(error, { table: spec.table, keyColumn: spec.key, rows, schema: spec.schema });
    }
    const inserted = counts?.inserted ?? 0;
    const updated = counts?.updated ?? 0;
    total.inserted += inserted;
    total.updated += updated;
    total.unchanged += rows.length - inserted - updated;
  }
  return total;
}
