import { foldChangeEvents, runChangeCapture, UNAVAILABLE_VALUE, type ChangeCapture, type RowImage } from '@ledgerline/cdc';
import { silentLogger } from '@ledgerline/logging';
import { createTestDatabase, startPostgres, type TestDatabase } from '@ledgerline/testing';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toRowImage } from './column-values.ts';
import { createPgoutputChangeSource } from './create-pgoutput-change-source.ts';
import type { PgoutputChangeSource } from './pgoutput-change-source.ts';
import type { PgoutputSourceOptions } from './pgoutput-options.ts';
import { RecordingPublisher, waitFor } from './pgoutput-test-support.ts';

const captureOptions = { topicPrefix: 'cdc', maxBatchDelayMs: 20, heartbeatIntervalMs: 0, stopGraceMs: 1_000 };

describe('pgoutput ChangeSource on PostgreSQL', () => {
  let database: TestDatabase;
  let sql: pg.Client;
  const sources: PgoutputChangeSource[] = [];
  const captures: ChangeCapture[] = [];

  beforeAll(async () => {
    database = await createTestDatabase('cdc_pgoutput');
    sql = new pg.Client({ connectionString: database.url });
    await sql.connect();
    await sql.query(`CREATE TABLE accounts (id int PRIMARY KEY, owner text NOT NULL, balance numeric(15,2) NOT NULL, opened_at timestamptz NOT NULL DEFAULT '2026-01-02T03:04:05.678Z')`);
    await sql.query(`CREATE TABLE notes (id int PRIMARY KEY, title text NOT NULL, body text)`);
  });
  afterAll(async () => {
    for (const capture of captures) await capture.stop();
    // A database with replication slots cannot be dropped: remove every slot first.
    await sql?.query(`SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE database = current_database() AND NOT active`).catch(() => undefined);
    for (const source of sources) await source.close();
    await sql?.query(`SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE database = current_database()`).catch(() => undefined);
    await sql?.end();
    await database?.drop();
  });

  async function source(options: Partial<PgoutputSourceOptions>): Promise<PgoutputChangeSource> {
    const created = await createPgoutputChangeSource({ url: database.url, logger: silentLogger, ...options });
    sources.push(created);
    return created;
  }
  async function capture(changeSource: PgoutputChangeSource, publisher: RecordingPublisher): Promise<ChangeCapture> {
    const running = await runChangeCapture({ source: changeSource, publisher, logger: silentLogger }, captureOptions);
    captures.push(running);
    return running;
  }
  /** The table as the events should fold to: rows by key, values through the same JSON mapping. */
  async function tableRows(table: string): Promise<Map<string, RowImage>> {
    const result = await sql.query<Record<string, unknown>>(`SELECT * FROM ${table}`);
    return new Map(result.rows.map((row) => [JSON.stringify({ id: row.id }), toRowImage(row)!]));
  }

  it('snapshot at the slot, then the stream from its consistent point: the topic folded by key equals the table', async () => {
    await sql.query(`INSERT INTO accounts (id, owner, balance) SELECT g, 'owner ' || g, g * 1.25 FROM generate_series(1, 3000) g`);
    const changeSource = await source({ slot: 'cdc_fold', publication: 'cdc_fold', tables: ['public.accounts'], snapshotBatchRows: 700 });
    // Changes committed after the slot was created but before the snapshot is read: the exported
    // snapshot must not see them, and the stream must deliver them exactly once.
    const readSnapshot = changeSource.readSnapshot.bind(changeSource);
    changeSource.readSnapshot = async (onRows) => {
      await sql.query(`UPDATE accounts SET balance = balance + 1000 WHERE id <= 100`);
      await sql.query(`DELETE FROM accounts WHERE id BETWEEN 101 AND 150`);
      await sql.query(`INSERT INTO accounts (id, owner, balance) VALUES (5001, 'late', 1.00)`);
      return readSnapshot(onRows);
    };
    const publisher = new RecordingPublisher();
    const running = await capture(changeSource, publisher);
    await waitFor('the snapshot', () => running.stats().phase === 'streaming');

    const reads = publisher.of('accounts').filter((event) => event.value.op === 'r');
    expect(reads).toHaveLength(3000);
    expect(reads.find((event) => event.key === '{"id":1}')?.value.after).toMatchObject({ balance: '1.25', opened_at: '2026-01-02T03:04:05.678Z' });
    expect(reads.some((event) => event.key === '{"id":5001}')).toBe(false);

    // A multi-row transaction, a key change and more after the snapshot.
    await sql.query('BEGIN');
    await sql.query(`UPDATE accounts SET owner = owner || ' (moved)' WHERE id BETWEEN 200 AND 260`);
    await sql.query(`UPDATE accounts SET id = 9001 WHERE id = 300`);
    await sql.query(`DELETE FROM accounts WHERE id = 301`);
    await sql.query('COMMIT');
    await sql.query(`INSERT INTO accounts (id, owner, balance) VALUES (5002, 'later', 2.50)`);

    const expected = await tableRows('accounts');
    await waitFor('the folded topic to equal the table', () => foldChangeEvents(publisher.of('accounts')).size === expected.size && publisher.of('accounts').some((e) => e.key === '{"id":5002}'));
    await running.stop();
    expect(foldChangeEvents(publisher.of('accounts'))).toEqual(expected);

    const streamed = publisher.of('accounts').filter((event) => event.value.op !== 'r');
    expect(streamed.filter((event) => event.value.op === 'u' && event.key === '{"id":1}')).toHaveLength(1);
    expect(streamed.find((event) => event.value.op === 'd' && event.key === '{"id":101}')?.value.before).toMatchObject({ id: 101, owner: 'owner 101' });
    expect(streamed.filter((event) => event.key === '{"id":300}' || event.key === '{"id":9001}').map((e) => [e.key, e.value.op])).toEqual([
      ['{"id":300}', 'd'],
      ['{"id":9001}', 'c'],
    ]);
    const moved = streamed.filter((event) => event.value.op === 'u' && String(event.value.after?.owner).endsWith('(moved)'));
    expect(new Set(moved.map((event) => event.value.source.txId)).size).toBe(1);
    expect(moved).toHaveLength(61);
  });

  it('resumes from the acknowledged position: nothing acknowledged comes again, nothing unacknowledged is lost', async () => {
    const changeSource = await source({ slot: 'cdc_resume', publication: 'cdc_resume', tables: ['public.notes'] });
    const first = new RecordingPublisher();
    const running = await capture(changeSource, first);
    await waitFor('streaming', () => running.stats().phase === 'streaming');
    await sql.query(`INSERT INTO notes (id, title) VALUES (1, 'one'), (2, 'two')`);
    await waitFor('two inserts', () => first.of('notes').length === 2);
    await waitFor('their acknowledgement', async () => (await changeSource.status()).confirmedLsn! >= BigInt(first.of('notes')[1]!.value.source.lsn));

    // Kafka goes down: the next change is read but never published, so never acknowledged.
    first.down = true;
    await sql.query(`UPDATE notes SET title = 'uno' WHERE id = 1`);
    await new Promise((resolve) => setTimeout(resolve, 300));
    await running.stop();
    await changeSource.close();
    await sql.query(`DELETE FROM notes WHERE id = 2`);

    const again = await source({ slot: 'cdc_resume', publication: 'cdc_resume', tables: ['public.notes'] });
    const second = new RecordingPublisher();
    const resumed = await capture(again, second);
    await waitFor('the replayed update and the delete', () => second.of('notes').length >= 2);
    await resumed.stop();
    expect(second.of('notes').map((event) => [event.key, event.value.op])).toEqual([
      ['{"id":1}', 'u'],
      ['{"id":2}', 'd'],
    ]);
  });

  it('sends an untouched TOASTed column as the unavailable-value placeholder with REPLICA IDENTITY DEFAULT, and the value with FULL', async () => {
    // ~200 kB of random hex compresses to ~100 kB: stored out of line (TOAST).
    const big = `SELECT string_agg(md5(random()::text), '') FROM generate_series(1, 6000)`;
    await sql.query(`CREATE TABLE docs_default (id int PRIMARY KEY, title text NOT NULL, body text)`);
    await sql.query(`CREATE TABLE docs_full (id int PRIMARY KEY, title text NOT NULL, body text)`);
    const byDefault = await source({ slot: 'cdc_toast_d', publication: 'cdc_toast_d', tables: ['public.docs_default'], replicaIdentityFull: false });
    const byFull = await source({ slot: 'cdc_toast_f', publication: 'cdc_toast_f', tables: ['public.docs_full'] });
    const defaultEvents = new RecordingPublisher();
    const fullEvents = new RecordingPublisher();
    const runs = [await capture(byDefault, defaultEvents), await capture(byFull, fullEvents)];
    await waitFor('streaming', () => runs.every((run) => run.stats().phase === 'streaming'));
    for (const table of ['docs_default', 'docs_full']) {
      await sql.query(`INSERT INTO ${table} (id, title, body) VALUES (1, 'draft', (${big}))`);
      await sql.query(`UPDATE ${table} SET title = 'final' WHERE id = 1`);
    }
    const body = (await sql.query<{ body: string }>('SELECT body FROM docs_full WHERE id = 1')).rows[0]!.body;
    await waitFor('both updates', () => defaultEvents.events.length === 2 && fullEvents.events.length === 2);
    for (const run of runs) await run.stop();

    const defaultUpdate = defaultEvents.events[1]!.value;
    expect(defaultUpdate.op).toBe('u');
    expect(defaultUpdate.after).toEqual({ id: 1, title: 'final', body: UNAVAILABLE_VALUE });
    expect(defaultUpdate.before).toBeNull(); // DEFAULT identity logs no old row unless the key changed
    const fullUpdate = fullEvents.events[1]!.value;
    expect(fullUpdate.after).toEqual({ id: 1, title: 'final', body });
    expect(fullUpdate.before).toEqual({ id: 1, title: 'draft', body });
    // Folded, the placeholder keeps the body the insert carried: the table's row.
    const defaultBody = (await sql.query<{ body: string }>('SELECT body FROM docs_default WHERE id = 1')).rows[0]!.body;
    expect(defaultBody.length).toBeGreaterThan(100_000);
    expect(foldChangeEvents(defaultEvents.events).get('{"id":1}')).toEqual({ id: 1, title: 'final', body: defaultBody });
  });

  it('emits truncates; status reports the slot and its lag; drop-slot starts over with a snapshot', async () => {
    await sql.query(`CREATE TABLE ledger (id int PRIMARY KEY, memo text)`);
    await sql.query(`INSERT INTO ledger VALUES (1, 'a'), (2, 'b')`);
    const changeSource = await source({ slot: 'cdc_trunc', publication: 'cdc_trunc', tables: ['public.ledger'] });
    const publisher = new RecordingPublisher();
    const running = await capture(changeSource, publisher);
    await waitFor('streaming', () => running.stats().phase === 'streaming');
    await sql.query(`TRUNCATE ledger`);
    await sql.query(`INSERT INTO ledger VALUES (3, 'c')`);
    await waitFor('truncate and insert', () => publisher.events.length === 4);
    await running.stop();
    expect(publisher.events.map((event) => [event.key, event.value.op])).toEqual([
      ['{"id":1}', 'r'],
      ['{"id":2}', 'r'],
      ['null', 't'],
      ['{"id":3}', 'c'],
    ]);
    expect([...foldChangeEvents(publisher.events).keys()]).toEqual(['{"id":3}']);

    const status = await changeSource.status();
    expect(status).toMatchObject({ kind: 'pgoutput', slot: 'cdc_trunc', exists: true, snapshotDone: true });
    expect(status.lagBytes).toBeGreaterThanOrEqual(0n);
    await changeSource.dropSlot();
    expect(await changeSource.status()).toMatchObject({ exists: false, snapshotDone: false });
    expect((await changeSource.open()).snapshotDue).toBe(true);
  });

  it('an idle database keeps its slot lag bounded while other databases write WAL (heartbeat)', async () => {
    await sql.query(`CREATE TABLE quiet (id int PRIMARY KEY)`);
    const changeSource = await source({ slot: 'cdc_idle', publication: 'cdc_idle', tables: ['public.quiet'] });
    const running = await runChangeCapture(
      { source: changeSource, publisher: new RecordingPublisher(), logger: silentLogger },
      { ...captureOptions, heartbeatIntervalMs: 100 },
    );
    captures.push(running);
    await waitFor('streaming', () => running.stats().phase === 'streaming');
    // Another database writes ~8 MB of WAL; this one stays idle.
    const admin = new pg.Client({ connectionString: (await startPostgres()).url });
    await admin.connect();
    await admin.query('CREATE TEMP TABLE wal_filler (payload text)');
    await admin.query(`INSERT INTO wal_filler SELECT repeat(md5(g::text), 40) FROM generate_series(1, 6000) g`);
    await admin.end();
    const after = (await changeSource.status()).currentLsn;
    await waitFor('the slot to confirm past the other database’s WAL', async () => ((await changeSource.status()).confirmedLsn ?? 0n) >= after);
    await running.stop();
    expect((await changeSource.status()).lagBytes).toBeLessThan(1024n * 1024n);
  });
});
