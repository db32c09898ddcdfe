import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '@ledgerline/testing';
import { instantQuery, panelQueries } from './promql.ts';
import { STACK_JOBS, startScrapedStack, type ScrapedStack, type StackJob } from './scraped-stack.ts';

// Per scrape job, series that must be there (with a value > 0 where the expression says so): the
// proof that each process exports what its alerts and panels read.
const KEY_SERIES: Record<StackJob, string[]> = {
  // dbt is off in this stack (DBT_ENABLED=false: a build takes minutes here): its families are exported, at zero.
  pipeline: ['ledgerline_events_landed_total{job="pipeline"} > 0', 'ledgerline_sync_duration_seconds_count{job="pipeline"} >= 2', 'ledgerline_dbt_duration_seconds_count{job="pipeline"}'],
  producer: ['ledgerline_events_produced_total{job="producer"} > 0'],
  'stream-sink': ['ledgerline_events_landed_total{job="stream-sink"} > 0', 'ledgerline_events_dlq_total{job="stream-sink"} > 0', 'ledgerline_consumer_lag{job="stream-sink"}'],
  'warehouse-sync': [
    'ledgerline_sync_last_success_timestamp_seconds{job="warehouse-sync"} > 0',
    'ledgerline_sync_rows_total{job="warehouse-sync",table="transactions"} > 0',
    'ledgerline_sync_interval_seconds{job="warehouse-sync"} == 2',
    'ledgerline_job_runs_total{job="warehouse-sync",job_name="warehouse-sync",status="ok"} > 0',
    'ledgerline_dbt_duration_seconds_count{job="warehouse-sync"}',
  ],
  cdc: ['ledgerline_cdc_events_published_total{job="cdc"} > 0', 'ledgerline_cdc_slot_lag_bytes{job="cdc"}', 'ledgerline_cdc_slot_retained_bytes{job="cdc"} > 0'],
  'cdc-landing': ['ledgerline_cdc_landed_rows_total{job="cdc-landing"} > 0', 'ledgerline_cdc_landed_files_total{job="cdc-landing",reason="time"} > 0'],
  'cdc-load': ['ledgerline_cdc_loaded_rows_total{job="cdc-load"} > 0', 'ledgerline_cdc_loaded_objects_total{job="cdc-load",outcome="loaded"} > 0'],
};

// Every process, the main job and each process that runs on its own, scraped by real Prometheus;
// then the Grafana dashboard's queries and the rules run against what it scraped.
describe('Prometheus scraping every Ledgerline process', () => {
  const queries = panelQueries(join(repoRoot(), 'docker', 'grafana', 'dashboards', 'ledgerline-pipeline.json'));
  const work = mkdtempSync(join(tmpdir(), 'observability-'));
  let stack: ScrapedStack;
  const query = (expr: string) => instantQuery(stack.prometheus.url, expr);
  const missing = async (exprs: string[]) => {
    const absent: string[] = [];
    for (const expr of exprs) if ((await query(expr).catch(() => [])).length === 0) absent.push(expr);
    return absent;
  };

  beforeAll(async () => {
    stack = await startScrapedStack(work);
    const wanted = Object.values(KEY_SERIES).flat();
    const deadline = Date.now() + 180_000;
    let absent = wanted;
    while (Date.now() < deadline) {
      const exited = stack.exited();
      if (exited.length > 0) throw new Error(`${exited.join(', ')} exited early:\n${stack.describe()}`);
      absent = await missing([...STACK_JOBS.map((job) => `up{job="${job}"} == 1`), ...wanted, 'ledgerline:events_landed:rate1m{job="pipeline"} > 0']);
      if (absent.length === 0) return;
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
    throw new Error(`timed out waiting for:\n${absent.join('\n')}\n${stack.describe()}`);
  }, 360_000);

  afterAll(async () => {
    await stack?.stop();
    rmSync(work, { recursive: true, force: true });
  }, 90_000);

  it('scrapes each process: its target is up and its key series exist', async () => {
    expect(await missing(STACK_JOBS.map((job) => `up{job="${job}"} == 1`))).toEqual([]);
    expect(await missing(Object.values(KEY_SERIES).flat())).toEqual([]);
    // Every process feeds the memory and event-loop panels.
    const memory = await query('ledgerline_process_process_resident_memory_bytes > 0');
    const loopLag = await query('ledgerline_process_nodejs_eventloop_lag_p99_seconds');
    expect(new Set(memory.map((s) => s.metric.job))).toEqual(new Set(STACK_JOBS));
    expect(new Set(loopLag.map((s) => s.metric.job))).toEqual(new Set(STACK_JOBS));
  });

  it('has a panel for every signal the issue names', () => {
    const titles = new Set(queries.map((q) => q.panel));
    for (const words of [/produced vs landed/, /lag/i, /dead-letter/i, /sync duration/i, /sync cycles by outcome/, /dbt builds by outcome/, /dbt build duration/, /flow runs/i, /slot lag/i, /memory/i, /event-loop/i]) {
      expect([...titles].some((t) => words.test(t)), String(words)).toBe(true);
    }
  });

  it('every panel query returns data, with no exception', async () => {
    const empty: string[] = [];
    for (const q of queries) if ((await query(q.expr)).length === 0) empty.push(`${q.panel} [${q.refId}]: ${q.expr}`);
    expect(empty).toEqual([]);
    // The panels the issue names return series of the processes that export them.
    const slotLag = await query('max by (slot) (ledgerline_cdc_slot_lag_bytes)');
    expect(slotLag.map((s) => s.metric.slot)).toEqual([stack.slot]);
    const flowRuns = await query('sum by (job_name, status) (increase(ledgerline_job_runs_total[1h]))');
    expect(flowRuns.map((s) => `${s.metric.job_name}/${s.metric.status}`)).toEqual(expect.arrayContaining(['warehouse-sync/ok']));
    // Sync cycles by outcome: the main job's flow and the warehouse-sync service, each with its ok cycles.
    const cycles = await query('sum by (job, status) (increase(ledgerline_job_runs_total{job_name="warehouse-sync"}[1h])) > 0');
    expect(cycles.map((s) => `${s.metric.job}/${s.metric.status}`).sort()).toEqual(expect.arrayContaining(['pipeline/ok', 'warehouse-sync/ok']));
  });

  it('shows the streams moving: produced and landed rates above zero, no dead letters in the main job', async () => {
    for (const job of ['pipeline', 'stream-sink']) expect(Number((await query(`ledgerline:events_landed:rate1m{job="${job}"}`))[0]?.value[1])).toBeGreaterThan(0);
    for (const job of ['pipeline', 'producer']) expect(Number((await query(`ledgerline:events_produced:rate1m{job="${job}"}`))[0]?.value[1])).toBeGreaterThan(0);
    expect(Number((await query('ledgerline:events_dlq:increase5m{job="pipeline"}'))[0]?.value[1])).toBe(0);
  });

  it('loads every rule, evaluates it without error, and fires the DLQ alert for the poison events only', async () => {
    const response = await fetch(`${stack.prometheus.url}/api/v1/rules`);
    const body = (await response.json()) as { data: { groups: Array<{ rules: Array<{ name: string; health: string; lastError?: string }> }> } };
    const rules = body.data.groups.flatMap((g) => g.rules);
    expect(rules.map((r) => r.name)).toEqual(
      expect.arrayContaining([
        'LedgerlineConsumerLagGrowing',
        'LedgerlineDeadLetters',
        'LedgerlineNothingLanded',
        'LedgerlineSyncStale',
        'LedgerlineReplicationSlotLag',
        'LedgerlineFlowFailed',
      ]),
    );
    expect(rules.filter((r) => r.health === 'err').map((r) => `${r.name}: ${r.lastError}`)).toEqual([]);
    // Prometheus outlives a test run: series of an earlier run's processes (other instances) may
    // still be inside a rule's 5-minute window.
    const firing = (await query('ALERTS{alertstate="firing"}')).filter((a) => a.metric.instance === undefined || stack.instances.has(a.metric.instance));
    expect(firing.map((a) => `${a.metric.alertname}/${a.metric.job}`)).toEqual(['LedgerlineDeadLetters/stream-sink']);
  });
});
