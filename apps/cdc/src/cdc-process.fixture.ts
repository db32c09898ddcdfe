import { join } from 'node:path';
import { decodeChangeEvent, type ChangeEvent } from '@ledgerline/cdc';
import { repoRoot, startNodeProcess, type NodeProcess } from '@ledgerline/testing';
import { probeKafka } from '@ledgerline/kafka/testing';

/** The real `cdc serve` process (the app's source through tsx), as the fault tests run it. */
export function startCdcProcess(env: { databaseUrl: string; brokers: string[]; slot: string; prefix: string; tables: string; extra?: Record<string, string> }): NodeProcess {
  return startNodeProcess(['--import', 'tsx', join('apps', 'cdc', 'src', 'main.ts')], ['serve', '--stats-interval', '0'], {
    cwd: repoRoot(),
    keepLines: 400,
    env: {
      DATABASE_URL: env.databaseUrl,
      KAFKA_BROKERS: env.brokers.join(','),
      CDC_SLOT: env.slot,
      CDC_PUBLICATION: env.slot,
      CDC_TABLES: env.tables,
      CDC_TOPIC_PREFIX: env.prefix,
      CDC_HEARTBEAT_SECONDS: '1',
      CDC_METRICS_PORT: '0',
      LOG_FORMAT: 'json',
      ...env.extra,
    },
  });
}

export interface ReceivedEvent {
  key: string;
  value: ChangeEvent;
  partition: number;
  offset: number;
}

/** The reader of a change topic; disconnect() stops it and closes its broker connections. */
export interface ChangeTopicConsumer {
  disconnect(): Promise<void>;
  /** The topic's end now: per partition, the offset its next record will get. */
  end(): Promise<Map<number, number>>;
}

/** Reads a change topic from the beginning (a fresh group) into `events`, decoded; refuses anything else. */
export async function readChangeTopic(brokers: string[], topic: string, groupId: string): Promise<{ events: ReceivedEvent[]; consumer: ChangeTopicConsumer }> {
  const kafka = await probeKafka(brokers, { clientId: 'cdc-fault-test' });
  try {
    await kafka.waitForTopic(topic);
    const events: ReceivedEvent[] = [];
    await kafka.readFromStart(topic, groupId, (record) => {
      const decoded = decodeChangeEvent(record.value ?? '');
      if (!decoded.ok) throw new Error(decoded.error);
      events.push({ key: record.key ?? 'null', value: decoded.event, partition: record.partition, offset: record.offset });
    });
    return { events, consumer: { disconnect: () => kafka.close(), end: () => kafka.endOffsets(topic) } };
  } catch (error) {
    await kafka.close();
    throw error;
  }
}

/** Whether `events` hold every record below `end` in each partition (offsets only rise per partition). */
export function readUpTo(events: ReceivedEvent[], end: Map<number, number>): boolean {
  const next = new Map<number, number>();
  for (const event of events) next.set(event.partition, Math.max(next.get(event.partition) ?? 0, event.offset + 1));
  return [...end].every(([partition, high]) => (next.get(partition) ?? 0) >= high);
}

export async function waitUntil(what: string, condition: () => boolean | Promise<boolean>, timeoutMs = 60_000, details: () => string = () => ''): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${details() ? `: ${details()}` : ''}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
