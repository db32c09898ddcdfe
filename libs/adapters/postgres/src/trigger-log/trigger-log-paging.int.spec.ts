import type { RowChange, SourceMessage } from '@ledgerline/cdc';
import { silentLogger } from '@ledgerline/logging';
import { createTestDatabase, type TestDatabase } from '@ledgerline/testing';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPostgresStore } from '../factory.ts';
import { waitFor } from '../pgoutput/pgoutput-test-support.ts';
import type { PostgresTransactionStore } from '../store/postgres-transaction-store.ts';
import { createTriggerLogChangeSource } from './create-trigger-log-change-source.ts';
import type { TriggerLogChangeSource } from './trigger-log-change-source.ts';

// Issue #17 (embedded CDC source), the defect CI found: the log was paged `ORDER BY seq` over a
// `seq::text AS seq` column, so pages came in text order ('10' before '4') while the cursor
// compared bigints: entries were skipped or delivered twice once `seq` crossed 9 -> 10. Small
// pages (7 entries) and more than 100 entries cross 9 -> 10 and 99 -> 100 inside one read.
const PAGE = 7;

interface Streamed {
  changes: RowChange[];
  positions: bigint[];
}

/**
 * Streams `source` until `enough` says stop (checked after every message), recording what it
 * delivered; acknowledges each position when `ack` is set (as the capture does once published).
 */
async function streamUntil(source: TriggerLogChangeSource, enough: (seen: Streamed) => boolean, ack = true): Promise<Streamed> {
  const seen: Streamed = { changes: [], positions: [] };
  const stop = new AbortController();
  const handler = async (message: SourceMessage) => {
    if (message.kind === 'change') seen.changes.push(message.change);
    else {
      seen.positions.push(message.lsn);
      if (ack) await source.acknowledge(message.lsn);
    }
    if (enough(seen)) stop.abort();
  };
  const streaming = source.stream(handler, stop.signal);
  await Promise.race([streaming, waitFor('the stream to deliver', () => stop.signal.aborted, 20_000)]);
  stop.abort();
  await streaming;
  return seen;
}

const seqs = (changes: RowChange[]) => changes.map((change) => Number(change.lsn));
const ids = (changes: RowChange[]) => changes.map((change) => `${change.op}${String((change.after ?? change.before)?.id)}`);
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

describe('trigger-log source paging: every committed entry once, in log order, across pages, late commits and a restart', () => {
  let database: TestDatabase;
  let sql: pg.Client;
  let store: PostgresTransactionStore;
  const open = async (name: string) => {
    const source = createTriggerLogChangeSource({ store }, { name, tables: [`public.${name}_items`], batchRows: PAGE, pollMs: 20 });
    const opened = await source.open();
    if (opened.snapshotDue) {
      await source.readSnapshot(async () => undefined);
      await source.markSnapshotDone();
    }
    return source;
  };

  beforeAll(async () => {
    database = await createTestDatabase('cdc_trigger_log_paging');
    sql = new pg.Client({ connectionString: database.url });
    await sql.connect();
    for (const name of ['late', 'restart']) await sql.query(`CREATE TABLE ${name}_items (id int PRIMARY KEY, note text)`);
    store = await createPostgresStore({ url: database.url, logger: silentLogger });
  }, 60_000);
  afterAll(async () => {
    await store?.close();
    await sql?.end();
    await database?.drop();
  });

  it('a transaction committing after later-seq entries were read is delivered once it commits; pages stay in seq order past 9 -> 10 and 99 -> 100', async () => {
    const source = await open('late');
    const early = new pg.Client({ connectionString: database.url });
    await early.connect();
    try {
      // `early` logs seq 1 and stays open; 120 entries after it (seq 2..121) commit first.
      await early.query('BEGIN');
      await early.query(`INSERT INTO late_items VALUES (0, 'opened first')`);
      await sql.query(`INSERT INTO late_items SELECT g, 'committed first' FROM generate_series(1, 120) g`);
      const first = await streamUntil(source, (seen) => seen.positions.length === 1);
      expect(seqs(first.changes)).toEqual(range(2, 121));

      // Now `early` changes a row read above (seq 122) and commits: seq 1 and 122 come next.
      await early.query(`UPDATE late_items SET note = 'by early' WHERE id = 50`);
      await early.query('COMMIT');
      const second = await streamUntil(source, (seen) => seen.changes.length >= 2 && seen.positions.length >= 1);
      expect(seqs(second.changes)).toEqual([1, 122]);
      expect(ids(second.changes)).toEqual(['c0', 'u50']);
    } finally {
      await early.end().catch(() => undefined);
    }
    expect((await source.status()).lagBytes).toBe(0n);
  });

  it('a restart in the middle of a read replays exactly the unacknowledged entries, each once, in seq order', async () => {
    const first = await open('restart');
    await sql.query(`INSERT INTO restart_items SELECT g, 'acknowledged' FROM generate_series(1, 5) g`);
    const acknowledged = await streamUntil(first, (seen) => seen.positions.length === 1);
    expect(seqs(acknowledged.changes)).toEqual(range(1, 5));

    // 40 entries in four transactions (seq 6..45); the stream stops after 10 of them, mid-read:
    // no position follows them, so nothing of this read is acknowledged.
    for (let tx = 0; tx < 4; tx++) await sql.query(`UPDATE restart_items SET note = 'round ' || $1 WHERE id <= 5`, [tx]);
    await sql.query(`INSERT INTO restart_items SELECT g, 'late' FROM generate_series(6, 25) g`);
    const cut = await streamUntil(first, (seen) => seen.changes.length >= 10);
    expect(cut.positions).toEqual([]);
    expect(seqs(cut.changes)).toEqual(range(6, 6 + cut.changes.length - 1));

    // A new process on the same log: it starts from what the log still holds.
    const second = await open('restart');
    const replay = await streamUntil(second, (seen) => seen.changes.length >= 40 && seen.positions.length >= 1);
    expect(seqs(replay.changes)).toEqual(range(6, 45));
    const notes = replay.changes.filter((change) => change.after?.id === 3).map((change) => change.after?.note);
    expect(notes).toEqual(['round 0', 'round 1', 'round 2', 'round 3']);
    expect((await second.status()).lagBytes).toBe(0n);
  });
});
