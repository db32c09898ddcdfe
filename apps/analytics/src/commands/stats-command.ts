import { duckDbFileBytes } from '@ledgerline/duckdb';
import { ANALYTICS_STORE, type DataAsOf } from '@ledgerline/analytics';
import type { CompositionRoot } from '@ledgerline/di';
import { describeError } from '@ledgerline/warehouse-sync';
import { ANALYTICS_LOCATION, OPERATIONAL_STORE } from '../container.ts';
import { formatBytes, withTimeout, type CommandIo } from './command-io.ts';

const POSTGRES_PROBE_MS = 5_000;

/** `analytics stats`: what the analytics file holds and how fresh it is. Reads DuckDB only, plus an optional Postgres probe. */
export async function statsCommand(root: CompositionRoot, args: { offline: boolean }, io: CommandIo): Promise<number> {
  const { path, isWarehouse } = root.resolve(ANALYTICS_LOCATION);
  const store = root.resolve(ANALYTICS_STORE);
  const [stats, asOf, categories] = [await store.stats(), await store.dataAsOf(), await store.spendByCategory({})];
  const row = (label: string, value: string) => io.out(`${label.padEnd(16)} ${value}`);

  row('Analytics file', `${path} (${formatBytes(duckDbFileBytes(path))}${isWarehouse ? ', the DuckDB warehouse itself' : ', analytics copy'})`);
  row('Answering from', asOf.source === 'marts' ? 'dbt marts (marts.fct_transactions)' : 'RAW tables (no dbt marts in this file)');
  row('Last sync', describeSync(asOf));
  const t = stats.transactions;
  row('Transactions', `${t.live} live${t.deleted > 0 ? `, ${t.deleted} deleted (tombstones)` : ''}${t.first_at ? `, ${t.first_at.slice(0, 10)} .. ${t.last_at?.slice(0, 10)}` : ''}`);
  row('Rows per table', stats.relations.map((r) => `${r.relation} ${r.rows}`).join(', ') || 'none');
  row('Top categories', categories.slice(0, 5).map((c) => `${c.category} ${c.spend} (${c.count})`).join(', ') || 'no spend yet');

  if (args.offline) {
    row('Postgres', `not checked (--offline); figures are as of the last sync`);
    return 0;
  }
  try {
    const pg = await withTimeout(root.resolve(OPERATIONAL_STORE)(), POSTGRES_PROBE_MS, 'Postgres');
    const n = await withTimeout(pg.store.countTransactions(), POSTGRES_PROBE_MS, 'Postgres');
    row('Postgres', `reachable: ${n} transactions there, ${t.live} here${n === t.live ? '' : ' (run `analytics sync` to catch up)'}`);
  } catch (error) {
    row('Postgres', `unreachable (${describeError(error)}): the figures above are from DuckDB as of the last sync${asOf.last_sync_at ? ` (${asOf.last_sync_at})` : ''}`);
  }
  return 0;
}

function describeSync(asOf: DataAsOf): string {
  if (!asOf.last_sync_at) return 'never (loaded without a sync)';
  return `${asOf.last_sync_at} (${asOf.tables.map((t) => `${t.table} up to change ${t.max_change_seq ?? '-'}`).join(', ')})`;
}
