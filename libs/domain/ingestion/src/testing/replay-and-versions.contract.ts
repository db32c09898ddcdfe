import { expect, it } from 'vitest';
import type { TransactionStore } from '../ports/transaction-store.port.ts';
import { transactionFixtures } from './store-fixtures.ts';

const T1 = new Date('2025-12-01T00:00:00.000Z');
const T2 = new Date('2025-12-02T12:30:00.000Z');

/**
 * Replays and versions as every TransactionStore must treat them (issue #22): a replay changes no
 * row, no updated_at and no change_seq; the position an event was read from is not content; an
 * older version never overwrites a newer one. Run inside describeTransactionStoreContract, which
 * hands each case a fresh, migrated store and the account the rows belong to.
 */
export function replayAndVersionCases(store: () => TransactionStore, withAccount: () => Promise<void>, accountId: string): void {
  it('leaves ingested_at, updated_at and change_seq untouched on a replay', async () => {
    await withAccount();
    const rows = transactionFixtures(5, accountId);
    await store().upsertTransactions(rows, { ingestedAt: T1 });
    const before = await store().transactionChangeInfo(rows.map((r) => r.tx_id));
    expect(before.map((i) => i.tx_id)).toEqual(rows.map((r) => r.tx_id));
    for (const info of before) {
      expect(info.ingested_at).toBe(T1.toISOString());
      expect(info.updated_at).toBe(T1.toISOString());
    }

    expect(await store().upsertTransactions(rows, { ingestedAt: T2 })).toEqual({ inserted: 0, updated: 0, unchanged: 5 });
    expect(await store().transactionChangeInfo(rows.map((r) => r.tx_id))).toEqual(before);
  });

  it('treats the same content read from another position (source_ref) as unchanged, keeping the first position', async () => {
    await withAccount();
    const rows = transactionFixtures(4, accountId);
    await store().upsertTransactions(rows, { ingestedAt: T1 });
    const before = await store().transactionChangeInfo(rows.map((r) => r.tx_id));
    // The same events again at later offsets (a producer that re-sent them, a topic holding duplicates).
    const elsewhere = rows.map((r, i) => ({ ...r, source_ref: `transactions/0/${1_000 + i}` }));
    expect(await store().upsertTransactions(elsewhere, { ingestedAt: T2 })).toEqual({ inserted: 0, updated: 0, unchanged: 4 });
    expect(await store().transactionChangeInfo(rows.map((r) => r.tx_id))).toEqual(before);
    const stored = await store().transactionsByAccount(accountId, new Date(0), new Date('2100-01-01T00:00:00Z'));
    expect(stored.map((t) => t.source_ref).sort()).toEqual(rows.map((r) => r.source_ref).sort());

    // A real change is written with the position it was read from.
    const changed = { ...rows[0]!, amount: '1.23', source_ref: 'transactions/0/2000' };
    expect(await store().upsertTransactions([changed], { ingestedAt: T2 })).toEqual({ inserted: 0, updated: 1, unchanged: 0 });
    const [after] = await store().transactionsByAccount(accountId, new Date(rows[0]!.occurred_at), new Date(Date.parse(rows[0]!.occurred_at) + 1));
    expect(after).toEqual(changed);
  });

  it('never lets an older version (version_at) overwrite a newer one; a newer one is an update', async () => {
    await withAccount();
    const [row] = transactionFixtures(1, accountId);
    const v2 = { ...row!, status: 'POSTED' as const, version_at: '2025-12-01T10:00:02.000Z' };
    const v1 = { ...row!, status: 'PENDING' as const, amount: '1.00', version_at: '2025-12-01T10:00:01.000Z' };
    const v3 = { ...row!, status: 'REVERSED' as const, version_at: '2025-12-01T10:00:03.000Z' };
    const window = [new Date(0), new Date('2100-01-01T00:00:00Z')] as const;
    const { version_at: _v2, ...v2Content } = v2;
    const { version_at: _v3, ...v3Content } = v3;

    expect(await store().upsertTransactions([v2], { ingestedAt: T1 })).toEqual({ inserted: 1, updated: 0, unchanged: 0 });
    const before = await store().transactionChangeInfo([v2.tx_id]);
    // The older event arrives late (a rewind, a second producer): nothing changes.
    expect(await store().upsertTransactions([v1], { ingestedAt: T2 })).toEqual({ inserted: 0, updated: 0, unchanged: 1 });
    expect(await store().transactionsByAccount(accountId, ...window)).toEqual([v2Content]);
    expect(await store().transactionChangeInfo([v2.tx_id])).toEqual(before);
    // Within one call too, in either order: the newest version is what stays.
    expect(await store().upsertTransactions([v3, v1], { ingestedAt: T2 })).toEqual({ inserted: 0, updated: 1, unchanged: 1 });
    expect(await store().transactionsByAccount(accountId, ...window)).toEqual([v3Content]);
    // A row without a version (a file, the seed) replaces content as before.
    const unversioned = { ...row!, status: 'DECLINED' as const };
    expect(await store().upsertTransactions([unversioned])).toEqual({ inserted: 0, updated: 1, unchanged: 0 });
    expect(await store().transactionsByAccount(accountId, ...window)).toEqual([unversioned]);
  });

  it('bumps updated_at and change_seq of a changed row only, keeping its ingested_at', async () => {
    await withAccount();
    const rows = transactionFixtures(3, accountId);
    await store().upsertTransactions(rows, { ingestedAt: T1 });
    const ids = rows.map((r) => r.tx_id);
    const [a0, b0, c0] = await store().transactionChangeInfo(ids);

    const changed = { ...rows[1]!, merchant: 'Renamed merchant' };
    expect(await store().upsertTransactions([rows[0]!, changed, rows[2]!], { ingestedAt: T2 })).toEqual({
      inserted: 0,
      updated: 1,
      unchanged: 2,
    });

    const [a1, b1, c1] = await store().transactionChangeInfo(ids);
    expect(a1).toEqual(a0);
    expect(c1).toEqual(c0);
    expect(b1?.ingested_at).toBe(T1.toISOString());
    expect(b1?.updated_at).toBe(T2.toISOString());
    const maxBefore = [a0, b0, c0].reduce((max, i) => (i!.change_seq > max ? i!.change_seq : max), 0n);
    expect(b1!.change_seq > maxBefore).toBe(true);
  });
}
