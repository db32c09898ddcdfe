import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@ledgerline/testing';
import { cliEnv, DAY, flowsCli, historyRows, isoDay, knownFlows, NAMED_FLOWS } from './flows-cli.test-helpers.ts';

// The flows CLI against real PostgreSQL (DATABASE_URL): the main job's own flow definitions on
// pg-boss, each command a fresh container as a user's process would build it (cliEnv: dbt off,
// synthetic market sources).
describe('nx run pipeline:serve -- flows … on PostgreSQL', () => {
  let db: TestDatabase;
  let dataDir: string;
  let env: Record<string, string>;
  beforeAll(async () => {
    db = await createTestDatabase('flows_cli');
    dataDir = mkdtempSync(join(tmpdir(), 'ledgerline-flows-cli-'));
    env = cliEnv({ DATABASE_URL: db.url, DATA_DIR: dataDir });
  }, 120_000);
  afterAll(async () => {
    await db?.drop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('--help exits 0; list names every flow with its schedule; bad arguments and an unknown flow exit 2', async () => {
    const help = await flowsCli(['--help'], env);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/flows backfill <name> --from YYYY-MM-DD --to YYYY-MM-DD/);
    const list = await flowsCli(['list'], env);
    expect(list.code).toBe(0);
    const listed = list.stdout.trim().split('\n').slice(1).map((line) => line.split(/\s{2,}/));
    expect(listed.map(([name]) => name).sort()).toEqual(NAMED_FLOWS);
    expect(listed.find(([name]) => name === 'market-prices')?.slice(1, 4)).toEqual(['cron 20 0 * * * UTC', 'daily', '3 (backoff)']);
    expect(listed.find(([name]) => name === 'warehouse-sync')?.slice(1, 3)).toEqual(['every 30 s', '-']);
    const missing = await flowsCli(['backfill', 'market-prices', '--from', '2026-11-01'], env);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/needs --from YYYY-MM-DD and --to YYYY-MM-DD\nusage: nx run pipeline:serve -- flows list/);
    const unknown = await flowsCli(['run', 'warehouse-synk'], env);
    expect(unknown.code).toBe(2);
    expect(knownFlows(unknown.stderr, 'warehouse-synk')).toEqual(NAMED_FLOWS);
  }, 120_000);

  it('a manual trigger runs the flow once; history shows it with start, end, duration, outcome and rows', async () => {
    const run = await flowsCli(['run', 'market-prices'], env);
    expect(run.stderr).not.toMatch(/error/);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/queued run [0-9a-f-]{36} of market-prices/);
    const history = await flowsCli(['history', 'market-prices'], env);
    expect(history.code).toBe(0);
    expect(history.stdout.split('\n')[0]).toMatch(/^flow\s+run\s+state\s+attempts\s+day\s+started \(UTC\)\s+finished \(UTC\)\s+duration\s+rows\s+error$/);
    const rows = historyRows(history.stdout);
    expect(rows).toHaveLength(1);
    expect(rows[0]?.line).toMatch(/^market-prices\s+[0-9a-f]{8}\s+succeeded\s+1\s+-\s+\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\s+\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\s+(?:[\d.]+ s|\d+m\d{2}s)\s+[1-9]\d*\s*$/);
  }, 300_000);

  it('a backfill queues one run per day, and a second backfill of the same days creates none', async () => {
    const from = isoDay(Date.now() - 4 * DAY);
    const to = isoDay(Date.now() - 3 * DAY);
    const first = await flowsCli(['backfill', 'market-prices', '--from', from, '--to', to], env);
    expect(first.code).toBe(0);
    expect(first.stdout).toContain(`backfill market-prices ${from}..${to}: queued 2 run(s), 0 day(s) already had one`);
    const again = await flowsCli(['backfill', 'market-prices', '--from', from, '--to', to], env);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('queued 0 run(s), 2 day(s) already had one');
    const rows = historyRows((await flowsCli(['history', 'market-prices', '--limit', '10'], env)).stdout);
    expect(rows.map((r) => `${r.day}:${r.state}`).sort()).toEqual(['-:succeeded', `${from}:succeeded`, `${to}:succeeded`]);
    const refused = await flowsCli(['backfill', 'warehouse-sync', '--from', from, '--to', to], env);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/'warehouse-sync' is not backfillable/);
  }, 300_000);

  it('a failing flow ends failed with its error once its retry has run out (exit 1)', async () => {
    // The warehouse file is a directory: DuckDB cannot open it, on every attempt.
    const broken = mkdtempSync(join(tmpdir(), 'ledgerline-flows-cli-broken-'));
    mkdirSync(join(broken, 'warehouse.duckdb'));
    try {
      const run = await flowsCli(['run', 'landing-load'], { ...env, DATA_DIR: broken });
      expect(run.code).toBe(1);
      const [row] = historyRows(run.stdout);
      expect(row).toMatchObject({ flow: 'landing-load', state: 'failed', attempts: '2' });
      expect(run.stderr).toMatch(/error: run [0-9a-f-]{36} of landing-load failed after 2 attempt\(s\): .*warehouse\.duckdb/);
      const history = await flowsCli(['history', 'landing-load'], { ...env, DATA_DIR: broken });
      expect(historyRows(history.stdout)[0]?.line).toMatch(/landing-load .*failed\s+2 .*warehouse\.duckdb/);
    } finally {
      rmSync(broken, { recursive: true, force: true });
    }
  }, 300_000);
});
