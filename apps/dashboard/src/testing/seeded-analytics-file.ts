import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { contractDataset, ExpectedMetrics, type AnalyticsDataset } from '@ledgerline/analytics/testing';
import { DuckDbAnalyticsStore, loadRawDataset } from '@ledgerline/duckdb';

export interface SeededAnalyticsFile {
  readonly path: string;
  readonly dataset: AnalyticsDataset;
  /** The independent TypeScript computation of every metric over the same rows. */
  readonly expected: ExpectedMetrics;
  readonly syncedAt: string;
  dispose(): void;
}

/**
 * A fresh analytics DuckDB file holding the analytics contract dataset in the RAW tables and
 * the serving layer built from them, as `analytics sync` leaves it (the analytics tests' own
 * loader and ground truth).
 */
export async function seedAnalyticsFile(options: { customers?: number; months?: number } = {}): Promise<SeededAnalyticsFile> {
  const dir = mkdtempSync(join(tmpdir(), 'dashboard-'));
  const path = join(dir, 'analytics.duckdb');
  const dataset = contractDataset({ customers: options.customers ?? 12, months: options.months ?? 4, startMonth: '2026-01' });
  const syncedAt = '2026-05-02T06:00:00.000Z';
  await loadRawDataset(path, dataset, { syncedAt });
  await DuckDbAnalyticsStore.refreshServing(path, { full: true });
  return { path, dataset, expected: new ExpectedMetrics(dataset), syncedAt, dispose: () => rmSync(dir, { recursive: true, force: true }) };
}
