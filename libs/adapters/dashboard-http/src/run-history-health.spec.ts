import type { JobRunSummary } from '@ledgerline/pipeline';
import { describe, expect, it } from 'vitest';
import { runHistoryHealth } from './run-history-health.ts';

const run = (job: string, status: 'ok' | 'failed', failures24h: number, error?: string): JobRunSummary => ({
  runId: job,
  job,
  startedAt: new Date('2026-12-07T02:00:00Z'),
  finishedAt: new Date('2026-12-07T02:00:03Z'),
  rows: 12,
  status,
  failures24h,
  ...(error ? { error } : {}),
});

describe('runHistoryHealth (the main job hosting the dashboard)', () => {
  it('reports the newest run of each job and the DLQ count, as the Postgres source names them', async () => {
    const health = runHistoryHealth({
      history: { latestPerJob: async () => [run('warehouse-sync', 'ok', 0), run('batch-ingest', 'failed', 2, 'disk full')] },
      deadLettered: async () => 3,
    });
    expect(await health.status()).toEqual({
      state: 'known',
      dlq_count: 3,
      jobs: [
        { job: 'warehouse-sync', status: 'succeeded', started_at: '2026-12-07T02:00:00.000Z', finished_at: '2026-12-07T02:00:03.000Z', rows: 12, error: null, failures_24h: 0 },
        { job: 'batch-ingest', status: 'failed', started_at: '2026-12-07T02:00:00.000Z', finished_at: '2026-12-07T02:00:03.000Z', rows: 12, error: 'disk full', failures_24h: 2 },
      ],
    });
  });

  it('says the DLQ is unknown without a bus, and the whole status is unknown (with why) when the history fails', async () => {
    expect(await runHistoryHealth({ history: { latestPerJob: async () => [] } }).status()).toEqual({ state: 'known', jobs: [], dlq_count: 'unknown' });
    const failing = runHistoryHealth({
      history: {
        latestPerJob: async () => {
          throw new Error('connection closed');
        },
      },
      deadLettered: async () => 0,
    });
    expect(await failing.status()).toEqual({ state: 'unknown', reason: "the pipeline's run history did not answer: connection closed" });
    const noTopic = runHistoryHealth({
      history: { latestPerJob: async () => [run('warehouse-sync', 'ok', 0)] },
      deadLettered: async () => {
        throw new Error('This server does not host this topic-partition');
      },
    });
    expect(await noTopic.status()).toMatchObject({ state: 'known', dlq_count: 'unknown', jobs: [{ job: 'warehouse-sync' }] });
  });
});
