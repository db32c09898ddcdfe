import { mkdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDashboardServer, ensureWebBundle, FlowRunnerSource, unknownPipelineHealth, WEB_DIST, type DashboardServer } from '@ledgerline/dashboard-http';
import { DuckDbAnalyticsStore } from '@ledgerline/duckdb';
import { PgBossFlowRunner } from '@ledgerline/pg-boss';
import { createTestDatabase, type TestDatabase } from '@ledgerline/testing';
import { launchChromium, type LaunchedBrowser } from './testing/launch-chromium.ts';
import { testFlows } from './testing/test-flows.ts';

// The flows page (issue #24) in a real Chromium over pg-boss on real PostgreSQL: every flow's runs
// with status, duration, attempts, rows and error; "Run now" queues a run, queues it behind a
// running one, or shows why it queued nothing; a page of another origin cannot trigger a run.
// Writes docs/screenshots/flows.png.

const SCREENSHOTS = resolve(fileURLToPath(import.meta.url), '../../../../docs/screenshots');
let database: TestDatabase;
let runner: PgBossFlowRunner;
let dashboard: DashboardServer;
let store: DuckDbAnalyticsStore;
let evil: Server;
let dir: string;
let base: string;
let browser: LaunchedBrowser;
let page: Page;
const problems: string[] = [];
const { definitions, release: releaseHeld } = testFlows({ quick: { backfillable: true } });

interface RowView {
  id: string;
  state: string;
  cells: string[];
}

/** A card's run rows as the page shows them. */
function rows(name: string): Promise<RowView[]> {
  return page.$$eval(`section.flow[data-flow="${name}"] tbody tr`, (trs) =>
    trs.map((tr) => {
      const row = tr as unknown as { dataset: Record<string, string>; querySelectorAll(s: string): ArrayLike<{ textContent: string | null }> };
      return { id: row.dataset.runId ?? '', state: row.dataset.state ?? '', cells: Array.from(row.querySelectorAll('td'), (td) => td.textContent ?? '') };
    }),
  );
}

async function waitForRows(name: string, done: (rows: RowView[]) => boolean, timeoutMs = 30_000): Promise<RowView[]> {
  const deadline = Date.now() + timeoutMs;
  let seen = await rows(name);
  while (!done(seen)) {
    if (Date.now() > deadline) throw new Error(`the ${name} card never showed the runs expected: ${JSON.stringify(seen)}`);
    await new Promise((r) => setTimeout(r, 250));
    seen = await rows(name);
  }
  return seen;
}

const message = (name: string) => page.textContent(`section.flow[data-flow="${name}"] .flow-message`);
async function clickRunNow(name: string): Promise<string> {
  const before = await message(name);
  await page.click(`section.flow[data-flow="${name}"] button.run-now`);
  await page.waitForFunction(
    ([selector, old]) => {
      const node = (globalThis as unknown as { document: { querySelector(s: string): { textContent: string | null } | null } }).document.querySelector(selector);
      return !!node?.textContent && node.textContent !== old;
    },
    [`section.flow[data-flow="${name}"] .flow-message`, before ?? ''] as const,
  );
  return (await message(name)) ?? '';
}

beforeAll(async () => {
  await ensureWebBundle();
  database = await createTestDatabase('flows_page');
  runner = new PgBossFlowRunner({ connectionString: database.url, pollingIntervalSeconds: 0.5 });
  await runner.start(definitions, { schedules: false });
  const source = new FlowRunnerSource();
  source.attach(runner, definitions);
  dir = mkdtempSync(join(tmpdir(), 'flows-page-'));
  store = new DuckDbAnalyticsStore({ path: join(dir, 'never-opened.duckdb') });
  dashboard = createDashboardServer({ store, health: unknownPipelineHealth('not in this test'), flows: source, staticDir: WEB_DIST });
  base = await dashboard.listen(0);
  // Another origin (another port): a page the user might have open elsewhere.
  evil = createServer((_req, res) => res.end('<!doctype html><title>elsewhere</title>'));
  await new Promise<void>((r) => evil.listen(0, '127.0.0.1', r));
  browser = await launchChromium();
  page = await browser.context.newPage();
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
}, 120_000);

afterAll(async () => {
  releaseHeld();
  await browser?.close();
  await runner?.stop();
  await dashboard?.close();
  await store?.close();
  await new Promise((r) => evil?.close(r));
  await database?.drop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('flows page in Chromium over pg-boss on PostgreSQL', () => {
  it('lists every flow with its schedule and policy, no runs yet', async () => {
    await page.goto(`${base}/flows.html`);
    await page.waitForSelector('body[data-state="ready"]');
    expect(await page.$$eval('section.flow', (s) => s.map((x) => (x as unknown as { dataset: { flow: string } }).dataset.flow))).toEqual(['quick', 'broken', 'held']);
    expect(await page.textContent('section.flow[data-flow="quick"]')).toContain('cron 0 4 * * * (UTC) · no retry · timeout 60 s · backfillable');
    expect(await page.textContent('section.flow[data-flow="broken"]')).toContain('1 retry after 1 s');
    expect(await page.textContent('section.flow[data-flow="held"]')).toContain('every 3600 s');
    expect(await page.textContent('section.flow[data-flow="quick"]')).toContain('No runs yet.');
  });

  it('"Run now" queues a run that the page then shows succeeded, with its attempts and rows', async () => {
    expect(await clickRunNow('quick')).toMatch(/^queued run \S+ of quick: a worker starts it within seconds$/);
    const [run] = await waitForRows('quick', (r) => r[0]?.state === 'succeeded');
    const history = await runner.history({ flow: 'quick', limit: 10 });
    expect(history).toHaveLength(1);
    expect(run?.id).toBe(history[0]?.id);
    // Status, started, duration, attempts, rows, day, error.
    expect(run?.cells[0]).toBe('succeeded');
    expect(run?.cells[1]).toBe(history[0]!.startedAt!.toISOString().replace('T', ' ').slice(0, 19));
    expect(run?.cells[2]).toMatch(/^\d+\.\d s$/);
    expect(run?.cells.slice(3)).toEqual(['1', '3', '', '']);
  });

  it('shows a failed run with its error after the retry', async () => {
    await clickRunNow('broken');
    const [run] = await waitForRows('broken', (r) => r[0]?.state === 'failed', 60_000);
    expect(run?.cells[0]).toBe('failed');
    expect(run?.cells[3]).toBe('2');
    expect(run?.cells[6]).toContain('the source is gone');
  });

  it('a click while the flow runs queues behind it; another while that waits says why nothing was queued', async () => {
    await clickRunNow('held');
    const [running] = await waitForRows('held', (r) => r[0]?.state === 'running');
    expect(await clickRunNow('held')).toMatch(new RegExp(`waits for run ${running!.id} .*to finish \\(one run at a time per flow\\)`));
    const refused = await clickRunNow('held');
    expect(refused).toMatch(/^held already has a run waiting \(.+\): it starts when run .+ finishes; nothing new was queued$/);
    expect(await page.getAttribute('section.flow[data-flow="held"] .flow-message', 'data-kind')).toBe('refused');
    const during = await waitForRows('held', (r) => r.length === 2);
    expect(during.map((r) => r.state)).toEqual(['queued', 'running']);
    expect(during[1]?.cells[2]).toMatch(/so far$/);
    mkdirSync(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: join(SCREENSHOTS, 'flows.png'), fullPage: true });
    releaseHeld();
    const after = await waitForRows('held', (r) => r.length === 2 && r.every((x) => x.state === 'succeeded'));
    expect(after.map((r) => r.cells[4])).toEqual(['2', '1']);
    // The browser logs the refused request (409); nothing else went wrong in the page.
    expect(problems.filter((p) => !p.includes('status of 409'))).toEqual([]);
  });

  it('a page of another origin cannot trigger a run: the request is refused and nothing is queued', async () => {
    const before = (await runner.history({ flow: 'quick', limit: 100 })).length;
    // What reached the server, and what it answered.
    const seen: string[] = [];
    dashboard.server.on('request', (req, res) => {
      res.on('finish', () => seen.push(`${req.method} ${req.url} ${req.headers['sec-fetch-site'] ?? '-'} ${res.statusCode}`));
    });
    const other = await browser.context.newPage();
    await other.goto(`http://127.0.0.1:${(evil.address() as AddressInfo).port}/`);
    const outcomes = await other.evaluate(async (url) => {
      const body = JSON.stringify({ flow: 'quick' });
      const attempt = async (init: RequestInit) => {
        try {
          const response = await fetch(url, { method: 'POST', body, ...init });
          return response.type === 'opaque' ? 'opaque' : String(response.status);
        } catch (error) {
          return `blocked: ${String(error)}`;
        }
      };
      return {
        // JSON needs a CORS preflight, which the dashboard never grants.
        json: await attempt({ headers: { 'content-type': 'application/json' } }),
        // A "simple" request goes out without one: the server must refuse it itself.
        simple: await attempt({ mode: 'no-cors', headers: { 'content-type': 'text/plain' } }),
      };
    }, `${base}/api/flows/run`);
    await other.close();
    expect(outcomes.json).toMatch(/^blocked: TypeError/);
    // The browser hides the answer from the other page either way (no CORS grant, CORP same-origin).
    expect(outcomes.simple).toMatch(/^blocked: TypeError/);
    // The preflight and the simple POST reached the server, and it refused both itself (another
    // port of this host is another origin of the same site: Sec-Fetch-Site same-site).
    expect(seen).toEqual(['OPTIONS /api/flows/run same-site 403', 'POST /api/flows/run same-site 403']);
    await new Promise((r) => setTimeout(r, 1_500));
    expect(await runner.history({ flow: 'quick', limit: 100 })).toHaveLength(before);
  });
});
