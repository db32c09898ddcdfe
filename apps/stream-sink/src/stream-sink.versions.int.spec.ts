import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { encodeTransactionEvent } from '@ledgerline/ingestion';
import { transactionFixture } from '@ledgerline/ingestion/testing';
import { startKafka } from '@ledgerline/testing';
import type { Transaction } from '@ledgerline/transactions';
import { StreamScenario } from './fault-testing/stream-scenario.ts';
import { waitFor } from './fault-testing/wait-for.ts';

// Versions of one transaction on the real broker and PostgreSQL (issue #22): a newer event is an
// update, an older one arriving late changes nothing, and a rewind over all of them changes no
// row, no updated_at and no change_seq.
const SLOW_TEST_MS = 120_000;

describe('stream sink: versions of a transaction', () => {
  let brokers: string[];
  const cleanups: Array<() => Promise<void>> = [];

  beforeAll(async () => {
    ({ brokers } = await startKafka());
  });

  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => undefined);
  });

  it('applies versions by produced_at, ignores a late older one, and a rewind changes nothing', async () => {
    const s = await StreamScenario.create('versions', brokers, 1);
    cleanups.push(() => s.cleanup());
    const base = transactionFixture(1, 'acc-00001', { status: 'PENDING' });
    const others = Array.from({ length: 20 }, (_, i) => transactionFixture(100 + i, 'acc-00001'));
    const at = (second: number) => new Date(Date.UTC(2025, 10, 5, 11, 0, second));
    const event = (tx: Transaction, producedAt: Date) => ({ key: tx.account_id, value: encodeTransactionEvent(tx, producedAt) });
    const v1 = base;
    const v2 = { ...base, status: 'POSTED' as const };
    const v0 = { ...base, status: 'DECLINED' as const, amount: '0.01' };
    const ids = [base.tx_id, ...others.map((t) => t.tx_id)];
    const window = [new Date(0), new Date('2100-01-01T00:00:00Z')] as const;
    const stored = async () => (await s.store.transactionsByAccount('acc-00001', ...window)).find((t) => t.tx_id === base.tx_id);

    // v1, the others, v2; then v0, produced before v1 but arriving last.
    await s.republish([event(v1, at(1)), ...others.map((t) => event(t, at(1))), event(v2, at(2)), event(v0, at(0))]);
    const first = await s.startSink();
    await s.waitUntilDrained();
    expect(await stored()).toMatchObject({ status: 'POSTED', amount: v2.amount });
    expect(first.sink.stats()).toMatchObject({ inserted: 21, updated: 1, unchanged: 1, deadLettered: 0 });
    await first.close();
    const before = await s.store.transactionChangeInfo(ids);

    // Rewind to the start: every event is applied again, none of them changes anything.
    await s.store.saveOffsets(s.groupId, s.topic, [{ partition: 0, offset: '0' }]);
    const replay = await s.startSink();
    await waitFor(() => replay.sink.stats().received >= 23, { timeoutMs: 60_000, describe: () => `${replay.sink.stats().received} replayed` });
    await s.waitUntilDrained();
    expect(replay.sink.stats()).toMatchObject({ inserted: 0, updated: 0, unchanged: 23 });
    expect(await s.store.transactionChangeInfo(ids)).toEqual(before);
    expect(await stored()).toMatchObject({ status: 'POSTED' });
  }, SLOW_TEST_MS);
});
