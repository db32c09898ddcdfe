import { afterEach, describe, expect, it } from 'vitest';
import type { Subscription } from '@ledgerline/ingestion';
import { createLogger } from '@ledgerline/logging';
import { startKafka, uniqueName } from '@ledgerline/testing';
import { createKafkaEventBus, type KafkaEventBus } from './index.ts';

// A sink that joins a group waiting for a member that does not answer says so, with the group and
// the time waited (issue #22: it said nothing for ~17 s after a restart). Real broker.
describe('KafkaSubscriber while the group rebalances', () => {
  const opened: Array<{ bus: KafkaEventBus; subscription?: Subscription }> = [];
  afterEach(async () => {
    for (const { bus, subscription } of opened.splice(0).reverse()) {
      await subscription?.stop().catch(() => undefined);
      await bus.close().catch(() => undefined);
    }
  });

  it('logs "waiting for partition assignment" with group and elapsed time until it is assigned', async () => {
    const { brokers } = await startKafka();
    const topic = uniqueName('assign');
    const groupId = uniqueName('assign_group');
    const lines: Array<{ message: string; group?: string; waited_s?: number; scope?: string }> = [];
    const logger = createLogger({ level: 'info', format: 'json', write: (line) => lines.push(JSON.parse(line) as { message: string }) });
    const first = createKafkaEventBus({ brokers, clientId: 'assign-a', kafkaLogLevel: 'error', subscriber: { sessionTimeoutMs: 6_000, heartbeatIntervalMs: 1_000 } });
    opened.push({ bus: first });
    await first.admin.ensureTopics([{ name: topic, partitions: 2 }]);
    await first.publisher.publish(topic, [{ key: 'a', value: 'one' }, { key: 'b', value: 'two' }]);

    // Member A takes a batch and does not return (like a process that hangs or died): the group
    // waits for it until its session times out (6 s), as it waited for a SIGKILLed sink.
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let busy!: () => void;
    const aBusy = new Promise<void>((resolve) => (busy = resolve));
    const a = await first.subscriber.run({ topic, groupId, eachBatch: async () => { busy(); await released; } });
    opened[0]!.subscription = a;
    await aBusy;

    const second = createKafkaEventBus({ brokers, clientId: 'assign-b', logger, kafkaLogLevel: 'error', subscriber: { assignmentWaitLogMs: 300 } });
    const b = await second.subscriber.run({ topic, groupId, eachBatch: async () => undefined });
    opened.push({ bus: second, subscription: b });
    const waiting = () => lines.filter((l) => l.message === 'waiting for partition assignment');
    const deadline = Date.now() + 30_000;
    while (waiting().length < 3 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    const seen = waiting();
    expect(seen.length).toBeGreaterThanOrEqual(3);
    expect(seen.every((l) => l.group === groupId)).toBe(true);
    const waited = seen.map((l) => l.waited_s ?? -1);
    expect(waited).toEqual([...waited].sort((x, y) => x - y));
    expect(waited.at(-1)).toBeGreaterThan(waited[0] ?? 0);

    const until = Date.now() + 60_000;
    while (!lines.some((l) => l.message === 'partition assignment received') && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(lines.find((l) => l.message === 'partition assignment received')).toMatchObject({ group: groupId });
    // Assigned: no more waiting lines.
    const count = waiting().length;
    await new Promise((resolve) => setTimeout(resolve, 900));
    expect(waiting().length).toBe(count);
    release();
  }, 120_000);
});
