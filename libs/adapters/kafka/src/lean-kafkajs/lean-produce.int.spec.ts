import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startKafka, uniqueName } from '@ledgerline/testing';
import { createKafkaClient, createKafkaEventBus, leanKafkajs, type KafkaEventBus } from '../index.ts';
import { produceRequestCounts } from './install-lean-kafkajs.ts';

// The real broker checks every batch's CRC and layout: what the lean encoder sends must be
// accepted and read back unchanged, keys, headers, multibyte text and all.
// (Buffer header values, which the port does not carry, are compared byte for byte in the unit spec.)
describe('lean produce encoding against a real broker', () => {
  let bus: KafkaEventBus;
  let brokers: string[];

  beforeAll(async () => {
    ({ brokers } = await startKafka());
    bus = createKafkaEventBus({ brokers, clientId: 'lean-produce-test', kafkaLogLevel: 'error' });
  });
  afterAll(async () => {
    await bus?.close();
  });

  it('encodes the adapter’s sends itself, and the broker stores them as sent', async () => {
    expect(leanKafkajs).toEqual({ encoder: 'lean', grouping: 'lean', recordDecoder: 'lean' });
    const topic = uniqueName('lean_produce');
    await bus.admin.ensureTopics([{ name: topic, partitions: 3 }]);
    const before = produceRequestCounts();
    const sent = Array.from({ length: 900 }, (_, i) => ({
      key: `acct-${i % 13}`,
      value: JSON.stringify({ n: i, city: i % 2 ? 'Málaga' : 'Zürich', note: '€🙂' }),
      headers: i % 100 === 0 ? { 'ledgerline-error': `bad event ${i}`, 'source-city': 'Kraków' } : undefined,
    }));
    await bus.publisher.publish(topic, sent.slice(0, 450));
    await bus.publisher.publish(topic, sent.slice(450));
    const after = produceRequestCounts();
    expect(after.lean - before.lean).toBeGreaterThanOrEqual(2);
    expect(after.kafkajs).toBe(before.kafkajs);

    const consumer = createKafkaClient({ brokers, clientId: 'lean-produce-reader', kafkaLogLevel: 'error' }).consumer({ groupId: uniqueName('lean_reader') });
    const received: Array<{ key: string; value: string; headers: Record<string, string> }> = [];
    await consumer.connect();
    try {
      await consumer.subscribe({ topic, fromBeginning: true });
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`read ${received.length} of ${sent.length} within 30 s`)), 30_000);
        void consumer.run({
          eachMessage: async ({ message }) => {
            const headers = Object.fromEntries(Object.entries(message.headers ?? {}).map(([k, v]) => [k, String(v)]));
            received.push({ key: message.key!.toString('utf8'), value: message.value!.toString('utf8'), headers });
            if (received.length === sent.length) {
              clearTimeout(timer);
              resolve();
            }
          },
        });
      });
    } finally {
      await consumer.disconnect();
    }
    const expected = sent.map((m) => ({ key: m.key, value: m.value, headers: m.headers ?? {} }));
    const byValue = (a: { value: string }, b: { value: string }) => a.value.localeCompare(b.value);
    expect(received.sort(byValue)).toEqual(expected.sort(byValue));
  });
});
