import { TerminalError, TransientError } from '@ledgerline/transactions';
import { describe, expect, it } from 'vitest';
import { classifyKafkaError, kafkaFailureKind } from './kafka-failures.ts';
import { kafkajsErrors } from './kafkajs-runtime.ts';

const { KafkaJSConnectionError, KafkaJSNonRetriableError, KafkaJSNumberOfRetriesExceeded, KafkaJSRequestTimeoutError } = kafkajsErrors;
// kafkajs' typings omit these constructors' arguments; at run time they take what kafkajs passes them.
const KafkaJSProtocolError = kafkajsErrors.KafkaJSProtocolError as unknown as new (e: { message: string; type: string; code: number; retriable: boolean }) => Error;
const KafkaJSSASLAuthenticationError = kafkajsErrors.KafkaJSSASLAuthenticationError as unknown as new (message: string) => Error;

// kafkajs' own error classes, built as kafkajs builds them.
describe('Kafka failure classes', () => {
  it('calls a lost broker, a timeout and kafkajs running out of retries transient', () => {
    const refused = new KafkaJSConnectionError('Connection error: connect ECONNREFUSED 127.0.0.1:9092', { broker: '127.0.0.1:9092' });
    expect(kafkaFailureKind(refused)).toBe('transient');
    expect(kafkaFailureKind(new KafkaJSRequestTimeoutError('Request Produce(key: 0, version: 7) timed out'))).toBe('transient');
    expect(kafkaFailureKind(new KafkaJSNumberOfRetriesExceeded(refused, { retryCount: 5, retryTime: 3000 }))).toBe('transient');
    const leaderMoving = new KafkaJSProtocolError({ message: 'There is no leader for this topic-partition', type: 'LEADER_NOT_AVAILABLE', code: 5, retriable: true });
    expect(kafkaFailureKind(leaderMoving)).toBe('transient');
  });

  it('calls a refused login, a non-retriable protocol error and a wrapped non-retriable one terminal', () => {
    expect(kafkaFailureKind(new KafkaJSSASLAuthenticationError('SASL PLAIN authentication failed'))).toBe('terminal');
    const denied = new KafkaJSProtocolError({ message: 'Not authorized to access topics: [Topic authorization failed]', type: 'TOPIC_AUTHORIZATION_FAILED', code: 29, retriable: false });
    expect(kafkaFailureKind(denied)).toBe('terminal');
    expect(kafkaFailureKind(new KafkaJSNonRetriableError(denied))).toBe('terminal');
  });

  it('wraps the verdict around kafkajs\' error and leaves anything else alone', () => {
    const refused = new KafkaJSConnectionError('Connection error: connect ECONNREFUSED 127.0.0.1:9092');
    const classified = classifyKafkaError(refused);
    expect(classified).toBeInstanceOf(TransientError);
    expect((classified as Error).cause).toBe(refused);
    expect((classified as Error).message).toBe(refused.message);
    expect(classifyKafkaError(new KafkaJSSASLAuthenticationError('SASL failed'))).toBeInstanceOf(TerminalError);
    const bug = new TypeError('a bug');
    expect(classifyKafkaError(bug)).toBe(bug);
    expect(kafkaFailureKind(bug)).toBeUndefined();
  });
});
