import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FlowDefinition, FlowRunRecord } from '@ledgerline/flows';
import { createTestDatabase, type TestDatabase } from '@ledgerline/testing';
import { PgBossFlowRunner } from './pg-boss-flow-runner.ts';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// Catch-up after downtime, on real PostgreSQL: two flows on the same nightly cron, one with
// `missed: 'once'`, one with `missed: 'skip'`. The outage is played by moving pg-boss' record of
// its last cron pass (and the schedules' creation) two days back, as if no worker had run since;
// the next worker to start then owes the missed nights: one run for `once`, none for `skip`.
describe('pg-boss flow runner: catch-up after downtime follows each flow’s missed policy', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase('flows_catchup');
  }, 120_000);
  afterAll(async () => {
    await db?.drop();
  });

  // 03:00 UTC nightly: never due in the minute the test runs unless it runs at 03:00, so any run is a catch-up.
  const nightly = (name: string, missed: 'once' | 'skip', runs: string[]): FlowDefinition => ({
    name,
    description: `catch-up ${missed}`,
    schedule: new Date().getUTCHours() === 3 ? '0 15 * * *' : '0 3 * * *',
    missed,
    retry: { limit: 0, delaySeconds: 1, backoff: false },
    timeoutSeconds: 60,
    run: async (ctx) => {
      runs.push(ctx.runId);
      return { rows: 1 };
    },
  });

  it("runs the most recent missed occurrence once for 'once' and nothing for 'skip'", async () => {
    const onceRuns: string[] = [];
    const skipRuns: string[] = [];
    const flows = [nightly('catchup-once', 'once', onceRuns), nightly('catchup-skip', 'skip', skipRuns)];
    const first = new PgBossFlowRunner({ connectionString: db.url, pollingIntervalSeconds: 0.5 });
    await first.start(flows, { work: false });
    await first.stop();

    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    try {
      await client.query(`UPDATE ledgerline_flows.version SET cron_on = now() - interval '2 days'`);
      await client.query(`UPDATE ledgerline_flows.schedule SET created_on = now() - interval '3 days'`);
    } finally {
      await client.end();
    }

    const next = new PgBossFlowRunner({ connectionString: db.url, pollingIntervalSeconds: 0.5 });
    try {
      await next.start(flows);
      const deadline = Date.now() + 40_000;
      let once: FlowRunRecord[] = [];
      while (Date.now() < deadline && !once.some((r) => r.state === 'succeeded')) {
        await sleep(300);
        once = await next.history({ flow: 'catchup-once' });
      }
      expect(once.map((r) => r.state)).toEqual(['succeeded']);
      expect(onceRuns).toHaveLength(1);
      // The skip flow's pass ran in the same cron pass as the once flow's: it owes nothing.
      await sleep(2000);
      expect(await next.history({ flow: 'catchup-skip' })).toEqual([]);
      expect(skipRuns).toEqual([]);
    } finally {
      await next.stop();
    }
  }, 90_000);
});
