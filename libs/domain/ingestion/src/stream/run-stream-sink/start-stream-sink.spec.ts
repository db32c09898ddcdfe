import { describe, expect, it } from 'vitest';
import { silentLogger } from '@ledgerline/logging';
import type { TopicAdmin, TopicSpec } from '../topic-admin.port.ts';
import type { EventSubscriber } from '../event-subscriber.port.ts';
import { FakePublisher, FakeTransactionStore } from './fake-stream-deps.test-helper.ts';
import { sinkTopics, startStreamSink } from './start-stream-sink.ts';

describe('startStreamSink', () => {
  it('gives the dead-letter topic as many partitions as the topic (the pipeline gave it 1)', () => {
    expect(sinkTopics('transactions', 6)).toEqual([
      { name: 'transactions', partitions: 6 },
      { name: 'transactions.dlq', partitions: 6 },
    ]);
  });

  it('migrates, waits for the broker, ensures both topics, then runs the sink, in that order', async () => {
    const journal: string[] = [];
    const store = new FakeTransactionStore(journal);
    store.migrate = async () => {
      journal.push('migrate');
    };
    let refusals = 2;
    const admin = {
      ensureTopics: async (topics: TopicSpec[]) => {
        if (refusals-- > 0) throw new Error('broker not ready');
        journal.push(`topics:${topics.map((t) => `${t.name}/${t.partitions}`).join(',')}`);
      },
    } as Pick<TopicAdmin, 'ensureTopics'> as TopicAdmin;
    const subscriber = {
      run: async () => {
        journal.push('subscribe');
        return { stop: async () => undefined, done: new Promise<void>(() => undefined) };
      },
    } as unknown as EventSubscriber;
    const sink = await startStreamSink(
      { subscriber, publisher: new FakePublisher(journal), admin, store, logger: silentLogger },
      { topic: 'tx', groupId: 'g', partitions: 3, signal: new AbortController().signal, statsIntervalMs: 0, sleep: async () => undefined },
    );
    expect(journal).toEqual(['migrate', 'topics:tx/3,tx.dlq/3', 'subscribe']);
    expect(sink.stats().received).toBe(0);
  });
});
