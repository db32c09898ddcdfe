import { describe, expect, it } from 'vitest';
import { Kafka, logLevel } from 'kafkajs';
import { restartKafka, startKafka, uniqueName } from './index.ts';
import { consumeOne } from './kafka-consume-one.test-helper.ts';

// Restarts the shared local broker, so it is a *.broker-restart.int.spec.ts: vitest.config.ts runs
// those after every other spec, one at a time (it had run beside other Kafka specs before).
describe('Kafka harness restart', () => {
  it('restarts the broker on the same address and keeps its data', async () => {
    const { brokers } = await startKafka();
    const kafka = new Kafka({ clientId: 'harness-restart', brokers, logLevel: logLevel.NOTHING });
    const topic = uniqueName('harness_restart');
    const producer = kafka.producer({ allowAutoTopicCreation: true });
    await producer.connect();
    await producer.send({ topic, acks: -1, messages: [{ key: 'before', value: 'restart' }] });
    await producer.disconnect();

    await restartKafka();

    expect(await startKafka()).toEqual({ brokers });
    const got = await consumeOne(kafka, topic, uniqueName('harness_group'));
    expect(got).toMatchObject({ key: 'before', value: 'restart' });
  });
});
