import { describe, expect, it } from 'vitest';
import { accountSchema, companySchema, customerCompanySchema, customerSchema, transactionSchema } from '@ledgerline/transactions';
import { DEFAULT_SYNC_TABLES, selectSyncTables, TRANSACTIONS_SYNC_TABLE } from './default-sync-tables.ts';
import { compileRawRowValidator, RawRowError, rawRowSchema } from './raw-row.ts';
import { parseSyncTableSpecs } from './sync-table-spec.ts';

describe('sync table specs', () => {
  it('cover every domain-model column plus the RAW contract extras', () => {
    const expected = {
      customers: [...Object.keys(customerSchema.shape)],
      accounts: [...Object.keys(accountSchema.shape)],
      companies: [...Object.keys(companySchema.shape)],
      customer_companies: [...Object.keys(customerCompanySchema.shape)],
      transactions: [...Object.keys(transactionSchema.shape), 'ingested_at', 'updated_at'],
    };
    for (const spec of DEFAULT_SYNC_TABLES) {
      expect(spec.columns.map((c) => c.name).sort()).toEqual([...new Set(expected[spec.name as keyof typeof expected])].sort());
    }
    expect(DEFAULT_SYNC_TABLES.map((s) => s.name)).toEqual(['customers', 'companies', 'customer_companies', 'accounts', 'transactions']);
    expect(parseSyncTableSpecs(DEFAULT_SYNC_TABLES)).toHaveLength(5);
  });

  it('rejects a key outside the columns, reserved names and duplicate tables', () => {
    expect(() => parseSyncTableSpecs([{ name: 't', key: 'id', columns: [{ name: 'x', type: 'string' }] }])).toThrow(/key id/);
    expect(() => parseSyncTableSpecs([{ name: 't', key: 'id', columns: [{ name: '_id', type: 'string' }] }])).toThrow(/reserved/);
    expect(() => parseSyncTableSpecs([TRANSACTIONS_SYNC_TABLE, TRANSACTIONS_SYNC_TABLE])).toThrow(/twice/);
  });

  it('selects tables by name and names unknown ones', () => {
    expect(selectSyncTables(DEFAULT_SYNC_TABLES, ['transactions']).map((s) => s.name)).toEqual(['transactions']);
    expect(selectSyncTables(DEFAULT_SYNC_TABLES, undefined)).toHaveLength(5);
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

  it('compiles a fast validator that agrees with the zod row schema', () => {
    const spec = {
      name: 't',
      key: 'id',
      columns: [
        { name: 'id', type: 'string' as const },
        { name: 'amount', type: 'money' as const },
        { name: 'at', type: 'timestamp' as const },
        { name: 'ok', type: 'boolean' as const },
        { name: 'n', type: 'integer' as const },
        { name: 'big', type: 'bigint' as const },
      ],
    };
    const schema = rawRowSchema(spec);
    const validate = compileRawRowValidator(spec);
    const base = { id: 'a', amount: '12.30', at: '2026-10-03T08:15:00.123456Z', ok: true, n: 3, big: 5n };
    const samples: Array<Record<string, unknown>> = [
      base,
      { ...base, amount: null, at: null, ok: null, n: null, big: null },
      { ...base, at: '2026-10-03T08:15:00+02:00' },
      { ...base, amount: '12.3' },
      { ...base, amount: 12.3 },
      { ...base, at: '2026-13-03T08:15:00Z' },
      { ...base, at: '2026-10-03 08:15:00' },
      { ...base, ok: 'true' },
      { ...base, n: 1.5 },
      { ...base, big: 5 },
      { ...base, id: null },
      { ...base, id: '' },
    ];
    for (const sample of samples) {
      const zodOk = schema.safeParse({ ...sample, _change_seq: 1n }).success;
      let fastOk = true;
      try {
        expect(validate(sample, 1n)).toEqual({ ...sample, _change_seq: 1n });
      } catch (error) {
        expect(error).toBeInstanceOf(RawRowError);
        fastOk = false;
      }
      expect(fastOk, JSON.stringify(sample, (_k, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v))).toBe(zodOk);
    }
    expect(() => validate({ ...base, amount: '1.5' }, 1n)).toThrow(/amount: expected a decimal/);
  });
});
