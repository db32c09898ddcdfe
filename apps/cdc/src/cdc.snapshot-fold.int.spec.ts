import { foldChangeEvents, type RowImage } from '@ledgerline/cdc';
import { createTestDatabase, startKafka, uniqueName, type NodeProcess, type TestDatabase } from '@ledgerline/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readChangeTopic, startCdcProcess, waitUntil, type ChangeTopicConsumer } from './cdc-process.fixture.ts';
import { connectProbe, type ProbeConnection } from '@ledgerline/postgres/testing';

const SNAPSHOT_ROWS = 10_000;
const CHANGES = 50_000;

// Fault test 1 of issue #17 on real PostgreSQL and Kafka: a snapshot of 10,000 rows, then 50,000
// mixed changes (inserts, updates, deletes, in multi-statement transactions) written while the
// snapshot is being read; the topic folded by key equals the table exactly, and without a fault
// every change is on the topic exactly once.
describe('cdc snapshot then stream, at scale', () => {
  let database: TestDatabase;
  let sql: ProbeConnection;
  let brokers: string[];
  let consumer: ChangeTopicConsumer | undefined;
  let running: NodeProcess | undefined;
  const prefix = uniqueName('cdcfold');
  const slot = uniqueName('slot');

  beforeAll(async () => {
    database = await createTestDatabase('cdc_fold');
    ({ brokers } = await startKafka());
    sql = await connectProbe(database.url);
    await sql.query(`CREATE TABLE accounts (id int PRIMARY KEY, version int NOT NULL, owner text NOT NULL, balance numeric(14,2) NOT NULL)`);
    await sql.query(`INSERT INTO accounts SELECT g, 0, 'owner ' || g, g * 1.25 FROM generate_series(1, ${SNAPSHOT_ROWS}) g`);
  });
  afterAll(async () => {
    running?.kill('SIGKILL');
    await running?.exited;
    await consumer?.disconnect();
    await sql?.query('SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE database = current_database()').catch(() => undefined);
    await sql?.close();
    await database?.drop();
  });

  /** One transaction of 400 changes: 100 inserts, 200 updates, 100 deletes (half of them of rows inserted a round before). */
  async function round(r: number): Promise<number> {
    await sql.query('BEGIN');
    const inserted = await sql.query(`INSERT INTO accounts SELECT g, 0, 'new ' || g, 10.50 FROM generate_series($1::int, $1::int + 99) g`, [100_000 + r * 100]);
    const from = 1 + ((r * 200) % 5_000);
    const updated = await sql.query(`UPDATE accounts SET version = version + 1, balance = balance + 0.01 WHERE id BETWEEN $1 AND $1 + 199`, [from]);
    const deletedOld = await sql.query(`DELETE FROM accounts WHERE id BETWEEN $1 AND $1 + 49`, [5_001 + r * 50]);
    const deletedNew = await sql.query(`DELETE FROM accounts WHERE id BETWEEN $1 AND $1 + 49`, [100_000 + (r - 1) * 100]);
    await sql.query('COMMIT');
    return (inserted.rowCount ?? 0) + (updated.rowCount ?? 0) + (deletedOld.rowCount ?? 0) + (deletedNew.rowCount ?? 0);
  }

  it('the topic folded by key equals the table; every change is on it exactly once', async () => {
    running = startCdcProcess({ databaseUrl: database.url, brokers, slot, prefix, tables: 'public.accounts' });
    // The writes start as soon as the slot exists, so they race the snapshot read.
    await waitUntil('the replication slot', async () => (await sql.query('SELECT 1 FROM pg_replication_slots WHERE slot_name = $1', [slot])).rowCount === 1, 60_000, () => running!.output.join('\n'));
    let changes = 0;
    for (let r = 0; changes < CHANGES; r += 1) changes += await round(r);
    expect(changes).toBeGreaterThanOrEqual(CHANGES);

    const topic = await readChangeTopic(brokers, `${prefix}.public.accounts`, uniqueName('cdc_fold_reader'));
    consumer = topic.consumer;
    const events = topic.events;
    await waitUntil('every event', () => events.length >= SNAPSHOT_ROWS + changes, 90_000, () => `${events.length} of ${SNAPSHOT_ROWS + changes}; ${running!.output.slice(-10).join('\n')}`);
    // Nothing more may come (no duplicate without a fault).
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    running.kill('SIGTERM');
    expect((await running.exited).code).toBe(0);

    const rows = await sql.query<{ id: number; version: number; owner: string; balance: string }>('SELECT id, version, owner, balance FROM accounts');
    const expected = new Map<string, RowImage>(rows.rows.map((row) => [JSON.stringify({ id: row.id }), { ...row }]));
    expect(expected.size).toBeGreaterThan(SNAPSHOT_ROWS / 2);
    const folded = foldChangeEvents(events);
    expect(folded.size).toBe(expected.size);
    expect(folded).toEqual(expected);

    const reads = events.filter((e) => e.value.op === 'r');
    expect(reads).toHaveLength(SNAPSHOT_ROWS);
    expect(new Set(reads.map((e) => e.key)).size).toBe(SNAPSHOT_ROWS);
    expect(events.length).toBe(SNAPSHOT_ROWS + changes);
    const streamed = events.filter((e) => e.value.op !== 'r');
    expect(new Set(streamed.map((e) => `${e.key}@${e.value.source.lsn}`)).size).toBe(changes);
    expect(new Set(streamed.map((e) => e.value.op))).toEqual(new Set(['c', 'u', 'd']));
  }, 240_000);
});
