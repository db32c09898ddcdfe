import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from '@ledgerline/testing';
import { withDuckDb } from '@ledgerline/duckdb';
import { defineBenchmark } from '../benchmark.ts';
import { runDbt, type DbtWorkspace } from '../../dbt/run-dbt.ts';
import { writeMarketFile } from './market-api.ts';

// dbt build time of the market models (Data Vault hubs/links/satellites, indicators, comparison,
// news marts) at issue #18's size: 50 assets x 3 sources, 5 years daily + 30 days of 1-minute
// bars (RAW written by SQL, as market-api writes it; BENCH_MARKET_ASSETS, BENCH_MARKET_YEARS,
// BENCH_MARKET_MINUTE_DAYS set the size). A full build, then the same build again with nothing new
// (the incremental models' no-op). Reference in the same run: one DuckDB window query computing
// SMA 20 over every series of the same RAW, the floor of what any indicator model costs.
const MARKET_MODELS = ['build', '--select', 'path:models/market', 'market_assets'];
const seconds = (started: number) => (performance.now() - started) / 1000;

export default defineBenchmark({
  name: 'market-dbt',
  description: 'dbt build of the market vault, indicators and marts at 50 assets x 5 years daily + 30 days of 1-minute bars x 3 sources, beside one SMA window query over the same RAW',
  async run({ log }) {
    if (!existsSync(join(repoRoot(), '.venv/bin/dbt'))) throw new Error('dbt is not installed: run `bash tools/services/python-env.sh` first');
    const dir = mkdtempSync(join(tmpdir(), 'bench-market-dbt-'));
    const workspace: DbtWorkspace = { warehousePath: join(dir, 'warehouse.duckdb'), targetPath: join(dir, 'target'), logPath: join(dir, 'logs') };
    try {
      const bars = await writeMarketFile(workspace.warehousePath, log);
      // writeMarketFile also writes marts of dbt's shape for the API benchmark; dbt builds its own.
      const referenceSeconds = await withDuckDb(workspace.warehousePath, async (db) => {
        await db.run('DROP SCHEMA IF EXISTS marts CASCADE');
        const all = ['binance', 'coingecko', 'yahoo'].map((s) => `SELECT source, symbol, bar_interval, open_time, close FROM raw.market_crypto_prices_${s}`).join(' UNION ALL ');
        const started = performance.now();
        await db.run(`CREATE TEMP TABLE sma_reference AS SELECT source, symbol, bar_interval, open_time,
          avg(close::DOUBLE) OVER (PARTITION BY source, symbol, bar_interval ORDER BY open_time ROWS 19 PRECEDING) AS sma_20 FROM (${all})`);
        return seconds(started);
      });
      log(`${bars} bars in RAW; dbt build of the market models`);
      const fullStarted = performance.now();
      const full = await runDbt([...MARKET_MODELS, '--full-refresh'], workspace);
      const fullSeconds = seconds(fullStarted);
      log('the same build again, nothing new');
      const againStarted = performance.now();
      const again = await runDbt(MARKET_MODELS, workspace);
      const againSeconds = seconds(againStarted);
      const failures = [...full.failures, ...again.failures];
      if (failures.length > 0) throw new Error(`dbt reported ${failures.length} problem node(s): ${failures.map((f) => f.uniqueId).join(', ')}`);
      return {
        metrics: [
          { name: 'dbt build, market models, full refresh', value: fullSeconds, unit: 's' },
          { name: 'dbt build, market models, again with nothing new', value: againSeconds, unit: 's' },
          { name: 'reference: one SMA 20 window query over the same RAW (DuckDB, in process)', value: referenceSeconds, unit: 's' },
          { name: 'dbt nodes built and tested (full refresh)', value: full.statuses.size, unit: 'nodes' },
        ],
        notes: [`${bars} bars in RAW (market-api's SQL writer); dbt ${MARKET_MODELS.join(' ')} on the duckdb target, then again; every node passed`],
      };
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
});
