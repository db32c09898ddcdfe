import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StreamOffset } from '../ports/store-records.ts';
import type { EventPublisher } from '../stream/event-publisher.port.ts';
import type { EachBatchHandler, EventSubscriber, Subscription } from '../stream/event-subscriber.port.ts';
import type { TopicAdmin } from '../stream/topic-admin.port.ts';

export interface EventBusUnderTest {
  publisher: EventPublisher;
  subscriber: EventSubscriber;
  admin: TopicAdmin;
  cleanup: () => Promise<void>;
}

export interface EventBusContractOptions {
  /** How long to wait for expected events (a real broker needs seconds to join a group). */
  waitMs?: number;
}

interface Seen {
  partition: number;
  offset: string;
  key: string | null;
  value: Buffer;
  headers: Record<string, string>;
  timestamp: string;
}

interface ConsumeOptions {
  topic: string;
  groupId: string;
  until: (seen: Seen[]) => boolean;
  loadOffsets?: () => Promise<StreamOffset[]>;
}

/** Kafka topic and group names: letters, digits, '_' and '.'; unique per test. */
function uniqueName(prefix: string): string {
  return `${prefix}_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
}

/**
 * The behaviour every event bus adapter must show (architecture §2), run by the in-process bus in
 * a unit spec and by Kafka in an integration spec: per-key order, redelivery of what was not
 * committed, externally stored offsets winning over the bus's own, headers and bytes intact,
 * graceful stop. Each test uses its own topics and groups.
 */
export function describeEventBusContract(
  name: string,
  factory: () => Promise<EventBusUnderTest>,
  options: EventBusContractOptions = {},
): void {
  const waitMs = options.waitMs ?? 5_000;

  describe(`EventBus contract: ${name}`, () => {
    let bus: EventBusUnderTest;

    beforeAll(async () => {
      bus = await factory();
    });

    afterAll(async () => {
      await bus?.cleanup();
    });

    async function newTopic(partitions: number): Promise<string> {
      const topic = uniqueName('contract');
      await bus.admin.ensureTopics([{ name: topic, partitions }]);
      return topic;
    }

    /** Subscribes until `until` holds (then stops gracefully) and returns what was delivered. */
    async function consume(opts: ConsumeOptions): Promise<Seen[]> {
      const seen: Seen[] = [];
      let satisfied!: () => void;
      const enough = new Promise<void>((resolve) => (satisfied = resolve));
      const eachBatch: EachBatchHandler = async (batch) => {
        for (const m of batch.messages) seen.push({ partition: batch.partition, ...m });
        if (opts.until(seen)) satisfied();
      };
      const subscription = await bus.subscriber.run({
        topic: opts.topic,
        groupId: opts.groupId,
        eachBatch,
        loadOffsets: opts.loadOffsets,
      });
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), waitMs)));
      try {
        const outcome = await Promise.race([enough.then(() => 'ok' as const), subscription.done.then(() => 'ended' as const), timeout]);
        if (outcome !== 'ok') {
          throw new Error(`expected events did not arrive (${outcome}); got ${seen.length}: ${describeSeen(seen)}`);
        }
      } finally {
        clearTimeout(timer);
        await subscription.stop();
      }
      return seen;
    }

    it('round-trips keys, value bytes and headers unchanged', async () => {
      const topic = await newTopic(2);
      const binary = Buffer.from([0, 255, 1, 128, 10, 13]);
      await bus.publisher.publish(topic, [
        { key: 'acct-1', value: binary, headers: { 'x-trace': 'abc', 'content-type': 'application/octet-stream' } },
        { key: 'acct-2', value: '{"text":"héllo €"}' },
      ]);
      const seen = await consume({ topic, groupId: uniqueName('g'), until: (s) => s.length >= 2 });
      const first = seen.find((s) => s.key === 'acct-1');
      const second = seen.find((s) => s.key === 'acct-2');
      expect(first?.value.equals(binary)).toBe(true);
      expect(first?.headers).toEqual({ 'x-trace': 'abc', 'content-type': 'application/octet-stream' });
      expect(second?.value.toString('utf8')).toBe('{"text":"héllo €"}');
      expect(second?.headers).toEqual({});
      for (const s of seen) {
        expect(Number.isNaN(Date.parse(s.timestamp))).toBe(false);
        expect(s.offset).toMatch(/^\d+$/);
      }
    });

    it('keeps each key on one partition, in publish order, with consecutive offsets', async () => {
      const topic = await newTopic(3);
      const keys = Array.from({ length: 10 }, (_, i) => `account-${i}`);
      for (let round = 0; round < 6; round += 1) {
        // Interleave keys within each publish so that order is not an accident of grouping.
        const messages = [];
        for (let step = 0; step < 5; step += 1) {
          for (const key of keys) messages.push({ key, value: JSON.stringify({ key, seq: round * 5 + step }) });
        }
        await bus.publisher.publish(topic, messages);
      }
      const seen = await consume({ topic, groupId: uniqueName('g'), until: (s) => s.length >= 300 });
      expect(seen).toHaveLength(300);
      const ends = await bus.admin.endOffsets(topic);
      expect(ends.map((e) => e.partition)).toEqual([0, 1, 2]);
      expect(ends.reduce((sum, e) => sum + Number(e.offset), 0)).toBe(300);
      for (const key of keys) {
        const ofKey = seen.filter((s) => s.key === key);
        expect(new Set(ofKey.map((s) => s.partition)).size).toBe(1);
        expect(ofKey.map((s) => (JSON.parse(s.value.toString()) as { seq: number }).seq)).toEqual(Array.from({ length: 30 }, (_, i) => i));
      }
      const partitions = new Set(seen.map((s) => s.partition));
      expect(partitions.size).toBeGreaterThan(1);
      for (const partition of partitions) {
        const offsets = seen.filter((s) => s.partition === partition).map((s) => Number(s.offset));
        expect(offsets).toEqual(Array.from({ length: offsets.length }, (_, i) => i));
      }
    });

    it('redelivers uncommitted events to the next subscriber of the group, and only those', async () => {
      const topic = await newTopic(1);
      const groupId = uniqueName('g');
      await bus.publisher.publish(topic, Array.from({ length: 20 }, (_, i) => ({ key: 'k', value: `e${i}` })));

      // A subscriber that fails its first batch commits nothing.
      const failed: string[] = [];
      const failing = await bus.subscriber.run({
        topic,
        groupId,
        eachBatch: async (batch) => {
          failed.push(...batch.messages.map((m) => m.offset));
          throw new Error('handler crashed');
        },
      });
      await expect(failing.done).rejects.toThrow('handler crashed');
      await failing.stop();
      expect(failed[0]).toBe('0');
      expect((await bus.admin.consumerLag(topic, groupId)).total).toBe(20);

      const again = await consume({ topic, groupId, until: (s) => s.length >= 20 });
      expect(again.map((s) => s.value.toString())).toEqual(Array.from({ length: 20 }, (_, i) => `e${i}`));

      expect((await bus.admin.consumerLag(topic, groupId)).total).toBe(0);
      // Everything above was committed: a restarted subscriber sees only what is new.
      await bus.publisher.publish(topic, [{ key: 'k', value: 'e20' }]);
      const after = await consume({ topic, groupId, until: (s) => s.length >= 1 });
      expect(after.map((s) => [s.offset, s.value.toString()])).toEqual([['20', 'e20']]);
    });

    it('starts where externally stored offsets say, ahead of or behind what the bus committed', async () => {
      const topic = await newTopic(2);
      const groupId = uniqueName('g');
      // Key 'a' and key 'b' may share a partition; the test reads positions per partition.
      await bus.publisher.publish(topic, Array.from({ length: 30 }, (_, i) => ({ key: 'same-key', value: `e${i}` })));
      const all = await consume({ topic, groupId: uniqueName('probe'), until: (s) => s.length >= 30 });
      const partition = all[0]?.partition ?? 0;

      const ahead = await consume({
        topic,
        groupId,
        loadOffsets: async () => [{ partition, offset: '10' }],
        until: (s) => s.some((e) => e.offset === '29'),
      });
      expect(ahead[0]?.offset).toBe('10');
      expect(ahead).toHaveLength(20);

      // The bus has now committed 30 for this group; the stored position (5) must win.
      const behind = await consume({
        topic,
        groupId,
        loadOffsets: async () => [{ partition, offset: '5' }],
        until: (s) => s.some((e) => e.offset === '29'),
      });
      expect(behind.map((s) => s.offset)).toEqual(Array.from({ length: 25 }, (_, i) => String(i + 5)));

      // No stored position: the group's own committed offset applies.
      await bus.publisher.publish(topic, [{ key: 'same-key', value: 'e30' }]);
      const resumed = await consume({ topic, groupId, loadOffsets: async () => [], until: (s) => s.length >= 1 });
      expect(resumed.map((s) => s.offset)).toEqual(['30']);
    });

    it('stop() signals the batch in flight, waits for it and commits it', async () => {
      const topic = await newTopic(1);
      const groupId = uniqueName('g');
      await bus.publisher.publish(topic, Array.from({ length: 5 }, (_, i) => ({ key: 'k', value: `e${i}` })));
      // A holder, because a batch may arrive before run() has returned the subscription.
      const started: { subscription?: Subscription } = {};
      let stopping: Promise<void> | undefined;
      let sawAbort = false;
      let finished = false;
      const subscription = await bus.subscriber.run({
        topic,
        groupId,
        eachBatch: async (batch) => {
          if (stopping) return;
          while (!started.subscription) await pause(5);
          stopping = started.subscription.stop();
          const deadline = Date.now() + waitMs;
          while (!batch.signal.aborted && Date.now() < deadline) await pause(10);
          sawAbort = batch.signal.aborted;
          finished = true;
        },
      });
      started.subscription = subscription;
      const deadline = Date.now() + waitMs;
      while (!stopping && Date.now() < deadline) await pause(20);
      expect(stopping).toBeDefined();
      await stopping;
      await subscription.done;
      expect(sawAbort).toBe(true);
      expect(finished).toBe(true);

      await bus.publisher.publish(topic, [{ key: 'k', value: 'e5' }]);
      const after = await consume({ topic, groupId, until: (s) => s.length >= 1 });
      expect(after.map((s) => s.offset)).toEqual(['5']);
    });
  });
}

function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function describeSeen(seen: Seen[]): string {
  return seen
    .slice(0, 20)
    .map((s) => `${s.partition}@${s.offset}`)
    .join(',');
}
