import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createProcessDbtRunner } from '@ledgerline/dbt';
import { DuckDbMarketRawStore } from '@ledgerline/duckdb';
import { silentLogger } from '@ledgerline/logging';
import { backfillMarketData, createSyntheticSources } from '@ledgerline/market-data';
import { readOnlyRows } from './read-only-rows.ts';

const REPO_ROOT = resolve(fileURLToPath(import.meta.url), '../../../../..');

export interface SeededMarketFile {
  readonly path: string;
  readonly symbols: readonly string[];
  /** Rows of a plain SQL query on the file (the tests' independent reads). */
  rows<T = Record<string, unknown>>(sql: string): Promise<T[]>;
  dispose(): void;
}

/**
 * A warehouse DuckDB file as the main job leaves it: the market RAW tables filled by the seeded
 * synthetic sources (daily bars for seven months, hourly bars for the last day, news), then the
 * real `dbt build` of models/market (vault, marts, indicators) over it (`dbt: false`: RAW only,
 * as before the first dbt build).
 */
export async function seedMarketFile(options: { symbols?: readonly string[]; from?: string; to?: string; dbt?: boolean } = {}): Promise<SeededMarketFile> {
  const dir = mkdtempSync(join(tmpdir(), 'dashboard-market-'));
  const path = join(dir, 'warehouse.duckdb');
  const symbols = options.symbols ?? ['BTC', 'ETH', 'SOL', 'AAPL'];
  const to = `${options.to ?? '2025-01-01'}T00:00:00.000Z`;
  const store = new DuckDbMarketRawStore({ path });
  const sources = createSyntheticSources('ledgerline').map((source) => ({ source, recordSource: `synthetic:${source.id}` }));
  const now = () => new Date(to);
  try {
    await backfillMarketData({ sources, store, now }, { from: `${options.from ?? '2024-06-01'}T00:00:00.000Z`, to, intervals: ['1d'], symbols: [...symbols], news: true });
    await backfillMarketData({ sources, store, now }, { from: new Date(Date.parse(to) - 86_400_000).toISOString(), to, intervals: ['1h'], symbols: [...symbols], news: false });
  } finally {
    await store.close();
  }
  const files = {
    path,
    symbols,
    rows: <T,>(sql: string) => readOnlyRows<T>(path, sql),
    dispose: () => rmSync(dir, { recursive: true, force: true }),
  };
  if (options.dbt === false) return files;
  const dbt = createProcessDbtRunner({
    repoRoot: REPO_ROOT,
    projectDir: join(REPO_ROOT, 'dbt'),
    target: 'duckdb',
    warehouseDuckdbPath: path,
    targetPath: join(dir, 'target'),
    args: ['--select', 'path:models/market', 'market_assets'],
    env: { DBT_LOG_PATH: join(dir, 'logs') },
    logger: silentLogger,
  });
  const summary = await dbt.build();
  if (summary.failures.length > 0) throw new Error(`dbt build of the market models failed: ${JSON.stringify(summary.failures)}`);
  return files;
}
