import { startPostgres } from '@ledgerline/testing';
import pg from 'pg';
import { defineBenchmark } from '../benchmark.ts';
import { latencySummary } from '../stats.ts';

// Latency of one `SELECT 1` round trip over a single connection to the harness Postgres: the floor
// under every query the stream sink and sync make. BENCH_PG_ROUNDTRIPS overrides the count.
const WARMUP = 200;

export default defineBenchmark({
  name: 'postgres-roundtrip',
  description: 'SELECT 1 latency (p50/p99) over N sequential round trips on one connection',
  async run({ log }) {
    const roundTrips = Number(process.env.BENCH_PG_ROUNDTRIPS ?? 5000);
    if (!Number.isInteger(roundTrips) || roundTrips < 1) throw new Error('BENCH_PG_ROUNDTRIPS must be a positive integer');
    const { url } = await startPostgres();
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const { rows } = await client.query<{ version: string }>("SELECT current_setting('server_version') AS version");
      for (let i = 0; i < WARMUP; i++) await client.query('SELECT 1');
      log(`measuring ${roundTrips} round trips`);
      const durationsMs: number[] = [];
      for (let i = 0; i < roundTrips; i++) {
        const start = process.hrtime.bigint();
        await client.query('SELECT 1');
        durationsMs.push(Number(process.hrtime.bigint() - start) / 1e6);
      }
      return {
        metrics: latencySummary(durationsMs),
        notes: [`${roundTrips} round trips after ${WARMUP} warm-up, PostgreSQL ${rows[0]?.version ?? '?'} on 127.0.0.1, node-postgres (simple query protocol)`],
      };
    } finally {
      await client.end();
    }
  },
});
