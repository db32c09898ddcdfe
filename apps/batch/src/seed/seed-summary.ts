import type { UpsertResult } from '@ledgerline/ingestion';
import type { LoadResult } from './load-dataset.ts';

export interface SeedSummary {
  seed: number;
  start_month: string;
  months: number;
  customers: UpsertResult;
  accounts: UpsertResult;
  transactions: UpsertResult;
  /** Account balances the balance step changed (0: the dataset's closing balances are what its ledger says). */
  balancesChanged: number;
  total: UpsertResult & { rows: number };
  seconds: number;
  rows_per_second: number;
}

export function summarise(
  run: { seed: number; startMonth: string; months: number },
  result: LoadResult,
  seconds: number,
): SeedSummary {
  const parts = [result.customers, result.accounts, result.transactions];
  const sum = (key: keyof UpsertResult) => parts.reduce((n, p) => n + p[key], 0);
  const total = { inserted: sum('inserted'), updated: sum('updated'), unchanged: sum('unchanged') };
  const rows = total.inserted + total.updated + total.unchanged;
  return {
    seed: run.seed,
    start_month: run.startMonth,
    months: run.months,
    ...result,
    total: { rows, ...total },
    seconds: Math.round(seconds * 100) / 100,
    rows_per_second: Math.round(rows / Math.max(seconds, 0.001)),
  };
}

/** The human-readable summary printed on stdout. */
export function formatSummary(s: SeedSummary): string {
  const n = (v: number) => v.toLocaleString('en');
  const line = (name: string, r: UpsertResult) =>
    `  ${name.padEnd(13)} ${n(r.inserted + r.updated + r.unchanged).padStart(10)}   new ${n(r.inserted)}, updated ${n(r.updated)}, unchanged ${n(r.unchanged)}`;
  return [
    `Seeded seed=${s.seed} from ${s.start_month} for ${s.months} month(s):`,
    line('customers', s.customers),
    line('accounts', s.accounts),
    line('transactions', s.transactions),
    line('total', s.total),
    `  ${n(s.total.rows)} rows in ${s.seconds.toFixed(2)} s (${n(s.rows_per_second)} rows/s)`,
  ].join('\n');
}
