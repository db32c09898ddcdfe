/** What the dashboard served by a running main job answered (for the main-job test). */
export interface DashboardProbe {
  url: string;
  page: { status: number; title: boolean };
  health: Record<string, unknown>;
  filters: Record<string, unknown>;
  kpis: Record<string, unknown>;
  spendByCategory: Record<string, unknown>;
  /** `/api/flows?limit=3`: every flow with its newest runs. */
  flows: Array<{ name: string; runs: Array<{ id: string; state: string; attempts: number }> }>;
  /** "Run now" of `landing-reconcile` (read-only work) from the API, and that run as history lists it. */
  runNow: { status: number; body: Record<string, unknown>; listed: Array<{ id: string; state: string }> };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function getData<T = Record<string, unknown>>(url: string, path: string): Promise<T> {
  const response = await fetch(`${url}${path}`);
  const body = (await response.json()) as { data?: T; error?: string };
  if (response.status !== 200) throw new Error(`${path}: ${response.status} ${body.error ?? ''}`);
  return body.data ?? ({} as T);
}

async function runNow(url: string, flow: string): Promise<DashboardProbe['runNow']> {
  const response = await fetch(`${url}/api/flows/run`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ flow }) });
  const body = (await response.json()) as Record<string, unknown>;
  return { status: response.status, body, listed: await getData(url, `/api/flows/runs?flow=${flow}&limit=5`) };
}

/**
 * Finds the dashboard URL in the main job's banner, waits until its health says a sync ran and
 * the pipeline's runs are known, then reads the page and the metric endpoints once.
 */
export async function probeHostedDashboard(stdout: string, timeoutMs = 150_000): Promise<DashboardProbe> {
  const url = /^ {2}dashboard\s+(http:\/\/127\.0\.0\.1:\d+)/m.exec(stdout)?.[1];
  if (!url) throw new Error('no dashboard URL in the banner');
  const deadline = Date.now() + timeoutMs;
  let health: Record<string, unknown> = {};
  for (;;) {
    try {
      health = await getData(url, '/api/health');
      const pipeline = health.pipeline as { state: string; jobs?: Array<{ job: string }> };
      if (health.last_sync_at && pipeline.state === 'known' && pipeline.jobs?.some((j) => j.job === 'warehouse-sync')) break;
    } catch (error) {
      // 503 before the first sync (no warehouse file yet) or while dbt holds the file.
      if (Date.now() > deadline) throw error;
    }
    if (Date.now() > deadline) throw new Error(`no synced health within ${timeoutMs} ms: ${JSON.stringify(health)}`);
    await sleep(1_000);
  }
  const page = await fetch(url);
  return {
    url,
    page: { status: page.status, title: (await page.text()).includes('<title>Ledgerline dashboard</title>') },
    health,
    filters: await getData(url, '/api/filters'),
    kpis: await getData(url, '/api/kpis'),
    spendByCategory: await getData(url, '/api/spend-by-category'),
    flows: await getData(url, '/api/flows?limit=3'),
    runNow: await runNow(url, 'landing-reconcile'),
  };
}
