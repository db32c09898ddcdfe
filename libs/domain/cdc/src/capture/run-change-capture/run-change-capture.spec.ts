import { silentLogger } from '@ledgerline/logging';
import { describe, expect, it } from 'vitest';
import { decodeChangeEvent } from '../../events/change-event.ts';
import { foldChangeEvents } from '../../events/fold-change-events.ts';
import type { SourceMessage } from '../../events/row-change.ts';
import { FakeChangeSource, FakePublisher, rowChange } from './fake-change-source.test-helper.ts';
import { runChangeCapture } from './run-change-capture.ts';

// A real (1 ms) timer: a retry loop must yield to the event loop, as it does in production.
const noSleep = () => new Promise<void>((resolve) => setTimeout(resolve, 1));
const options = { topicPrefix: 'bank', maxBatchDelayMs: 5, heartbeatIntervalMs: 0, backoff: { initialMs: 1, maxMs: 1, jitter: 0 } };

function decoded(publisher: FakePublisher) {
  return publisher.published.map(({ topic, event }) => {
    const result = decodeChangeEvent(event.value);
    if (!result.ok) throw new Error(result.error);
    return { topic, key: event.key, value: result.event };
  });
}

describe('runChangeCapture', () => {
  it('publishes the snapshot, records it done only after Kafka acked it, then streams', async () => {
    const journal: string[] = [];
    const source = new FakeChangeSource(journal, {
      snapshot: [[rowChange('r', 1, { owner: 'ada' }), rowChange('r', 2, { owner: 'bob' })]],
      log: [{ kind: 'change', change: rowChange('u', 1, { owner: 'ada l.' }, 500n) }, { kind: 'commit', lsn: 510n }],
    });
    const publisher = new FakePublisher(journal);
    const capture = await runChangeCapture({ source, publisher, logger: silentLogger, sleep: noSleep }, options);
    await source.delivered;
    await capture.stop();

    expect(journal).toEqual(['publish bank.public.accounts 2', 'snapshot-done', 'publish bank.public.accounts 1', 'ack 510']);
    const events = decoded(publisher);
    expect(events.map((e) => [e.topic, e.key, e.value.op, e.value.source.snapshot])).toEqual([
      ['bank.public.accounts', '{"id":1}', 'r', 'true'],
      ['bank.public.accounts', '{"id":2}', 'r', 'true'],
      ['bank.public.accounts', '{"id":1}', 'u', 'false'],
    ]);
    expect(events[2]?.value.source).toMatchObject({ db: 'bank', schema: 'public', table: 'accounts', lsn: 500, txId: 7, connector: 'postgresql' });
  });

  it('does not mark the snapshot done when publishing it failed for good', async () => {
    const journal: string[] = [];
    const source = new FakeChangeSource(journal, { snapshot: [[rowChange('r', 1)]], log: [] });
    const publisher = new FakePublisher(journal);
    publisher.failNext = Number.POSITIVE_INFINITY;
    const capture = await runChangeCapture({ source, publisher, logger: silentLogger, sleep: noSleep }, { ...options, stopGraceMs: 20 });
    await new Promise((resolve) => setTimeout(resolve, 30));
    await capture.stop();
    expect(source.snapshotDone).toBe(false);
    expect(journal).not.toContain('snapshot-done');
  });

  it('acknowledges a commit only after every event before it was published, retrying a broker outage', async () => {
    const journal: string[] = [];
    const log: SourceMessage[] = [
      { kind: 'change', change: rowChange('c', 1, {}, 100n) },
      { kind: 'change', change: rowChange('c', 2, {}, 110n) },
      { kind: 'commit', lsn: 120n },
      { kind: 'change', change: rowChange('c', 3, {}, 130n) },
    ];
    const source = new FakeChangeSource(journal, { log });
    const publisher = new FakePublisher(journal);
    publisher.failNext = 2;
    const capture = await runChangeCapture({ source, publisher, logger: silentLogger, sleep: noSleep }, { ...options, maxBatchEvents: 2 });
    await source.delivered;
    await capture.stop();

    // Batch of two (ids 1, 2) fails twice, then lands; only then is 120 acknowledged.
    // id 3 belongs to a transaction whose commit was never seen: published, never acknowledged.
    expect(journal).toEqual([
      'publish-failed bank.public.accounts',
      'publish-failed bank.public.accounts',
      'publish bank.public.accounts 2',
      'publish bank.public.accounts 1',
      'ack 120',
    ]);
    expect(source.acknowledged).toEqual([120n]);
  });

  it('never acknowledges past events whose publish failed, not even when draining on stop', async () => {
    const journal: string[] = [];
    const source = new FakeChangeSource(journal, {
      log: [{ kind: 'change', change: rowChange('u', 1, {}, 100n) }, { kind: 'commit', lsn: 105n }],
    });
    const publisher = new FakePublisher(journal);
    publisher.failNext = Number.POSITIVE_INFINITY;
    const capture = await runChangeCapture({ source, publisher, logger: silentLogger, sleep: noSleep }, { ...options, stopGraceMs: 20 });
    await source.delivered;
    await new Promise((resolve) => setTimeout(resolve, 30));
    await capture.stop();
    expect(source.acknowledged).toEqual([]);
  });

  it('never acknowledges while a batch before the position is still in flight', async () => {
    const journal: string[] = [];
    const source = new FakeChangeSource(journal, {
      log: [{ kind: 'change', change: rowChange('c', 1, {}, 100n) }, { kind: 'commit', lsn: 105n }],
    });
    const publisher = new FakePublisher(journal);
    let release!: () => void;
    publisher.gate = new Promise((resolve) => (release = resolve));
    const capture = await runChangeCapture({ source, publisher, logger: silentLogger, sleep: noSleep }, options);
    await source.delivered;
    await new Promise((resolve) => setTimeout(resolve, 30)); // several timer flush attempts
    expect(source.acknowledged).toEqual([]);
    release();
    await capture.stop();
    expect(journal).toEqual(['publish bank.public.accounts 1', 'ack 105']);
  });

  it('acknowledges heartbeat positions of an idle database (no events at all)', async () => {
    const journal: string[] = [];
    const source = new FakeChangeSource(journal, { log: [{ kind: 'position', lsn: 900n }] });
    const capture = await runChangeCapture({ source, publisher: new FakePublisher(journal), logger: silentLogger, sleep: noSleep }, options);
    await source.delivered;
    await capture.stop();
    expect(journal).toEqual(['ack 900']);
  });

  it('turns a primary-key update into a delete of the old key and a create of the new one', async () => {
    const journal: string[] = [];
    const keyChange = { ...rowChange('u', 1, {}, 100n), before: { id: 1, owner: 'ada' }, after: { id: 9, owner: 'ada' } };
    const source = new FakeChangeSource(journal, {
      log: [{ kind: 'change', change: rowChange('c', 1, { owner: 'ada' }, 90n) }, { kind: 'change', change: keyChange }, { kind: 'commit', lsn: 110n }],
    });
    const publisher = new FakePublisher(journal);
    const capture = await runChangeCapture({ source, publisher, logger: silentLogger, sleep: noSleep }, options);
    await source.delivered;
    await capture.stop();
    const events = decoded(publisher);
    expect(events.map((e) => [e.key, e.value.op])).toEqual([['{"id":1}', 'c'], ['{"id":1}', 'd'], ['{"id":9}', 'c']]);
    expect([...foldChangeEvents(events).keys()]).toEqual(['{"id":9}']);
  });

  it('fails (acknowledging nothing past the gap) when a change cannot be shaped', async () => {
    const journal: string[] = [];
    const keyless = { ...rowChange('c', 1, {}, 100n), after: { owner: 'nobody' } };
    const source = new FakeChangeSource(journal, { log: [{ kind: 'change', change: keyless }, { kind: 'commit', lsn: 110n }] });
    const capture = await runChangeCapture({ source, publisher: new FakePublisher(journal), logger: silentLogger, sleep: noSleep }, options);
    await expect(capture.done).rejects.toThrow(/key column id is missing/);
    expect(source.acknowledged).toEqual([]);
  });
});
