import { describeMismatch, reconcileDaily } from '@ledgerline/analytics';
import type { CompositionRoot } from '@ledgerline/di';
import { describeError } from '@ledgerline/warehouse-sync';
import { DUCKDB_FINGERPRINTS, POSTGRES_ANALYTICS } from '../container.ts';
import type { CommandIo } from './command-io.ts';

/**
 * `analytics validate`: per-day count, sum(amount) and content hash of Postgres against the
 * analytics DuckDB file; every mismatching day is printed with the rows behind it. Exit 1 on any
 * mismatch, so it can gate a pipeline.
 */
export async function validateCommand(root: CompositionRoot, args: { from?: string; to?: string }, io: CommandIo): Promise<number> {
  let postgres;
  try {
    postgres = await root.resolve(POSTGRES_ANALYTICS)();
  } catch (error) {
    io.err(`Postgres is unreachable (${describeError(error)}): validate needs both stores. \`stats\` and \`query\` still answer from DuckDB.`);
    return 1;
  }
  const duckdb = root.resolve(DUCKDB_FINGERPRINTS);
  const range = { ...(args.from ? { from: args.from } : {}), ...(args.to ? { to: args.to } : {}) };
  const report = await reconcileDaily(postgres, duckdb, { range });
  const scope = args.from || args.to ? ` (${args.from ?? 'start'} .. ${args.to ?? 'end'})` : '';
  io.out(`Compared ${report.daysCompared} days${scope} between ${report.expectedSource} and ${report.actualSource}: ${report.matchingDays} match, ${report.mismatches.length} differ.`);
  for (const mismatch of report.mismatches) io.out(describeMismatch(mismatch));
  if (!report.ok) {
    io.out('Changes made in Postgres after the last sync show up here too: run `analytics sync` and validate again; what remains is a real difference.');
  }
  return report.ok ? 0 : 1;
}
