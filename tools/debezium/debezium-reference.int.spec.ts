import { createHash } from 'node:crypto';
import { runChangeCapture, UNAVAILABLE_VALUE, type ChangeCapture, type ChangeEvent } from '@ledgerline/cdc';
import type { EventPublisher, OutgoingEvent } from '@ledgerline/ingestion';
import { silentLogger } from '@ledgerline/logging';
import { createPgoutputChangeSource } from '@ledgerline/postgres';
import { createTestDatabase, type TestDatabase } from '@ledgerline/testing';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDebezium, startDebezium, type DebeziumEvent, type DebeziumProcess } from './debezium-process.ts';

/** The comparable part of an event: what issue #17 asks to be equal field by field. */
interface Comparable {
  table: string;
  op: string;
  key: unknown;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

class CollectingPublisher implements EventPublisher {
  readonly events: Comparable[] = [];
  async publish(_topic: string, messages: OutgoingEvent[]): Promise<void> {
    for (const message of messages) {
      const value = JSON.parse(String(message.value)) as ChangeEvent;
      this.events.push({ table: value.source.table, op: value.op, key: JSON.parse(message.key), before: value.before, after: value.after });
    }
  }
  async flush(): Promise<void> {}
  async close(): Promise<void> {}
}

function comparableDebezium(event: DebeziumEvent): Comparable {
  if (!event.value) throw new Error(`a tombstone from Debezium (tombstones.on.delete is off): ${JSON.stringify(event)}`);
  return { table: String(event.value.source.table), op: event.value.op, key: event.key, before: event.value.before, after: event.value.after };
}

const DEBEZIUM_ZONED_TIMESTAMP = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/;

/**
 * A Debezium row image with the intended differences (docs/cdc.md, "Differences from Debezium")
 * applied, so what is left must be equal:
 * 1. timestamptz: Debezium's ZonedTimestamp has microseconds (`…05.678901Z`), ours is the
 *    driver's Date in milliseconds (`…05.678Z`): the same instant, truncated to the millisecond;
 * 2. json/jsonb: Debezium sends the JSON text as a string (`io.debezium.data.Json`), we send the
 *    parsed JSON value.
 */
const JSON_COLUMNS = new Set(['tags']);
function asOurs(image: Record<string, unknown> | null): Record<string, unknown> | null {
  if (!image) return image;
  return Object.fromEntries(
    Object.entries(image).map(([column, value]) => {
      if (typeof value === 'string' && DEBEZIUM_ZONED_TIMESTAMP.test(value)) return [column, new Date(value).toISOString()];
      if (typeof value === 'string' && JSON_COLUMNS.has(column)) return [column, JSON.parse(value) as unknown];
      return [column, value];
    }),
  );
}

/** Long strings (the TOASTed body) as length + digest, so a failure message stays readable. */
function short(image: Record<string, unknown> | null): Record<string, unknown> | null {
  if (!image) return image;
  return Object.fromEntries(Object.entries(image).map(([column, value]) => [column, typeof value === 'string' && value.length > 200 ? `${value.length} chars, sha256 ${createHash('sha256').update(value).digest('hex').slice(0, 16)}` : value]));
}

const waitFor = async (what: string, condition: () => boolean | Promise<boolean>, details: () => string, timeoutMs = 90_000) => {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}\n${details()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
};

// Issue #17 section 2: the same scripted changes through our pgoutput capture and through
// Debezium's Postgres connector (embedded engine, Maven Central jars, Java 17; tools/debezium),
// on one database with a slot each. The events must be equal field by field (op, key, before,
// after) except for the differences listed in docs/cdc.md ("Differences from Debezium").
describe('CDC events equal Debezium’s, field by field', () => {
  let database: TestDatabase;
  let sql: pg.Client;
  let capture: ChangeCapture | undefined;
  let debezium: DebeziumProcess | undefined;
  const ours = new CollectingPublisher();

  beforeAll(async () => {
    buildDebezium();
    database = await createTestDatabase('cdc_debezium');
    sql = new pg.Client({ connectionString: database.url });
    await sql.connect();
    await sql.query(`CREATE TABLE accounts (id int PRIMARY KEY, owner text NOT NULL, balance numeric(14,2) NOT NULL, opened_at timestamptz NOT NULL, active boolean NOT NULL, tags jsonb)`);
    await sql.query(`CREATE TABLE docs (id int PRIMARY KEY, title text NOT NULL, body text)`);
    await sql.query(`INSERT INTO accounts SELECT g, 'owner ' || g, g * 10.25, '2026-01-02T03:04:05.678Z'::timestamptz + g * interval '1 hour', g % 2 = 0, NULL FROM generate_series(1, 5) g`);
    await sql.query(`INSERT INTO docs VALUES (1, 'readme', 'short')`);
  });
  afterAll(async () => {
    await capture?.stop();
    await debezium?.stop();
    await sql?.query('SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE database = current_database()').catch(() => undefined);
    await sql?.end();
    await database?.drop();
  });

  it('snapshot, inserts, updates, deletes, an untouched TOASTed column, a multi-row transaction and a truncate', async () => {
    // Ours first: it sets REPLICA IDENTITY FULL on the tables (its default); Debezium then sees the
    // same tables, so both read the same WAL.
    const source = await createPgoutputChangeSource({ url: database.url, slot: 'ours', publication: 'ours', tables: ['public.accounts', 'public.docs'], logger: silentLogger });
    capture = await runChangeCapture({ source, publisher: ours, logger: silentLogger }, { topicPrefix: 'ours', maxBatchDelayMs: 20, heartbeatIntervalMs: 0 });
    await waitFor('our snapshot', () => capture!.stats().phase === 'streaming', () => JSON.stringify(capture!.stats()));
    debezium = startDebezium({ databaseUrl: database.url, slot: 'dbz', publication: 'dbz', tables: ['public.accounts', 'public.docs'], topicPrefix: 'dbz', sink: { jsonl: true } });
    await waitFor('Debezium’s snapshot', () => debezium!.events().length >= 6, () => debezium!.output());
    await waitFor('Debezium’s stream', async () => (await sql.query(`SELECT 1 FROM pg_replication_slots WHERE slot_name = 'dbz' AND active`)).rowCount === 1, () => debezium!.output());

    // The script.
    const big = `(SELECT string_agg(md5(random()::text), '') FROM generate_series(1, 6000))`; // ~200 kB: TOASTed
    await sql.query(`INSERT INTO accounts VALUES (6, 'six', 0.10, '2026-03-04T05:06:07.089123Z', true, '{"tier": "gold", "limits": [1, 2]}')`);
    await sql.query(`UPDATE accounts SET balance = balance + 1.01, tags = '{"tier": "silver"}' WHERE id = 6`);
    await sql.query(`DELETE FROM accounts WHERE id = 5`);
    await sql.query(`INSERT INTO docs VALUES (2, 'draft', ${big})`);
    await sql.query(`UPDATE docs SET title = 'final' WHERE id = 2`); // body untouched: TOASTed, unchanged
    await sql.query('BEGIN');
    await sql.query(`UPDATE accounts SET active = NOT active WHERE id BETWEEN 1 AND 3`);
    await sql.query(`INSERT INTO accounts VALUES (7, 'seven', 7.00, '2026-05-06T07:08:09Z', false, NULL)`);
    await sql.query(`DELETE FROM accounts WHERE id = 4`);
    await sql.query(`UPDATE accounts SET id = 70 WHERE id = 7`); // a key change: delete + create
    await sql.query('COMMIT');
    await sql.query(`TRUNCATE docs`);
    await sql.query(`INSERT INTO docs VALUES (3, 'after truncate', NULL)`);

    const expectedCount = 6 + 14;
    await waitFor('our events', () => ours.events.length >= expectedCount, () => JSON.stringify(ours.events.slice(-3)));
    await waitFor('Debezium’s events', () => debezium!.events().length >= expectedCount, () => debezium!.output());
    await new Promise((resolve) => setTimeout(resolve, 500));
    const theirs = debezium.events().map(comparableDebezium);
    expect(ours.events).toHaveLength(expectedCount);
    expect(theirs).toHaveLength(expectedCount);

    // Per table, in log order (the two captures interleave tables differently only across topics).
    for (const table of ['accounts', 'docs']) {
      const mine = ours.events.filter((e) => e.table === table);
      const reference = theirs.filter((e) => e.table === table);
      expect(mine.map((e) => [e.op, e.key])).toEqual(reference.map((e) => [e.op, e.key]));
      for (let i = 0; i < mine.length; i += 1) {
        const [m, r] = [mine[i]!, reference[i]!];
        expect({ at: i, before: short(m.before), after: short(m.after) }).toEqual({ at: i, before: short(asOurs(r.before)), after: short(asOurs(r.after)) });
      }
    }
    // The untouched TOASTed column: with REPLICA IDENTITY FULL both send the value (Debezium too
    // takes it from the old row), not the unavailable-value placeholder.
    const toastBody = (events: Comparable[]) => String(events.find((e) => e.table === 'docs' && e.op === 'u')?.after?.body);
    expect(toastBody(ours.events).length).toBeGreaterThan(100_000);
    expect(toastBody(ours.events) === toastBody(theirs)).toBe(true);
    expect(toastBody(theirs) === UNAVAILABLE_VALUE).toBe(false);
    expect(theirs.map((e) => e.op)).toContain('t');
    // The microseconds difference, as it shows (intended difference 2).
    const six = (events: Comparable[]) => events.find((e) => e.table === 'accounts' && e.op === 'c' && (e.key as { id: number }).id === 6)?.after?.opened_at;
    expect([six(ours.events), six(theirs)]).toEqual(['2026-03-04T05:06:07.089Z', '2026-03-04T05:06:07.089123Z']);
  }, 240_000);
});
