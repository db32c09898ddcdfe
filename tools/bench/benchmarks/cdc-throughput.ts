import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase, startKafka, uniqueName } from '@ledgerline/testing';
import pg from 'pg';
import { buildDebezium, startDebezium } from '../../debezium/debezium-process.ts';
import { defineBenchmark } from '../benchmark.ts';
import { startCdcApp, stopApp, timeTopicFill, topicCounter, waitFor } from '../cdc-bench-support.ts';
import { sampleLoadAverage } from '../load-sampler.ts';
import { percentile } from '../stats.ts';

const median = (values: number[]) => percentile(values, 50);

// CDC Postgres -> Kafka changes/s, ours (`cdc serve`, pgoutput) and Debezium's Postgres connector
// (tools/debezium, embedded engine -> Kafka, acks=all) on the same changes in the same run: both
// slots exist before the changes are written, so each drains the same WAL backlog, one after the
// other (not at the same time: they would share the 2 cores). Each rate is measured on Kafka (the
// topic's end offsets), from its first message to its last, so JVM/process start-up is excluded.
// BENCH_CDC_CHANGES per round (default 100,000: half inserts, half updates, in transactions of
// 1,000 rows), BENCH_CDC_ROUNDS (default 3).

const TABLE = 'public.bench_changes';

export default defineBenchmark({
  name: 'cdc-throughput',
  description: 'CDC Postgres -> Kafka changes/s: ours (pgoutput) and Debezium 3.6.1 on the same changes',
  async run({ log }) {
    const changes = 2 * Math.floor(Number(process.env.BENCH_CDC_CHANGES ?? 100_000) / 2);
    const roundCount = Math.max(1, Number(process.env.BENCH_CDC_ROUNDS ?? 3));
    const rows = Math.floor(changes / 2);
    // Draining deadlines scale with the backlog (at least 500/s ours, 250/s Debezium), so 1M changes fit.
    const oursTimeoutMs = Math.max(600_000, changes * 2);
    const theirsTimeoutMs = Math.max(900_000, changes * 4);
    const load = sampleLoadAverage();
    buildDebezium();
    const database = await createTestDatabase('bench_cdc');
    const { brokers } = await startKafka();
    const counter = topicCounter(brokers);
    const sql = new pg.Client({ connectionString: database.url });
    await sql.connect();
    const dbzDir = mkdtempSync(join(tmpdir(), 'bench-debezium-'));
    const ours = { slot: uniqueName('bench_ours'), prefix: uniqueName('bench_ours') };
    const theirs = { slot: uniqueName('bench_dbz'), prefix: uniqueName('bench_dbz') };
    const oursEnv = {
      DATABASE_URL: database.url,
      KAFKA_BROKERS: brokers.join(','),
      CDC_SLOT: ours.slot,
      CDC_PUBLICATION: ours.slot,
      CDC_TABLES: TABLE,
      CDC_TOPIC_PREFIX: ours.prefix,
    };
    const debeziumOptions = {
      databaseUrl: database.url,
      slot: theirs.slot,
      publication: theirs.slot,
      tables: [TABLE],
      topicPrefix: theirs.prefix,
      sink: { kafka: brokers },
      stateDir: dbzDir,
      // No snapshot: the table is empty when the slot is made, and an empty snapshot stores no
      // offset, so an `initial` restart would snapshot the filled table again (rows as reads, and
      // then only changes after the slot's new position) instead of draining the backlog.
      properties: { 'snapshot.mode': 'no_data' },
    };
    const slotActive = async (slot: string) => (await sql.query('SELECT 1 FROM pg_replication_slots WHERE slot_name = $1 AND active', [slot])).rowCount === 1;
    try {
      await sql.query(`CREATE TABLE ${TABLE} (id int PRIMARY KEY, amount numeric(12,2) NOT NULL, note text NOT NULL, updated_at timestamptz NOT NULL)`);
      await sql.query(`ALTER TABLE ${TABLE} REPLICA IDENTITY FULL`);

      log('creating both slots on the empty table (snapshots of nothing)');
      const app = startCdcApp('serve', oursEnv);
      await waitFor('our slot', () => slotActive(ours.slot), 60_000, () => app.output.join('\n'));
      await stopApp(app);
      const debezium = startDebezium(debeziumOptions);
      await waitFor('Debezium’s slot', () => slotActive(theirs.slot), 120_000, () => debezium.output());
      await debezium.stop();
      // Both sides' topics: one partition each, so both producers do the same work.
      const oursTopic = `${ours.prefix}.${TABLE}`;
      const theirsTopic = `${theirs.prefix}.${TABLE}`;
      for (const topic of [oursTopic, theirsTopic]) await counter.ensureTopic(topic);

      // Rounds alternate the two sides on fresh backlogs (ours, Debezium, ours, Debezium, ...): on a
      // machine shared with other work the load drifts, and a JVM warms up; the median of each
      // side's rounds is reported, every round's rate in the notes.
      const rounds: Array<{ ours: number; theirs: number; writes: number }> = [];
      for (let round = 0; round < roundCount; round += 1) {
        const firstId = round * rows + 1;
        log(`round ${round + 1}/${roundCount}: writing ${changes} changes (${rows} inserts, ${rows} updates)`);
        const writeStart = performance.now();
        for (let from = firstId; from < firstId + rows; from += 1_000) {
          const to = Math.min(firstId + rows - 1, from + 999);
          await sql.query(`INSERT INTO ${TABLE} SELECT g, g * 0.01, 'note ' || g, now() FROM generate_series($1::int, $2::int) g`, [from, to]);
        }
        for (let from = firstId; from < firstId + rows; from += 1_000) {
          await sql.query(`UPDATE ${TABLE} SET amount = amount + 1, updated_at = now() WHERE id BETWEEN $1 AND $2`, [from, Math.min(firstId + rows - 1, from + 999)]);
        }
        const writes = (changes * 1000) / (performance.now() - writeStart);

        log(`round ${round + 1}: ours draining the backlog`);
        const app = startCdcApp('serve', oursEnv);
        const oursBase = await counter.count(oursTopic);
        const oursRate = await timeTopicFill(async () => (await counter.count(oursTopic)) - oursBase, changes, oursTimeoutMs, () => app.output.slice(-5).join('\n'));
        await stopApp(app);

        log(`round ${round + 1}: Debezium draining the same backlog`);
        const debezium = startDebezium(debeziumOptions);
        const theirsBase = await counter.count(theirsTopic);
        const theirsRate = await timeTopicFill(async () => (await counter.count(theirsTopic)) - theirsBase, changes, theirsTimeoutMs, () => debezium.output());
        await debezium.stop();
        rounds.push({ ours: oursRate.perSecond, theirs: theirsRate.perSecond, writes });
        log(`round ${round + 1}: ours ${Math.round(oursRate.perSecond)}/s, Debezium ${Math.round(theirsRate.perSecond)}/s`);
      }
      load.stop();
      const oursMedian = median(rounds.map((r) => r.ours));
      const theirsMedian = median(rounds.map((r) => r.theirs));

      return {
        metrics: [
          { name: 'ours (cdc serve, pgoutput), median of rounds', value: oursMedian, unit: 'changes/s' },
          { name: 'Debezium 3.6.1 (embedded, Kafka sink), median of rounds', value: theirsMedian, unit: 'changes/s' },
          { name: 'ours / Debezium', value: oursMedian / theirsMedian, unit: 'ratio' },
          { name: 'writing the changes (PostgreSQL), median', value: median(rounds.map((r) => r.writes)), unit: 'changes/s' },
        ],
        notes: [
          `${roundCount} rounds of ${changes} changes (${rows} inserts then ${rows} updates of a 4-column row, transactions of 1,000 rows, REPLICA IDENTITY FULL), ` +
            'written while both captures are stopped; then each drains the same backlog alone (ours first, then Debezium); rate = new messages on its Kafka topic (1 partition, created beforehand) from the first to the last, so start-up is excluded',
          `per round, ours / Debezium changes/s: ${rounds.map((r) => `${Math.round(r.ours)} / ${Math.round(r.theirs)}`).join('; ')}`,
          'ours: apps/cdc `serve` from source through tsx (max batch 2,000 events), kafkajs acks=all; Debezium: debezium-embedded + connector-postgres 3.6.1.Final on Java 17, ' +
            'JSON converter without schemas, KafkaProducer acks=all linger 5 ms, offsets marked after producer.flush() per batch (max.batch.size 2048, poll.interval.ms 100)',
          changes * roundCount >= 1_000_000
            ? `the issue's 1M changes: BENCH_CDC_CHANGES=${changes} BENCH_CDC_ROUNDS=${roundCount} (the default is 3 x 100,000)`
            : `the issue asks for 1M changes; the default is 3 x 100,000 (BENCH_CDC_CHANGES per round, BENCH_CDC_ROUNDS) to keep the run to minutes on a shared 2-core machine`,
          `machine load during the run (shared with other work): ${load.summary()}`,
        ],
      };
    } finally {
      load.stop();
      await counter.close();
      await sql.query('SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE database = current_database() AND NOT active').catch(() => undefined);
      await sql.end();
      await database.drop().catch((error: unknown) => log(`could not drop the bench database: ${String(error)}`));
      rmSync(dbzDir, { recursive: true, force: true });
    }
  },
});
