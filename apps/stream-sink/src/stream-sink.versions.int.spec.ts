import { describe, expect, it } from 'vitest';
import { DLQ_HEADERS, encodeTransactionEvent } from '@ledgerline/ingestion';
import { transactionFixture } from '@ledgerline/ingestion/testing';
import type { Transaction } from '@ledgerline/transactions';
import { useStreamScenarios } from './fault-testing/stream-scenario-fixture.ts';
import { waitFor } from './fault-testing/wait-for.ts';

// Versions of one transaction on the real broker and PostgreSQL (issue #22): a newer event is an
// update, an older one arriving late changes nothing, and a rewind over all of them changes no
// row, no updated_at and no change_seq; a poison event read again is dead-lettered again only
// with the redelivery header.
const SLOW_TEST_MS = 120_000;

describe('stream sink: versions of a transaction', () => {
  const { scenario } = useStreamScenarios(1);

  it('applies versions by produced_at, ignores a late older one, and a rewind changes nothing', async () => {
    const s = await scenario('versions');
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

  it('dead-letters a poison event again after a rewind only marked as a redelivery', async () => {
    const s = await scenario('redelivery');
    const valid = transactionFixture(1, 'acc-00001');
    const poison = { key: 'acc-00001', value: '{"tx_id": oops', headers: { 'x-trace': 't1' } };
    await s.republish([{ key: valid.account_id, value: encodeTransactionEvent(valid, new Date('2025-11-05T11:00:00Z')) }, poison]);
    const first = await s.startSink();
    await s.waitUntilDrained();
    expect(first.sink.stats()).toMatchObject({ inserted: 1, deadLettered: 1, redeadLettered: 0 });
    await first.close();

    await s.store.saveOffsets(s.groupId, s.topic, [{ partition: 0, offset: '0' }]);
    expect(await s.store.loadOffsets(s.groupId, s.topic)).toEqual([{ partition: 0, offset: '0', applied_until: '2' }]);
    const replay = await s.startSink();
    await waitFor(() => replay.sink.stats().received >= 2, { timeoutMs: 60_000, describe: () => `${replay.sink.stats().received} replayed` });
    await s.waitUntilDrained();
    expect(replay.sink.stats()).toMatchObject({ unchanged: 1, deadLettered: 1, redeadLettered: 1 });

    const [original, again, ...more] = await s.readDeadLetters(2);
    expect(more).toHaveLength(0);
    expect(original?.headers).toMatchObject({ 'x-trace': 't1', [DLQ_HEADERS.sourceOffset]: '1' });
    expect(original?.headers[DLQ_HEADERS.redelivery]).toBeUndefined();
    expect(again?.headers).toMatchObject({ 'x-trace': 't1', [DLQ_HEADERS.sourceOffset]: '1', [DLQ_HEADERS.redelivery]: '2' });
    expect(again?.value.toString('utf8')).toBe(poison.value);
    // Past the rewound stretch, events are first deliveries again.
    expect(await s.store.loadOffsets(s.groupId, s.topic)).toEqual([{ partition: 0, offset: '2' }]);
  }, SLOW_TEST_MS);
});
