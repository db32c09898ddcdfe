import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { positiveMoneySchema } from './money.ts';
import { ACCOUNT_ROW_COLUMNS, TRANSACTION_FIELDS, TRANSACTION_ROW_COLUMNS, rowColumnsOf } from './row-columns.ts';
import { transactionSchema } from './transaction.ts';

describe('rowColumnsOf', () => {
  it('reads name, kind, nullability and the text limit of every field, in schema order', () => {
    expect(TRANSACTION_FIELDS).toEqual(Object.keys(transactionSchema.shape));
    const byName = new Map(TRANSACTION_ROW_COLUMNS.map((c) => [c.name, c]));
    expect(byName.get('tx_id')).toEqual({ name: 'tx_id', kind: 'string', nullable: false, maxLength: 80 });
    expect(byName.get('amount')).toMatchObject({ kind: 'money', nullable: false });
    expect(byName.get('normalized_amount')?.kind).toBe('money');
    expect(byName.get('occurred_at')?.kind).toBe('timestamp');
    expect(byName.get('is_recurring')?.kind).toBe('boolean');
    expect(byName.get('merchant')).toEqual({ name: 'merchant', kind: 'string', nullable: true, maxLength: 200 });
    expect(byName.get('mcc')).toEqual({ name: 'mcc', kind: 'string', nullable: true, maxLength: undefined });
    expect(ACCOUNT_ROW_COLUMNS.filter((c) => c.kind !== 'string').map((c) => [c.name, c.kind])).toEqual([
      ['balance', 'money'],
      ['opened_at', 'timestamp'],
      ['updated_at', 'timestamp'],
    ]);
  });

  it('refuses a field type it has no column kind for, instead of guessing one', () => {
    expect(() => rowColumnsOf(z.object({ id: z.string(), points: z.number().int() }))).toThrow(/field points: no column kind for a number schema/);
    expect(rowColumnsOf(z.object({ fee: positiveMoneySchema.nullable() }))).toEqual([{ name: 'fee', kind: 'money', nullable: true, maxLength: undefined }]);
  });
});
