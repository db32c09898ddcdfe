import { describe, expect, it } from 'vitest';
import { DLQ_HEADERS, decodeTransactionEvent } from '@ledgerline/ingestion';
import { repoRoot } from '@ledgerline/testing';
import { startSinkProcess, type SinkProcess } from './fault-testing/sink-process.ts';
import { useStreamScenarios } from './fault-testing/stream-scenario-fixture.ts';
import { startTcpProxy, type TcpProxy } from './fault-testing/tcp-proxy.ts';
import { waitFor } from './fault-testing/wait-for.ts';

// Fault tests of the realtime stream against a real broker and real PostgreSQL (issue #4).
// Each test has its own topic, consumer group and database. Generous per-test limits: child
// processes take seconds each, many more on a loaded machine. The broker restart is in
// stream-sink.broker-restart.int.spec.ts: it runs alone, after every other spec (vitest.config.ts).
const SLOW_TEST_MS = 150_000;

describe('stream sink under faults', () => {
  const { scenario, brokers, onCleanup } = useStreamScenarios();

  it('loses and duplicates nothing when the sink process is SIGKILLed mid-stream and restarted', async () => {
    const s = await scenario('kill');
    await s.produce({ count: 3_000 });
    const total = s.expectedTransactions().length;

    const env = {
      KAFKA_BROKERS: brokers().join(','),
      KAFKA_TOPIC: s.topic,
      KAFKA_GROUP_ID: s.groupId,
      KAFKA_PARTITIONS: String(s.partitions),
      DATABASE_URL: s.db.url,
      LOG_FORMAT: 'json',
      LOG_LEVEL: 'info',
    };
    // Small batches: many commits, so the kill lands between and inside database transactions.
    const args = ['--max-batch', '20', '--stats-interval', '1', '--session-timeout', '6'];
    const children: SinkProcess[] = [];
    onCleanup(async () => {
      for (const child of children) child.kill('SIGKILL');
    });

    const first = startSinkProcess(repoRoot(), env, args);
    children.push(first);
    await waitFor(async () => (await s.store.countTransactions()) >= 500, {
      timeoutMs: 60_000,
      intervalMs: 20,
      describe: async () => `the first sink to store 500 rows (${await s.progress()})\n${first.output.slice(-20).join('\n')}`,
    });
    first.kill('SIGKILL');
    expect((await first.exited).signal).toBe('SIGKILL');
    const storedAtKill = await s.store.countTransactions();
    // Otherwise the kill proved nothing.
    expect(storedAtKill).toBeLessThan(total);

    const second = startSinkProcess(repoRoot(), env, args);
    children.push(second);
    await s.waitUntilDrained(90_000);
    second.kill('SIGTERM');
    expect((await second.exited).code).toBe(0);
    expect(second.output.some((line) => line.includes('stream sink stopped'))).toBe(true);

    await s.expectExactlyOnce();
  }, SLOW_TEST_MS);

  it('leaves rows untouched when the same events are delivered again (stored offsets rewound, events re-produced)', async () => {
    const s = await scenario('replay');
    await s.produce({ count: 2_000 });
    const firstRun = await s.startSink();
    await s.waitUntilDrained();
    await firstRun.close();
    await s.expectExactlyOnce();
    const ids = s.expectedTransactions().map((t) => t.tx_id);
    const changesBefore = await s.store.transactionChangeInfo(ids);

    // Replay 1: rewind the stored positions to the start of every partition.
    await s.store.saveOffsets(
      s.groupId,
      s.topic,
      Array.from({ length: s.partitions }, (_, partition) => ({ partition, offset: '0' })),
    );
    const replay = await s.startSink();
    await waitFor(() => replay.sink.stats().received >= ids.length, { timeoutMs: 60_000, describe: () => `${replay.sink.stats().received} replayed` });
    await s.waitUntilDrained();
    expect(replay.sink.stats()).toMatchObject({ inserted: 0, updated: 0, unchanged: ids.length });
    expect(await s.store.transactionChangeInfo(ids)).toEqual(changesBefore);

    // Replay 2: the producer sends the very same events again (new offsets). Only source_ref
    // differs, and that is provenance, not content: nothing is rewritten (it was, issue #22).
    const beforeResend = replay.sink.stats();
    await s.republish([...s.produced]);
    await s.waitUntilDrained();
    expect(replay.sink.stats()).toMatchObject({ inserted: 0, updated: 0, unchanged: beforeResend.unchanged + ids.length });
    expect(await s.store.transactionChangeInfo(ids)).toEqual(changesBefore);
    await replay.close();
    await s.expectExactlyOnce();
  }, SLOW_TEST_MS);

  it('sends every poison event to the DLQ with its reason and stores every valid one', async () => {
    const s = await scenario('poison');
    const report = await s.produce({ count: 3_000, poisonRate: 0.01 });
    const poison = Object.values(report.poison).reduce((a, b) => a + b, 0);
    expect(poison).toBeGreaterThan(10);
    expect(poison).toBe(s.poisonCount());

    const running = await s.startSink();
    await s.waitUntilDrained();
    await s.expectExactlyOnce();

    const letters = await s.readDeadLetters(poison);
    expect(letters).toHaveLength(poison);
    expect(s.expectedTransactions().length + letters.length).toBe(report.sent);
    const poisonBytes = s.produced.filter((m) => !decodeTransactionEvent(Buffer.from(m.value)).ok).map((m) => String(m.value)).sort();
    expect(letters.map((l) => l.value.toString('utf8')).sort()).toEqual(poisonBytes);
    for (const letter of letters) {
      expect(letter.headers[DLQ_HEADERS.error]).toMatch(/^invalid (JSON|event): /);
      expect(letter.headers[DLQ_HEADERS.sourceTopic]).toBe(s.topic);
      expect(letter.headers[DLQ_HEADERS.sourceOffset]).toMatch(/^\d+$/);
    }
    expect(running.sink.stats().deadLettered).toBe(poison);
  }, SLOW_TEST_MS);

  it('pauses while PostgreSQL is unreachable for 10 s and resumes without losing or skipping a batch', async () => {
    const s = await scenario('pgdown');
    const target = new URL(s.db.url);
    const proxy: TcpProxy = await startTcpProxy({ host: target.hostname, port: Number(target.port || 5432) });
    onCleanup(() => proxy.close());
    const viaProxy = new URL(s.db.url);
    viaProxy.hostname = '127.0.0.1';
    viaProxy.port = String(proxy.port);

    const running = await s.startSink({ databaseUrl: viaProxy.toString() });
    await s.produce({ count: 1_500 });
    await s.waitUntilDrained();
    const storedBefore = await s.store.countTransactions();

    await proxy.cut();
    const producedDuringOutage = s.produce({ count: 1_500, ratePerSecond: 300 });
    await new Promise((resolve) => setTimeout(resolve, 10_000));
    // Nothing can have been written while the database was unreachable.
    expect(await s.store.countTransactions()).toBe(storedBefore);
    expect(running.sink.stats().retries).toBeGreaterThan(0);
    await proxy.restore();

    await producedDuringOutage;
    await s.waitUntilDrained(60_000);
    await s.expectExactlyOnce();
    expect(running.sink.stats().deadLettered).toBe(0);
  }, SLOW_TEST_MS);
});
