import { join } from 'node:path';
import { createKafkaEventBus } from '@ledgerline/kafka';
import { repoRoot, startNodeProcess, type NodeProcess } from '@ledgerline/testing';

/** The cdc app (`serve`, `land`, `load`) as a process, from its TypeScript source through tsx. */
export function startCdcApp(command: 'serve' | 'land' | 'load', env: Record<string, string>): NodeProcess {
  return startNodeProcess(['--import', 'tsx', join('apps', 'cdc', 'src', 'main.ts')], [command, '--stats-interval', '0'], {
    cwd: repoRoot(),
    keepLines: 200,
    env: { CDC_METRICS_PORT: '0', LOG_FORMAT: 'json', LOG_LEVEL: 'warn', ...env },
  });
}

export async function stopApp(app: NodeProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  app.kill(signal);
  const timer = setTimeout(() => app.kill('SIGKILL'), 30_000);
  await app.exited;
  clearTimeout(timer);
}

export async function waitFor(what: string, condition: () => boolean | Promise<boolean>, timeoutMs: number, details: () => string = () => ''): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what} ${details()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Sum of a topic's partition end offsets: the messages on it (0 when it does not exist yet). */
export function topicCounter(brokers: string[]): { count(topic: string): Promise<number>; ensureTopic(topic: string): Promise<void>; close(): Promise<void> } {
  const bus = createKafkaEventBus({ brokers, clientId: 'bench-cdc-counter', kafkaLogLevel: 'error' });
  return {
    // One partition for every producer compared (a broker's auto-created topic may get more).
    ensureTopic: (topic) => bus.admin.ensureTopics([{ name: topic, partitions: 1 }]),
    count: async (topic) => {
      try {
        if ((await bus.admin.partitionCount(topic)) === undefined) return 0;
        return (await bus.admin.endOffsets(topic)).reduce((sum, o) => sum + Number(o.offset), 0);
      } catch {
        // A topic auto-created a moment ago may have no leader yet ("not the leader"): not yet counted.
        return 0;
      }
    },
    close: () => bus.close(),
  };
}

/**
 * Times a topic filling up to `expected` messages: from the first message seen to the last, so
 * start-up (a JVM's, a process's) is not counted, only the streaming rate.
 */
export async function timeTopicFill(
  count: () => Promise<number>,
  expected: number,
  timeoutMs: number,
  details: () => string,
): Promise<{ firstMs: number; lastMs: number; perSecond: number }> {
  let firstMs = 0;
  let seen = 0;
  await waitFor(
    `${expected} messages`,
    async () => {
      seen = await count();
      if (seen > 0 && firstMs === 0) firstMs = performance.now();
      return seen >= expected;
    },
    timeoutMs,
    () => `(${seen} so far) ${details()}`,
  );
  const lastMs = performance.now();
  return { firstMs, lastMs, perSecond: (expected * 1000) / Math.max(1, lastMs - firstMs) };
}
