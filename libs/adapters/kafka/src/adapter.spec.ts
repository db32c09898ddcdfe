import { loadConfig, ConfigError } from '@ledgerline/config';
import { describe, expect, it } from 'vitest';
import { kafkaFromEnv, requireKafkaFromEnv } from './adapter.ts';
import { kafkaOptionsFromEnv, streamSettingsFromEnv } from './configuration.ts';

const envOf = (vars: Record<string, string>) => loadConfig({ env: vars, dotenvPath: false });

// The factory owns every KAFKA_* variable: apps get the ports and the stream's shape from it.
describe('kafkaFromEnv', () => {
  it('reads brokers, client id, topic, group and partitions, and gives the DLQ as many partitions as its topic', async () => {
    const env = envOf({ KAFKA_BROKERS: 'k1:9092,k2:9093', KAFKA_CLIENT_ID: 'acme', KAFKA_TOPIC: 'tx', KAFKA_GROUP_ID: 'g', KAFKA_PARTITIONS: '12' });
    expect(kafkaOptionsFromEnv(env)).toEqual({ brokers: ['k1:9092', 'k2:9093'], clientId: 'acme', client: 'kafkajs', stream: { topic: 'tx', groupId: 'g', partitions: 12, deadLetterPartitions: 12 } });
    const kafka = kafkaFromEnv(env, { role: 'stream-sink' });
    expect(kafka?.stream).toEqual({ topic: 'tx', groupId: 'g', partitions: 12, deadLetterPartitions: 12 });
    expect(kafka?.streamTopics()).toEqual([
      { name: 'tx', partitions: 12 },
      { name: 'tx.dlq', partitions: 12 },
    ]);
    expect(kafka?.description).toMatch(/^Kafka \(k1:9092,k2:9093, topic tx\), client kafkajs /);
    expect(kafka?.capabilities.sharedAcrossProcesses).toBe(true);
    await kafka?.close();
  });

  it('runs the ports on the client library KAFKA_CLIENT names, and refuses one it does not know', async () => {
    const kafka = kafkaFromEnv(envOf({ KAFKA_BROKERS: 'k1:9092', KAFKA_CLIENT: 'platformatic' }));
    expect(kafka?.description).toBe('Kafka (k1:9092, topic transactions), client @platformatic/kafka');
    expect(kafka?.publisher.constructor.name).toBe('PlatformaticPublisher');
    expect(kafka?.subscriber.constructor.name).toBe('PlatformaticSubscriber');
    await kafka?.close();
    expect(() => envOf({ KAFKA_BROKERS: 'k1:9092', KAFKA_CLIENT: 'rdkafka' })).toThrow(/KAFKA_CLIENT/);
  });

  it('is undefined without KAFKA_BROKERS, while the stream keeps its settings for the in-process bus', () => {
    const env = envOf({ KAFKA_PARTITIONS: '3' });
    expect(kafkaFromEnv(env)).toBeUndefined();
    expect(streamSettingsFromEnv(env)).toEqual({ topic: 'transactions', groupId: 'ledgerline-stream-sink', partitions: 3, deadLetterPartitions: 3 });
  });

  it('refuses a standalone process without Kafka with a ConfigError naming KAFKA_BROKERS and the process', () => {
    const refusal = (() => {
      try {
        requireKafkaFromEnv(envOf({}), 'stream sink');
      } catch (error) {
        return error;
      }
      return undefined;
    })();
    expect(refusal).toBeInstanceOf(ConfigError);
    expect(String((refusal as Error).message)).toMatch(/KAFKA_BROKERS: is not set.*stream sink needs Kafka/s);
  });
});
