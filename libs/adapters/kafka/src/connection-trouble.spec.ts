import { describe, expect, it } from 'vitest';
import { createLogger, type LogFields } from '@ledgerline/logging';
import { ConnectionTroubleCollapser } from './connection-trouble.ts';
import { kafkaLogCreator } from './kafka-log-bridge.ts';
import { logLevel } from './kafkajs-runtime.ts';

function recordingLogger() {
  const lines: Array<{ level: string; message: string } & LogFields> = [];
  const logger = createLogger({ level: 'debug', format: 'json', write: (line) => lines.push(JSON.parse(line) as { level: string; message: string }) });
  return { lines, logger };
}

// What kafkajs 2.2.4 logs while the broker restarts (from a fault-test run, fields trimmed).
const RESTART_LINES = [
  { namespace: 'Connection', level: logLevel.ERROR, log: { message: 'Connection error: connect ECONNREFUSED 127.0.0.1:9092', broker: '127.0.0.1:9092' } },
  { namespace: 'BrokerPool', level: logLevel.ERROR, log: { message: 'Failed to connect to seed broker, trying another broker from the list: Connection error: connect ECONNREFUSED 127.0.0.1:9092', retryCount: 1 } },
  { namespace: 'Connection', level: logLevel.ERROR, log: { message: 'Response Metadata(key: 3, version: 6)', broker: '127.0.0.1:9092', error: 'There is no leader for this topic-partition as we are in the middle of a leadership election' } },
  { namespace: 'Connection', level: logLevel.ERROR, log: { message: 'Response InitProducerId(key: 22, version: 1)', error: "The coordinator is loading and hence can't process requests for this group" } },
];

describe('kafkajs connection errors', () => {
  it('become one warning, then one summary with the retry count, instead of an ERROR line each', () => {
    const { lines, logger } = recordingLogger();
    let clock = 0;
    const collapser = new ConnectionTroubleCollapser(logger, 10_000, () => clock);
    const log = kafkaLogCreator(logger, collapser)(logLevel.DEBUG);
    for (let i = 0; i < 40; i += 1) {
      const entry = RESTART_LINES[i % RESTART_LINES.length]!;
      clock += 100;
      log({ namespace: entry.namespace, level: entry.level, label: 'ERROR', log: { timestamp: '', ...entry.log } });
    }
    // Other kafkajs lines are not touched.
    log({ namespace: 'Consumer', level: logLevel.ERROR, label: 'ERROR', log: { timestamp: '', message: 'Crash: KafkaJSNonRetriableError' } });
    expect(lines.map((l) => `${l.level} ${l.message}`)).toEqual(['warn kafka connection trouble; kafkajs retries', 'error Crash: KafkaJSNonRetriableError']);

    collapser.flush();
    expect(lines[2]).toMatchObject({ level: 'warn', message: 'kafka connection trouble: still failing; kafkajs retries', retries: 40 });
    clock += 10_000;
    collapser.flush();
    expect(lines).toHaveLength(3);
    // Quiet for a window: the episode is over; the next error opens a new one.
    log({ namespace: 'Connection', level: logLevel.ERROR, label: 'ERROR', log: { timestamp: '', message: 'Connection error: read ECONNRESET' } });
    expect(lines[3]).toMatchObject({ level: 'warn', message: 'kafka connection trouble; kafkajs retries' });
    expect(lines.filter((l) => l.level === 'error')).toHaveLength(1);
  });

  it('an episode that ends with more errors than its first says how many in its last line', () => {
    const { lines, logger } = recordingLogger();
    let clock = 0;
    const collapser = new ConnectionTroubleCollapser(logger, 1_000, () => clock);
    for (let i = 0; i < 5; i += 1) collapser.record('Connection', 'Connection error: connect ECONNREFUSED', {});
    clock = 5_000;
    collapser.flush();
    expect(lines.map((l) => [l.message, l.retries])).toEqual([
      ['kafka connection trouble; kafkajs retries', undefined],
      ['kafka connection trouble over', 5],
    ]);
  });
});
