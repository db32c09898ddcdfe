import { foldChangeEvents, runChangeCapture, type ChangeCapture, type RowImage } from '@ledgerline/cdc';
import { silentLogger } from '@ledgerline/logging';
import { createTestDatabase, type TestDatabase } from '@ledgerline/testing';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPostgresStore } from '../factory.ts';
import { toRowImage } from '../pgoutput/column-values.ts';
import { createPgoutputChangeSource } from '../pgoutput/create-pgoutput-change-source.ts';
import type { PgoutputChangeSource } from '../pgoutput/pgoutput-change-source.ts';
import { RecordingPublisher, waitFor } from '../pgoutput/pgoutput-test-support.ts';
import type { PostgresTransactionStore } from '../store/postgres-transaction-store.ts';
import { createTriggerLogChangeSource } from './create-trigger-log-change-source.ts';
import type { TriggerLogChangeSource } from './trigger-log-change-source.ts';

const captureOptions = { topicPrefix: 'cdc', maxBatchDelayMs: 20, heartbeatIntervalMs: 0, stopGraceMs: 1_000 };
const TABLES = ['public.wide', 'public.pairs'];
// Every type the operational tables use, and a few more, so the two decoders are compared on each.
const WIDE = `CREATE TABLE wide (
  id int PRIMARY KEY, label text NOT NULL, amount numeric(15,2), big bigint, ratio double precision, flag boolean,
  at timestamptz, day date, code char(3), raw bytea, doc jsonb, tags text[], body text)`;

type Recorded = RecordingPublisher['events'][number];
const comparable = (event: Recorded) => ({ topic: event.topic, key: event.key, op: event.value.op, before: event.value.before, after: event.value.after });

// Issue #17 §1 (embedded default): the trigger change log must give the envelope pgoutput gives.
// Both sources capture the same real PostgreSQL database while one script changes it.
describe('trigger-log ChangeSource against pgoutput on the same PostgreSQL changes', () => {
  let database: TestDatabase;
  let sql: pg.Client;
  let store: PostgresTransactionStore;
  let pgoutput: PgoutputChangeSource;
  let triggerLog: TriggerLogChangeSource;
  const captures: ChangeCapture[] = [];
  const fromSlot = new RecordingPublisher();
  const fromLog = new RecordingPublisher();

  beforeAll(async () => {
    database = await createTestDatabase('cdc_trigger_log');
    sql = new pg.Client({ connectionString: database.url });
    await sql.connect();
    await sql.query(WIDE);
    await sql.query(`CREATE TABLE pairs (a text, b int, note text, PRIMARY KEY (a, b))`);
    await sql.query(`INSERT INTO wide (id, label, amount, at, code) SELECT g, 'row ' || g, g * 1.10, '2026-01-02T03:04:05.678901Z', 'EUR' FROM generate_series(1, 25) g`);
    await sql.query(`INSERT INTO pairs VALUES ('x', 1, 'first'), ('x', 2, NULL)`);
    store = await createPostgresStore({ url: database.url, logger: silentLogger });
    pgoutput = await createPgoutputChangeSource({ url: database.url, logger: silentLogger, tables: TABLES, slot: 'side_by_side', publication: 'side_by_side' });
    triggerLog = createTriggerLogChangeSource({ store }, { tables: TABLES, pollMs: 20, batchRows: 7 });
    for (const [source, publisher] of [[pgoutput, fromSlot], [triggerLog, fromLog]] as const) {
      const running = await runChangeCapture({ source, publisher, logger: silentLogger }, captureOptions);
      captures.push(running);
      await waitFor('streaming', () => running.stats().phase === 'streaming');
    }
  }, 60_000);
  afterAll(async () => {
    for (const capture of captures) await capture.stop();
    await pgoutput?.close();
    await store?.close();
    await sql?.query(`SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE database = current_database()`).catch(() => undefined);
    await sql?.end();
    await database?.drop();
  });

  it('the same events, field by field (op, key, before, after), for inserts, updates, deletes, a key change, TOAST, a multi-row transaction and a truncate', async () => {
    const big = `(SELECT string_agg(md5(random()::text), '') FROM generate_series(1, 6000))`;
    await sql.query(
      `INSERT INTO wide VALUES (100, 'all types', 12.30, 9007199254740993, 0.1, true, '2026-12-07T01:02:03.456789+02:00', '2026-02-28',
        'GB ', '\\x00ff10', '{"k": [1, "two", null], "n": 1.50}', '{"a","b c",NULL}', ${big})`,
    );
    await sql.query(`INSERT INTO wide (id, label) VALUES (101, 'sparse'), (102, 'also sparse')`);
    await sql.query(`UPDATE wide SET label = 'toast untouched' WHERE id = 100`);
    await sql.query(`UPDATE wide SET amount = amount + 1, flag = false WHERE id <= 5`);
    await sql.query(`UPDATE wide SET id = 9001 WHERE id = 6`);
    await sql.query(`DELETE FROM wide WHERE id IN (7, 8)`);
    await sql.query('BEGIN');
    await sql.query(`INSERT INTO pairs VALUES ('y', 1, 'in tx')`);
    await sql.query(`UPDATE pairs SET note = 'changed' WHERE a = 'x'`);
    await sql.query(`DELETE FROM pairs WHERE a = 'x' AND b = 2`);
    await sql.query(`UPDATE wide SET doc = '{"moved": true}' WHERE id BETWEEN 10 AND 20`);
    await sql.query('COMMIT');
    await sql.query(`UPDATE wide SET label = label WHERE id = 1`); // changes nothing: pgoutput still logs it (no trigger drops it here)
    await sql.query(`TRUNCATE pairs`);
    await sql.query(`INSERT INTO pairs VALUES ('z', 3, 'after truncate')`);

    await waitFor('both sources to deliver the last insert', () => [fromSlot, fromLog].every((p) => p.of('pairs').some((e) => e.key === '{"a":"z","b":3}')));
    const reads = (publisher: RecordingPublisher) => publisher.events.filter((e) => e.value.op === 'r').map(comparable).sort((a, b) => `${a.topic}${a.key}`.localeCompare(`${b.topic}${b.key}`));
    // Per topic in publish order: that is the order guaranteed (per key), while how the topics of
    // one batch interleave depends on where each source's batches happen to end.
    const streamed = (publisher: RecordingPublisher) => {
      const byTopic = new Map<string, ReturnType<typeof comparable>[]>();
      for (const event of publisher.events.filter((e) => e.value.op !== 'r')) byTopic.set(event.topic, [...(byTopic.get(event.topic) ?? []), comparable(event)]);
      return Object.fromEntries([...byTopic].sort(([a], [b]) => a.localeCompare(b)));
    };

    expect(reads(fromLog)).toHaveLength(27);
    expect(reads(fromLog)).toEqual(reads(fromSlot));
    // 25 changes of wide (the key change 6 -> 9001 is a delete and a create) and 6 of pairs, each once.
    expect(streamed(fromLog)['cdc.public.wide']).toHaveLength(25);
    expect(streamed(fromLog)['cdc.public.pairs']).toHaveLength(6);
    expect(streamed(fromLog)).toEqual(streamed(fromSlot));
    // Intended differences: none in these fields. source.lsn is the log entry's seq (not WAL bytes),
    // source.ts_ms the logging transaction's start (not its commit).
    const toasted = fromLog.events.find((e) => e.key === '{"id":100}' && e.value.op === 'u')!.value;
    expect(String(toasted.after?.body).length).toBeGreaterThan(100_000);
    expect(toasted.after).toMatchObject({ amount: '12.30', big: '9007199254740993', flag: true, code: 'GB ', raw: '\\x00ff10', tags: ['a', 'b c', null], at: '2026-12-06T23:02:03.456Z' });

    // And both fold to the tables.
    const table = async (name: string, key: (row: Record<string, unknown>) => string) =>
      new Map((await sql.query<Record<string, unknown>>(`SELECT * FROM ${name}`)).rows.map((row) => [key(row), toRowImage(row)!] as [string, RowImage]));
    expect(foldChangeEvents(fromLog.of('wide'))).toEqual(await table('wide', (row) => JSON.stringify({ id: row.id })));
    expect(foldChangeEvents(fromLog.of('pairs'))).toEqual(await table('pairs', (row) => JSON.stringify({ a: row.a, b: row.b })));
  }, 60_000);

  it('per key in commit order when transactions commit out of xid order, and an open transaction is delivered once it commits', async () => {
    const early = new pg.Client({ connectionString: database.url });
    await early.connect();
    try {
      // `early` takes the lower xid first, then changes a row after `late` (higher xid) committed it.
      await early.query('BEGIN');
      await early.query(`INSERT INTO pairs VALUES ('early', 1, 'opened first')`);
      await sql.query(`INSERT INTO pairs VALUES ('shared', 1, 'by late')`);
      await waitFor('the late insert', () => fromLog.of('pairs').some((e) => e.key === '{"a":"shared","b":1}'));
      await early.query(`UPDATE pairs SET note = 'by early' WHERE a = 'shared'`);
      await new Promise((resolve) => setTimeout(resolve, 150));
      expect(fromLog.of('pairs').some((e) => e.key === '{"a":"early","b":1}')).toBe(false);
      await early.query('COMMIT');
    } finally {
      await early.end();
    }
    await waitFor('the early transaction', () => fromLog.of('pairs').some((e) => e.key === '{"a":"early","b":1}'));
    const shared = fromLog.of('pairs').filter((e) => e.key === '{"a":"shared","b":1}').map((e) => [e.value.op, e.value.after?.note]);
    expect(shared).toEqual([
      ['c', 'by late'],
      ['u', 'by early'],
    ]);
  });

  it('acknowledging deletes what was delivered; a restart replays only the rest', async () => {
    await waitFor('the log to be acknowledged', async () => (await triggerLog.status()).lagBytes === 0n);
    const running = captures[1]!;
    await running.stop();
    await sql.query(`INSERT INTO pairs VALUES ('after stop', 1, 'waits in the log')`);
    const status = await triggerLog.status();
    expect(status).toMatchObject({ kind: 'trigger-log', exists: true, snapshotDone: true });
    expect(status.lagBytes).toBeGreaterThan(0n);

    const again = createTriggerLogChangeSource({ store }, { tables: TABLES, pollMs: 20 });
    const replay = new RecordingPublisher();
    const resumed = await runChangeCapture({ source: again, publisher: replay, logger: silentLogger }, captureOptions);
    await waitFor('the waiting insert', () => replay.events.length >= 1);
    await resumed.stop();
    expect(replay.events.map((e) => [e.key, e.value.op])).toEqual([['{"a":"after stop","b":1}', 'c']]);

    await again.dropSlot();
    expect(await again.status()).toMatchObject({ exists: false, snapshotDone: false });
    const triggers = await sql.query(`SELECT tgname FROM pg_trigger WHERE tgname LIKE 'ledgerline_cdc_%'`);
    expect(triggers.rows).toEqual([]);
  });
});
