import { join } from 'node:path';
import { decodeChangeEvent, foldChangeEvents, type ChangeEvent, type RowImage } from '@ledgerline/cdc';
import { createTestDatabase, repoRoot, startKafka, startNodeProcess, uniqueName, type NodeProcess, type TestDatabase } from '@ledgerline/testing';
import { Kafka, logLevel, type Consumer } from 'kafkajs';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// Fault test 2 of issue #17 on real PostgreSQL and Kafka: the CDC process is SIGKILLed twice while
// a writer commits changes; afterwards every committed change is on the topic and the topic folded
// by key equals the table.
describe('cdc process under SIGKILL', () => {
  let database: TestDatabase;
  let sql: pg.Client;
  let brokers: string[];
  let consumer: Consumer;
  const prefix = uniqueName('cdcfault');
  const slot = uniqueName('slot');
  const received: Array<{ key: string; value: ChangeEvent }> = [];
  let running: NodeProcess | undefined;

  beforeAll(async () => {
    database = await createTestDatabase('cdc_fault');
    ({ brokers } = await startKafka());
    sql = new pg.Client({ connectionString: database.url });
    await sql.connect();
    await sql.query(`CREATE TABLE accounts (id int PRIMARY KEY, version int NOT NULL, note text)`);
    await sql.query(`INSERT INTO accounts SELECT g, 0, 'n' || g FROM generate_series(1, 2000) g`);
  });
  afterAll(async () => {
    running?.kill('SIGKILL');
    await running?.exited;
    await consumer?.disconnect();
    await sql?.query('SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE database = current_database()').catch(() => undefined);
    await sql?.end();
    await database?.drop();
  });

  function startCdc(): NodeProcess {
    return startNodeProcess(['--import', 'tsx', join('apps', 'cdc', 'src', 'main.ts')], ['serve', '--stats-interval', '0'], {
      cwd: repoRoot(),
      env: {
        DATABASE_URL: database.url,
        KAFKA_BROKERS: brokers.join(','),
        CDC_SLOT: slot,
        CDC_PUBLICATION: slot,
        CDC_TABLES: 'public.accounts',
        CDC_TOPIC_PREFIX: prefix,
        CDC_HEARTBEAT_SECONDS: '1',
        CDC_METRICS_PORT: '0',
        LOG_FORMAT: 'json',
      },
    });
  }
  async function waitFor(what: string, condition: () => boolean | Promise<boolean>, timeoutMs = 60_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!(await condition())) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what} (${received.length} events); cdc output:\n${running?.output.slice(-20).join('\n')}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  it('resumes from the confirmed LSN after each SIGKILL: nothing committed is missing, the fold equals the table', async () => {
    const committed: Array<[number, number]> = [];
    let writing = true;
    const writer = (async () => {
      for (let round = 1; writing; round += 1) {
        const id = 1 + ((round * 37) % 2000);
        // Small transactions, some of several rows, as an application writes them.
        const result = await sql.query<{ id: number; version: number }>(
          `UPDATE accounts SET version = version + 1 WHERE id IN ($1, $2) RETURNING id, version`,
          [id, 1 + ((id + 500) % 2000)],
        );
        for (const row of result.rows) committed.push([row.id, row.version]);
        if (round % 50 === 0) await sql.query(`INSERT INTO accounts VALUES ($1, 0, 'new') ON CONFLICT DO NOTHING`, [10_000 + round]);
        if (round % 70 === 0) await sql.query(`DELETE FROM accounts WHERE id = $1`, [10_000 + round - 20]);
        await new Promise((resolve) => setTimeout(resolve, 2));
      }
    })();

    const kafka = new Kafka({ brokers, clientId: 'cdc-fault-test', logLevel: logLevel.NOTHING });
    consumer = kafka.consumer({ groupId: uniqueName('cdc_fault_reader') });
    await consumer.connect();
    running = startCdc();
    await waitFor('the change topic', async () => (await kafka.admin().listTopics()).includes(`${prefix}.public.accounts`));
    await consumer.subscribe({ topic: `${prefix}.public.accounts`, fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ message }) => {
        const decoded = decodeChangeEvent(message.value ?? '');
        if (!decoded.ok) throw new Error(decoded.error);
        received.push({ key: message.key?.toString('utf8') ?? 'null', value: decoded.event });
      },
    });

    for (let kill = 0; kill < 2; kill += 1) {
      const before = received.length;
      await waitFor('events to flow', () => received.length > before + 300);
      running.kill('SIGKILL');
      await running.exited;
      running = startCdc();
    }
    await waitFor('events after the second restart', () => received.filter((e) => e.value.op !== 'r').length > committed.length / 2);
    writing = false;
    await writer;

    const rows = await sql.query<{ id: number; version: number; note: string }>('SELECT id, version, note FROM accounts');
    const expected = new Map<string, RowImage>(rows.rows.map((row) => [JSON.stringify({ id: row.id }), { id: row.id, version: row.version, note: row.note }]));
    const seen = () => new Set(received.map((e) => `${e.value.after?.id}:${e.value.after?.version}`));
    await waitFor('every committed change on the topic', () => {
      const have = seen();
      return committed.every(([id, version]) => have.has(`${id}:${version}`));
    });
    await waitFor('the fold to equal the table', () => JSON.stringify([...foldChangeEvents(received)].sort()) === JSON.stringify([...expected].sort()));
    running.kill('SIGTERM');
    expect((await running.exited).code).toBe(0);

    expect(foldChangeEvents(received)).toEqual(expected);
    expect(received.filter((e) => e.value.op === 'r').length).toBeGreaterThanOrEqual(2000);
    expect(committed.length).toBeGreaterThan(300);
  }, 240_000);
});
