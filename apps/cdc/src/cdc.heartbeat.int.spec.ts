import { createTestDatabase, startKafka, uniqueName, type NodeProcess, type TestDatabase } from '@ledgerline/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCdcProcess, waitUntil } from './cdc-process.fixture.ts';
import { connectProbe, type ProbeConnection } from '@ledgerline/postgres/testing';

const MB = 1024 * 1024;

// Fault test 6 of issue #17 on real PostgreSQL and Kafka: the captured database stays idle while
// another database of the same server writes WAL. Without heartbeats the slot confirms nothing and
// retains all of it; with CDC_HEARTBEAT_SECONDS=1 its lag and retained WAL stay bounded.
describe('cdc process on an idle database', () => {
  let captured: TestDatabase;
  let busy: TestDatabase;
  let sql: ProbeConnection;
  let filler: ProbeConnection;
  let brokers: string[];
  let running: NodeProcess | undefined;
  const slot = uniqueName('slot');

  beforeAll(async () => {
    captured = await createTestDatabase('cdc_idle');
    busy = await createTestDatabase('cdc_busy');
    ({ brokers } = await startKafka());
    sql = await connectProbe(captured.url);
    await sql.query(`CREATE TABLE quiet (id int PRIMARY KEY)`);
    filler = await connectProbe(busy.url);
    await filler.query('CREATE TABLE wal_filler (payload text)');
  });
  afterAll(async () => {
    running?.kill('SIGKILL');
    await running?.exited;
    await sql?.query('SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE database = current_database()').catch(() => undefined);
    await sql?.close();
    await filler?.close();
    await captured?.drop();
    await busy?.drop();
  });

  const start = (heartbeatSeconds: number) =>
    startCdcProcess({ databaseUrl: captured.url, brokers, slot, prefix: uniqueName('cdcidle'), tables: 'public.quiet', extra: { CDC_HEARTBEAT_SECONDS: String(heartbeatSeconds) } });
  /** ~1.3 MB of WAL in the other database. */
  const writeWal = () => filler.query(`INSERT INTO wal_filler SELECT repeat(md5(g::text), 32) FROM generate_series(1, 1000) g`);
  async function slotBytes(): Promise<{ lag: number; retained: number; active: boolean }> {
    const row = (
      await sql.query<{ lag: string; retained: string; active: boolean }>(
        `SELECT pg_current_wal_lsn() - confirmed_flush_lsn AS lag, pg_current_wal_lsn() - restart_lsn AS retained, active FROM pg_replication_slots WHERE slot_name = $1`,
        [slot],
      )
    ).rows[0];
    return row ? { lag: Number(row.lag), retained: Number(row.retained), active: row.active } : { lag: 0, retained: 0, active: false };
  }
  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  it('without heartbeats the slot retains the other database’s WAL; with them lag and retention stay bounded', async () => {
    // Control: heartbeat off. The slot never moves, so what the busy database writes piles up.
    running = start(0);
    await waitUntil('the capture streaming', async () => (await slotBytes()).active, 60_000, () => running!.output.join('\n'));
    for (let i = 0; i < 4; i += 1) await writeWal();
    await sleep(2_000);
    const unbounded = await slotBytes();
    expect(unbounded.lag).toBeGreaterThan(4 * MB);
    expect(unbounded.retained).toBeGreaterThan(4 * MB);
    running.kill('SIGTERM');
    expect((await running.exited).code).toBe(0);

    // Heartbeat every second: the same slot catches up, and stays close while WAL keeps coming.
    running = start(1);
    await waitUntil('the slot to catch up', async () => (await slotBytes()).lag < MB, 30_000, () => running!.output.slice(-10).join('\n'));
    const samples: Array<{ lag: number; retained: number; active: boolean }> = [];
    for (let i = 0; i < 12; i += 1) {
      await writeWal();
      await sleep(500);
      samples.push(await slotBytes());
    }
    // ~1.3 MB written per 0.5 s, a heartbeat per second: at most a few seconds of WAL behind.
    const worst = Math.max(...samples.map((s) => s.lag));
    const written = samples.length * 1.3 * MB;
    expect(worst).toBeLessThan(written / 2);
    await waitUntil('the slot to confirm the last WAL written', async () => (await slotBytes()).lag < 256 * 1024, 10_000);
    // The WAL the slot retains (from restart_lsn) follows once the server logs its running
    // transactions (every 15 s while there is activity, the heartbeats included, and at each
    // checkpoint) and the slot confirms past that record.
    await waitUntil('the retained WAL to shrink', async () => (await slotBytes()).retained < 2 * MB, 40_000, () => JSON.stringify(samples));
    running.kill('SIGTERM');
    expect((await running.exited).code).toBe(0);
  }, 180_000);
});
