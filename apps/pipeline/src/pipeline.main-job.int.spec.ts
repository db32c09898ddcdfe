import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { probeDuckDb } from '@ledgerline/duckdb/testing';
import { createPostgresStore } from '@ledgerline/postgres';
import { repoRoot } from '@ledgerline/testing';
import { probeHostedDashboard, type DashboardProbe } from './test-support/dashboard-probe.ts';
import { runMainJob } from './test-support/main-job-process.ts';
import { probeStore } from '@ledgerline/postgres/testing';

interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs an app's main.ts (through tsx) to completion, capturing its output. */
function runApp(app: string, args: string[], env: Record<string, string>): Promise<RunResult> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', resolve(repoRoot(), `apps/${app}/src/main.ts`), ...args], {
      cwd: repoRoot(),
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolvePromise({ code, stdout, stderr }));
  });
}

async function count(path: string, sql: string): Promise<number> {
  return Number((await probeDuckDb(path).scalar(sql)) ?? 0);
}

// The main job on embedded defaults in a clean data directory: PGlite, in-process bus, DuckDB
// warehouse, dbt. Stopped by Ctrl-C; on stop it drains, syncs and builds once more.
describe('main job: nx run pipeline:serve on embedded defaults', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'ledgerline-main-job-'));
  // The market stage has its own test (stages/market-stage.int.spec.ts); in an 8 s run on a loaded
  // machine its start-up backfill competes with the statements for the one PGlite connection and the CPU.
  const env = { DATA_DIR: dataDir, SYNC_INTERVAL_SECONDS: '4', METRICS_PORT: '0', LOG_LEVEL: 'info', DATABASE_URL: '', KAFKA_BROKERS: '', CHROMA_URL: '', GOOGLE_API_KEY: '', PIPELINE_MARKET_ENABLED: 'false', DASHBOARD_PORT: '0' };
  let run: RunResult;
  let dashboard: DashboardProbe | Error = new Error('not probed');
  let startedAt = 0;
  let finishedAt = 0;

  beforeAll(async () => {
    startedAt = Date.now();
    // Stopped (Ctrl-C) once the stream has caught up with now and statements were ingested, not
    // after a fixed time: on a loaded machine start-up alone can take most of a short --duration.
    run = await runMainJob({
      args: ['--duration', '300', '--rate', '1000', '--customers', '12', '--status-every', '2'],
      env,
      // Before the stop, the dashboard it serves is read over HTTP once a sync has run.
      signal: {
        name: 'SIGINT',
        when: /stream at now.*files ingested [1-9]/,
        first: async (stdout) => {
          dashboard = await probeHostedDashboard(stdout).catch((error: unknown) => (error instanceof Error ? error : new Error(String(error))));
        },
      },
    });
    finishedAt = Date.now();
    // --duration is only the backstop: at load ~13 the start-up took longer than 150 s, the job
    // began its own stop before the signal, and the dashboard probe met "the main job is stopping".
  }, 480_000);
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('starts with the adapter banner and stops cleanly with exit 0', () => {
    expect(run.stderr).not.toMatch(/pipeline failed/);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/TransactionStore\s+PGlite/);
    expect(run.stdout).toMatch(/EventPublisher\s+in-process bus \(log in the operational store\)/);
    // PGlite has no logical replication: the banner names the CDC source in use (issue #17).
    expect(run.stdout).toMatch(/ChangeSource\s+trigger change log ledgerline_cdc_log on PGlite/);
    expect(run.stdout).toMatch(/events produced \d+ landed \d+/);
    expect(run.stdout).toMatch(/stopped: (\d+) events produced, \1 landed, 0 dead-lettered/);
  });

  // Issue #25 point 4: `npm start` serves the dashboard itself (PGlite has one connection, so the
  // dashboard reads through the job's own stores) and prints its URL once it listens.
  it('serves the dashboard at the URL its banner prints, with the synced data and the pipeline health', () => {
    if (dashboard instanceof Error) throw dashboard;
    expect(run.stdout).toContain(`  dashboard          ${dashboard.url}  (open it in a browser`);
    expect(dashboard.page).toEqual({ status: 200, title: true });
    expect((dashboard.filters.customers as unknown[]).length).toBe(12);
    // The first sync may come while the history is still catching up to now: a day of it, never ahead.
    const lastDay = String(dashboard.filters.last_day);
    expect(lastDay <= new Date(finishedAt).toISOString().slice(0, 10)).toBe(true);
    expect(lastDay >= new Date(startedAt - 62 * 86_400_000).toISOString().slice(0, 10)).toBe(true);
    expect((dashboard.kpis as { count: number }).count).toBeGreaterThan(0);
    expect((dashboard.spendByCategory.series as unknown[]).length).toBeGreaterThan(0);
    // Embedded mode: runs and DLQ from the main job itself, no longer "unknown".
    const pipeline = dashboard.health.pipeline as { state: string; dlq_count: unknown; jobs: Array<{ job: string; status: string }> };
    expect(pipeline.state).toBe('known');
    expect(pipeline.dlq_count).toBe(0);
    expect(pipeline.jobs).toContainEqual(expect.objectContaining({ job: 'warehouse-sync', status: 'succeeded' }));
    expect(dashboard.health.last_sync_at).not.toBeNull();
    // Issue #24: the flows page's history and "run now" on the embedded store (pg-boss on PGlite).
    const flows = new Map(dashboard.flows.map((f) => [f.name, f.runs]));
    expect([...flows.keys()]).toEqual(expect.arrayContaining(['batch-statements', 'batch-ingest', 'warehouse-sync', 'landing-load', 'landing-reconcile']));
    expect(flows.get('batch-statements')).toContainEqual(expect.objectContaining({ state: 'succeeded', attempts: 1 }));
    expect(flows.get('warehouse-sync')).toContainEqual(expect.objectContaining({ state: 'succeeded' }));
    expect(dashboard.runNow.status).toBe(202);
    const queued = (dashboard.runNow.body.data ?? {}) as { outcome?: string; run_id?: string };
    expect(queued.outcome).toBe('queued');
    expect(dashboard.runNow.listed.map((r) => r.id)).toContain(queued.run_id);
  });

  it('landed every produced event in Postgres and moved it all to the warehouse and the marts', async () => {
    const produced = Number(/stopped: (\d+) events produced/.exec(run.stdout)?.[1] ?? -1);
    expect(produced).toBeGreaterThan(100);
    const store = await createPostgresStore({ pgliteDir: join(dataDir, 'pglite') });
    let postgresRows: number;
    let runs: string[];
    try {
      postgresRows = await store.countTransactions();
      const history = await probeStore(store).query<{ job: string; status: string }>('SELECT job, status FROM pipeline_runs ORDER BY run_id');
      runs = history.rows.map((r) => `${r.job}:${r.status}`);
      // Every balance is its opening plus its rows, trades included: recomputing changes none.
      const { rows: accounts } = await probeStore(store).query<{ account_id: string }>('SELECT account_id FROM accounts');
      expect(await store.recomputeBalances(accounts.map((a) => a.account_id))).toBe(0);
    } finally {
      await store.close();
    }
    // Statements of the stream's first month share its tx_ids: they add only what the stream
    // has not delivered yet, never a duplicate.
    expect(postgresRows).toBeGreaterThanOrEqual(produced);
    expect(runs.length).toBeGreaterThanOrEqual(1);
    expect(runs.every((r) => r.endsWith(':succeeded'))).toBe(true);
    expect(runs).toContain('warehouse-sync:succeeded');
    expect(runs).toContain('batch-ingest:succeeded');

    const warehouse = join(dataDir, 'warehouse.duckdb');
    expect(await count(warehouse, 'SELECT count(*) FROM raw.transactions WHERE NOT _deleted')).toBe(postgresRows);
    expect(await count(warehouse, 'SELECT count(*) FROM marts.fct_transactions')).toBe(postgresRows);
    expect(await count(warehouse, 'SELECT count(*) FROM marts.mart_monthly_spend')).toBeGreaterThan(0);
    // Issue #18: customers traded (the stream and its statements, on the market of MARKET_SEED);
    // the trades reached the fact, are neither spend nor income there, and are measured as invested.
    const trades = await count(warehouse, "SELECT count(*) FROM marts.fct_transactions WHERE txn_type = 'TRADE' AND asset_symbol IS NOT NULL AND quantity > 0");
    expect(trades).toBeGreaterThan(0);
    expect(trades).toBe(await count(warehouse, "SELECT count(*) FROM raw.transactions WHERE NOT _deleted AND txn_type = 'TRADE'"));
    expect(await count(warehouse, "SELECT count(*) FROM marts.fct_transactions WHERE txn_type = 'TRADE' AND (is_spend OR is_income)")).toBe(0);
    expect(await count(warehouse, 'SELECT coalesce(sum(trade_tx_count), 0) FROM marts.mart_cashflow')).toBe(trades);
  });

  // Issue #17: the whole CDC pipeline runs inside the main job (trigger log -> bus -> landing
  // directory -> raw.cdc_*). Every transaction row was inserted after the snapshot or read by it,
  // so folded by key the change log holds each stored transaction once.
  it('landed the CDC change log in the warehouse: folded by key it is the transactions table', async () => {
    const warehouse = join(dataDir, 'warehouse.duckdb');
    const landed = readdirSync(join(dataDir, 'landing', 'cdc', 'public.transactions'), { recursive: true }).filter((f) => String(f).endsWith('.parquet'));
    expect(landed.length).toBeGreaterThan(0);
    expect(await count(warehouse, 'SELECT count(*) FROM raw._cdc_manifest')).toBeGreaterThanOrEqual(landed.length);
    const folded = await count(
      warehouse,
      `SELECT count(*) FROM (SELECT op FROM raw.cdc_public_transactions QUALIFY row_number() OVER (PARTITION BY key_json ORDER BY kafka_offset DESC) = 1) WHERE op <> 'd'`,
    );
    expect(folded).toBe(await count(warehouse, 'SELECT count(*) FROM raw.transactions WHERE NOT _deleted'));
  });

  it('refreshed the vector index, and the agent answers a question about the data it produced', async () => {
    expect(await count(join(dataDir, 'vectors.duckdb'), 'SELECT count(*) FROM information_schema.tables')).toBeGreaterThan(0);
    const warehouse = join(dataDir, 'warehouse.duckdb');
    const expected = await count(
      warehouse,
      `SELECT count(*) FROM raw.transactions WHERE NOT _deleted AND txn_type NOT IN ('TRANSFER', 'TRADE') AND status NOT IN ('REVERSED','DECLINED')
         AND occurred_at >= TIMESTAMPTZ '2000-01-01'`,
    );
    const answer = await runApp('agent', ['ask', 'How many transactions were there since January 2000?', '--json'], env);
    expect(answer.code).toBe(0);
    const parsed = JSON.parse(answer.stdout) as { answer: string };
    expect(parsed.answer).toContain(String(expected));
  });

  // Issue #25 point 5: a four-minute run on 2026-12-06 produced transactions dated up to
  // 2027-01-11. On the default (wall) clock the history ends at now and nothing lies ahead of it.
  it('dates no transaction in the future and ends the history near now (wall clock by default)', async () => {
    expect(run.stdout).toMatch(/clock\s+wall clock: history up to now/);
    const store = await createPostgresStore({ pgliteDir: join(dataDir, 'pglite') });
    let range: { first: Date; latest: Date };
    try {
      range = (await probeStore(store).query<{ first: Date; latest: Date }>('SELECT min(occurred_at) AS first, max(occurred_at) AS latest FROM transactions')).rows[0]!;
    } finally {
      await store.close();
    }
    const latest = new Date(range.latest).getTime();
    expect(latest).toBeLessThanOrEqual(finishedAt + 1_000);
    // 12 customers make a transaction every hour or so: the last one is within a day of now.
    expect(latest).toBeGreaterThan(startedAt - 86_400_000);
    expect(new Date(range.first).getTime()).toBeLessThan(startedAt - 28 * 86_400_000);
  });

  it('generated statements and ingested each file exactly once', () => {
    const processed = readdirSync(join(dataDir, 'processed'));
    expect(processed.filter((f) => f.endsWith('.csv')).length).toBeGreaterThan(0);
    expect(processed.filter((f) => f.endsWith('.pdf')).length).toBeGreaterThan(0);
    expect(readdirSync(join(dataDir, 'quarantine'))).toEqual([]);
    // A stop aborts the running scan between files (never inside one): on a loaded machine some
    // generated files may still wait in incoming for the next run. None may be lost or half-loaded.
    const waiting = readdirSync(join(dataDir, 'incoming')).filter((f) => !f.startsWith('.'));
    const generated = Number(/statements generated .*files=(\d+)/.exec(run.stderr)?.[1] ?? -1);
    expect(processed.length + waiting.length).toBe(generated);
    const ingested = Number(/files ingested (\d+)/.exec(run.stdout.trim().split('\n').filter((l) => l.includes('files ingested')).at(-1) ?? '')?.[1] ?? -1);
    expect(ingested).toBe(processed.length);
  });

  it('shows the run history with `status`', async () => {
    const status = await runApp('pipeline', ['status'], env);
    expect(status.code).toBe(0);
    expect(status.stdout).toMatch(/^warehouse-sync\s+\d{4}-\d{2}-\d{2} .* ok/m);
  });
});
