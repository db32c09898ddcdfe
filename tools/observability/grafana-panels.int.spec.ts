import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addScrapeTarget, repoRoot, startNodeProcess, startPrometheus, uniqueName, type NodeProcess, type PrometheusEndpoint, type ScrapeTarget } from '@ledgerline/testing';
import { bundleApp } from '../build/bundle-app.ts';
import { instantQuery, panelQueries } from './promql.ts';

// Panels whose metrics come from a process this test does not run; each says which.
const NOT_SCRAPED_HERE: Record<string, string> = {
  'Replication slot lag (CDC)': 'exported by the CDC process (apps/cdc), not by the main job',
};

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });

async function waitFor(what: string, check: () => Promise<boolean>, timeoutMs: number, pipeline: NodeProcess): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let exited = false;
  void pipeline.exited.then(() => (exited = true));
  while (Date.now() < deadline && !exited) {
    if (await check().catch(() => false)) return;
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
  throw new Error(`${exited ? 'the pipeline exited' : 'timed out'} waiting for ${what}; pipeline output:\n${pipeline.output.slice(-30).join('\n')}`);
}

// The Grafana dashboard's queries, run against real Prometheus scraping a real main job.
describe('Grafana dashboard docker/grafana/dashboards/ledgerline-pipeline.json', () => {
  const queries = panelQueries(join(repoRoot(), 'docker', 'grafana', 'dashboards', 'ledgerline-pipeline.json'));
  const work = mkdtempSync(join(tmpdir(), 'observability-'));
  // Inside the repository: the bundle loads its npm packages from node_modules.
  const bundleDir = join(repoRoot(), 'node_modules', '.cache', uniqueName('observability'));
  let prometheus: PrometheusEndpoint;
  let pipeline: NodeProcess;
  let target: ScrapeTarget;

  beforeAll(async () => {
    prometheus = await startPrometheus();
    const entry = await bundleApp(repoRoot(), 'pipeline', bundleDir);
    const metricsPort = await freePort();
    pipeline = startNodeProcess([entry], ['--duration', '170', '--rate', '40', '--customers', '4'], {
      cwd: work,
      keepLines: 200,
      env: {
        DATA_DIR: join(work, 'data'),
        METRICS_PORT: String(metricsPort),
        DASHBOARD_PORT: String(await freePort()),
        SYNC_INTERVAL_SECONDS: '3',
        DBT_ENABLED: 'false',
        PIPELINE_MARKET_ENABLED: 'false',
        LOG_LEVEL: 'warn',
      },
    });
    target = addScrapeTarget(prometheus, uniqueName('pipeline'), `127.0.0.1:${metricsPort}`, 'pipeline');
    const scraped = async (expr: string) => (await instantQuery(prometheus.url, expr)).length > 0;
    await waitFor('Prometheus to scrape the pipeline', () => scraped('up{job="pipeline"} == 1'), 90_000, pipeline);
    await waitFor('events landing and two syncs', async () =>
      (await scraped('ledgerline:events_landed:rate1m{job="pipeline"} > 0')) &&
      (await scraped('ledgerline_sync_duration_seconds_count{job="pipeline"} >= 2')), 120_000, pipeline);
  }, 300_000);

  afterAll(async () => {
    target?.remove();
    if (pipeline) {
      pipeline.kill('SIGINT');
      await Promise.race([pipeline.exited, new Promise((resolve) => setTimeout(resolve, 30_000))]);
      pipeline.kill('SIGKILL');
    }
    rmSync(work, { recursive: true, force: true });
    rmSync(bundleDir, { recursive: true, force: true });
  }, 60_000);

  it('has a panel for every signal the issue names', () => {
    const titles = new Set(queries.map((q) => q.panel));
    for (const words of [/produced vs landed/, /lag/i, /dead-letter/i, /sync duration/i, /dbt/, /flow runs/i, /slot lag/i, /memory/i, /event-loop/i]) {
      expect([...titles].some((t) => words.test(t)), String(words)).toBe(true);
    }
  });

  it('every panel query returns data from the scraped main job', async () => {
    const empty: string[] = [];
    for (const q of queries) {
      const result = await instantQuery(prometheus.url, q.expr);
      if (result.length === 0 && !NOT_SCRAPED_HERE[q.panel]) empty.push(`${q.panel} [${q.refId}]: ${q.expr}`);
    }
    expect(empty).toEqual([]);
    expect(Object.keys(NOT_SCRAPED_HERE).every((panel) => queries.some((q) => q.panel === panel))).toBe(true);
  });

  it('shows the stream moving: produced and landed rates above zero, none dead-lettered', async () => {
    const landed = await instantQuery(prometheus.url, 'ledgerline:events_landed:rate1m{job="pipeline"}');
    const produced = await instantQuery(prometheus.url, 'ledgerline:events_produced:rate1m{job="pipeline"}');
    expect(Number(landed[0]?.value[1])).toBeGreaterThan(0);
    expect(Number(produced[0]?.value[1])).toBeGreaterThan(0);
    const dlq = await instantQuery(prometheus.url, 'sum(ledgerline:events_dlq:increase5m)');
    expect(Number(dlq[0]?.value[1])).toBe(0);
  });

  it('loads every alert rule and evaluates it without error', async () => {
    const response = await fetch(`${prometheus.url}/api/v1/rules`);
    const body = (await response.json()) as { data: { groups: Array<{ rules: Array<{ name: string; health: string; lastError?: string }> }> } };
    const rules = body.data.groups.flatMap((g) => g.rules);
    expect(rules.map((r) => r.name)).toEqual(expect.arrayContaining(['LedgerlineNothingLanded', 'LedgerlineSyncStale', 'LedgerlineDeadLetters']));
    expect(rules.filter((r) => r.health === 'err').map((r) => `${r.name}: ${r.lastError}`)).toEqual([]);
  });
});
