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
});
