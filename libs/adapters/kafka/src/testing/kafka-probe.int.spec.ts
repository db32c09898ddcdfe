import { startKafka, uniqueName } from '@ledgerline/testing';
import { describe, expect, it } from 'vitest';
import { createKafkaEventBus } from '../index.ts';
import { probeKafka, type ProbedRecord } from './index.ts';

// probeKafka is what the apps' tests use instead of kafkajs: each operation on a real broker.
describe('probeKafka on a real broker', () => {
  it('creates, fills, reads back from the start, reports commits and deletes', async () => {
    const { brokers } = await startKafka();
    const probe = await probeKafka(brokers);
    const topic = uniqueName('probe_topic');
    const group = uniqueName('probe_group');
    const bus = createKafkaEventBus({ brokers, clientId: 'probe-test', kafkaLogLevel: 'error' });
    try {
      await probe.createTopic(topic, 2);
      await probe.waitForTopic(topic, 10_000);
      await probe.produce(topic, Array.from({ length: 7 }, (_, i) => ({ key: `k${i % 3}`, value: JSON.stringify({ i }) })), { batchSize: 3 });
      const records: ProbedRecord[] = [];
      const reader = await probe.readFromStart(topic, uniqueName('probe_reader'), (record) => void records.push(record));
      const deadline = Date.now() + 30_000;
      while (records.length < 7 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      await reader.stop();
      expect(records.map((r) => (JSON.parse(String(r.value)) as { i: number }).i).sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6]);
      // Same key, same partition, offsets in order.
      for (const key of ['k0', 'k1', 'k2']) {
        const ofKey = records.filter((r) => r.key === key);
        expect(new Set(ofKey.map((r) => r.partition)).size).toBe(1);
        expect(ofKey.map((r) => r.offset)).toEqual([...ofKey.map((r) => r.offset)].sort((a, b) => a - b));
      }

      // The end per partition is the count of records there (offsets start at 0).
      expect(await probe.endOffsets(topic)).toEqual(new Map([0, 1].map((p) => [p, records.filter((r) => r.partition === p).length])));

      expect(await probe.committedOffset(group, topic, 0)).toBe(-1);
      // A consumer group of the adapter commits; the probe reads what it committed.
      const seen: number[] = [];
      const sub = await bus.subscriber.run({ topic, groupId: group, eachBatch: async (batch) => void seen.push(...batch.messages.map(() => 1)) });
      const until = Date.now() + 30_000;
      while (seen.length < 7 && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
      await sub.stop();
      // Per partition: the next offset to read (the partition's record count), -1 for one without records.
      for (const partition of [0, 1]) {
        const count = records.filter((r) => r.partition === partition).length;
        expect(await probe.committedOffset(group, topic, partition)).toBe(count === 0 ? -1 : count);
      }

      await probe.deleteTopics([topic]);
      await expect(probe.waitForTopic(uniqueName('never_created'), 300)).rejects.toThrow(/timed out after 300 ms waiting for topic/);
    } finally {
      await bus.close();
      await probe.close();
    }
  });
});
