import { ANALYTICS_STORE } from '@ledgerline/analytics';
import type { CompositionRoot } from '@ledgerline/di';
import { formatCsv } from '../output/format-csv.ts';
import { formatTable } from '../output/format-table.ts';
import type { CommandIo } from './command-io.ts';

export interface QueryArgs {
  readonly sql: string;
  readonly format: 'table' | 'json' | 'csv';
  readonly maxRows: number;
}

/**
 * `analytics query "<SQL>"`: one read-only statement through validateReadOnlySql on the
 * read-only DuckDB file. Says when the result was cut at --max-rows and how fresh the data is
 * (on stderr for --json/--csv, so stdout stays machine-readable). SqlRejectedError and DuckDB
 * errors propagate to main (exit 1 with the reason).
 */
export async function queryCommand(root: CompositionRoot, args: QueryArgs, io: CommandIo): Promise<number> {
  const store = root.resolve(ANALYTICS_STORE);
  const result = await store.runReadOnlySql(args.sql, { maxRows: args.maxRows });
  const asOf = await store.dataAsOf();
  const freshness = `data as of the last sync: ${asOf.last_sync_at ?? 'never synced'}`;
  const limited = `result limited to the first ${result.maxRows} rows (there are more; raise --max-rows or add a LIMIT/aggregate)`;
  if (args.format === 'json') {
    io.out(JSON.stringify({ columns: result.columns, rows: result.rows, truncated: result.truncated, max_rows: result.maxRows, data_as_of: asOf.last_sync_at }, null, 2));
  } else if (args.format === 'csv') {
    io.out(formatCsv(result.columns, result.rows).trimEnd());
  } else {
    io.out(formatTable(result.columns, result.rows));
    io.out(result.truncated ? `(${limited})` : `(${result.rows.length} row${result.rows.length === 1 ? '' : 's'}; ${freshness})`);
    return 0;
  }
  if (result.truncated) io.err(limited);
  io.err(freshness);
  return 0;
}
