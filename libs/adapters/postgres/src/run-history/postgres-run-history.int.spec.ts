import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@ledgerline/testing';
import { createPostgresStore } from '../factory.ts';
import { PostgresRunHistory } from './postgres-run-history.ts';

describe('PostgresRunHistory', () => {
  let db: TestDatabase;
  let store: Awaited<ReturnType<typeof createPostgresStore>>;

  beforeAll(async () => {
    db = await createTestDatabase('run_history');
    store = await createPostgresStore({ url: db.url });
    await store.migrate();
  });
  afterAll(async () => {
    await store?.close();
    await db?.drop();
  });

  it('records runs and lists them newest first with status, rows and error', async () => {
    const history = new PostgresRunHistory(store.sql);
    const t0 = new Date('2026-11-01T10:00:00Z');
    await history.record({ job: 'sync', startedAt: t0, finishedAt: new Date(t0.getTime() + 1500), rows: 1200, status: 'ok' });
    await history.record({
      job: 'dbt',
      startedAt: new Date(t0.getTime() + 2000),
      finishedAt: new Date(t0.getTime() + 9000),
      rows: 0,
      status: 'failed',
      error: 'test not_null_fct_transactions_tx_id failed',
    });
    const runs = await history.recent(10);
    expect(runs.map((r) => [r.job, r.status, r.rows])).toEqual([
      ['dbt', 'failed', 0],
      ['sync', 'ok', 1200],
    ]);
    expect(runs[0]?.error).toContain('not_null');
    const sync = runs[1];
    expect(sync && sync.finishedAt.getTime() - sync.startedAt.getTime()).toBe(1500);
    expect(await history.recent(1)).toHaveLength(1);
  });

  it('gives the newest run of each job with its failures of the last 24 hours', async () => {
    const history = new PostgresRunHistory(store.sql);
    const now = Date.now();
    const at = (minutesAgo: number) => new Date(now - minutesAgo * 60_000);
    const run = (job: string, minutesAgo: number, status: 'ok' | 'failed', rows = 0) =>
      history.record({ job, startedAt: at(minutesAgo), finishedAt: at(minutesAgo - 1), rows, status, ...(status === 'failed' ? { error: `${job} broke` } : {}) });
    await run('index', 26 * 60, 'failed'); // older than a day: not counted
    await run('index', 90, 'failed');
    await run('index', 30, 'failed');
    await run('index', 5, 'ok', 40);
    await run('ingest', 10, 'ok', 3);
    await run('ingest', 2, 'failed');
    const latest = new Map((await history.latestPerJob()).map((r) => [r.job, r]));
    expect(latest.get('index')).toMatchObject({ status: 'ok', rows: 40, failures24h: 2 });
    expect(latest.get('ingest')).toMatchObject({ status: 'failed', error: 'ingest broke', failures24h: 1 });
    // The first case's jobs are there too, each once.
    expect([...latest.keys()].sort()).toEqual(['dbt', 'index', 'ingest', 'sync']);
  });

  it('breaks a tie in started_at by run id as a number, not as text (run 10 is newer than run 9)', async () => {
    const history = new PostgresRunHistory(store.sql);
    const same = new Date('2026-11-02T08:00:00Z');
    // Twelve runs of one job started in the same instant (a clock of coarse resolution, a backfill):
    // the ids pass 9 -> 10, where text order ('9' > '10') would call run 9 the newest.
    for (let i = 1; i <= 12; i++) await history.record({ job: 'tie', startedAt: same, finishedAt: same, rows: i, status: 'ok' });
    const newest = (await history.latestPerJob()).find((r) => r.job === 'tie');
    expect(newest?.rows).toBe(12);
    const recent = (await history.recent(50)).filter((r) => r.job === 'tie').map((r) => r.rows);
    expect(recent).toEqual([12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1]);
  });
});
