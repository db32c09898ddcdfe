import { describe, expect, it } from 'vitest';
import { accountSchema, customerSchema, transactionSchema } from '@ledgerline/transactions';
import { DEFAULT_SYNC_TABLES, selectSyncTables, TRANSACTIONS_SYNC_TABLE } from './default-sync-tables.ts';
import { rawRowSchema } from './raw-row.ts';
import { parseSyncTableSpecs } from './sync-table-spec.ts';

describe('sync table specs', () => {
  it('cover every domain-model column plus the RAW contract extras', () => {
    const expected = {
      customers: [...Object.keys(customerSchema.shape)],
      accounts: [...Object.keys(accountSchema.shape)],
      transactions: [...Object.keys(transactionSchema.shape), 'ingested_at', 'updated_at'],
    };
    for (const spec of DEFAULT_SYNC_TABLES) {
      expect(spec.columns.map((c) => c.name).sort()).toEqual([...new Set(expected[spec.name as keyof typeof expected])].sort());
    }
    expect(parseSyncTableSpecs(DEFAULT_SYNC_TABLES)).toHaveLength(3);
  });

  it('rejects a key outside the columns, reserved names and duplicate tables', () => {
    expect(() => parseSyncTableSpecs([{ name: 't', key: 'id', columns: [{ name: 'x', type: 'string' }] }])).toThrow(/key id/);
    expect(() => parseSyncTableSpecs([{ name: 't', key: 'id', columns: [{ name: '_id', type: 'string' }] }])).toThrow(/reserved/);
    expect(() => parseSyncTableSpecs([TRANSACTIONS_SYNC_TABLE, TRANSACTIONS_SYNC_TABLE])).toThrow(/twice/);
  });

  it('selects tables by name and names unknown ones', () => {
    expect(selectSyncTables(DEFAULT_SYNC_TABLES, ['transactions']).map((s) => s.name)).toEqual(['transactions']);
    expect(selectSyncTables(DEFAULT_SYNC_TABLES, undefined)).toHaveLength(3);
    expect(() => selectSyncTables(DEFAULT_SYNC_TABLES, ['transactions', 'ledger'])).toThrow(/ledger/);
  });

  it('builds a row schema that enforces money, timestamps and the key', () => {
    const schema = rawRowSchema({
      name: 't',
      key: 'id',
      columns: [
        { name: 'id', type: 'string' },
        { name: 'amount', type: 'money' },
        { name: 'at', type: 'timestamp' },
      ],
    });
    expect(schema.safeParse({ id: 'a', amount: '12.30', at: '2026-10-03T08:15:00.000Z', _change_seq: 1n }).success).toBe(true);
    expect(schema.safeParse({ id: 'a', amount: null, at: null, _change_seq: 1n }).success).toBe(true);
    expect(schema.safeParse({ id: 'a', amount: 12.3, at: null, _change_seq: 1n }).success).toBe(false);
    expect(schema.safeParse({ id: 'a', amount: '12.3', at: null, _change_seq: 1n }).success).toBe(false);
    expect(schema.safeParse({ id: 'a', amount: null, at: '2026-10-03 08:15', _change_seq: 1n }).success).toBe(false);
    expect(schema.safeParse({ id: null, amount: null, at: null, _change_seq: 1n }).success).toBe(false);
    expect(schema.safeParse({ id: 'a', amount: null, at: null, _change_seq: 1n, extra: 1 }).success).toBe(false);
  });
});
