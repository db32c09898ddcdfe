import { describe, expect, it } from 'vitest';
import { ACCOUNT, CUSTOMER, marchTransactions, tx } from './__fixtures__/sample-account.ts';
import { buildStatement, monthRange, statementLines, statementTotals } from './statement.ts';

describe('buildStatement', () => {
  it('orders transactions and computes the closing balance in cents', () => {
    const txs = [tx('b', '2026-03-02T10:00:00.000Z', '-0.10', 'B'), tx('a', '2026-03-01T10:00:00+02:00', '100.00', 'A'), tx('c', '2026-03-02T10:00:00.000Z', '-0.20', 'C')];
    const s = buildStatement(ACCOUNT, CUSTOMER, txs, '10.00');
    expect(s).toMatchObject({ bank: 'Ledgerline Bank', account_id: 'ACC-000123', customer_name: 'Jane Müller-Smith', currency: 'EUR', period: { month: '2026-03' } });
    expect(s.transactions.map((t) => t.tx_id)).toEqual(['a', 'b', 'c']);
    expect(s.closing_balance).toBe('109.70');
    expect(statementLines(s).map((l) => [l.amount, l.balance])).toEqual([
      ['100.00', '110.00'],
      ['-0.10', '109.90'],
      ['-0.20', '109.70'],
    ]);
    expect(statementTotals(s)).toEqual({ total_in: '100.00', total_out: '0.30' });
  });

  it('prints the merchant when a transaction has no description', () => {
    const s = buildStatement(ACCOUNT, CUSTOMER, [tx('a', '2026-03-01T10:00:00.000Z', '-1.00', null)], '0.00');
    expect(statementLines(s)[0]?.description).toBe('Corner Shop');
  });

  it('refuses transactions from another month, account or currency', () => {
    const march = marchTransactions(3);
    expect(() => buildStatement(ACCOUNT, CUSTOMER, [...march, tx('x', '2026-04-01T00:00:00.000Z', '-1.00', 'x')], '0.00')).toThrow(/not in 2026-03/);
    expect(() => buildStatement(ACCOUNT, CUSTOMER, [{ ...march[0]!, account_id: 'OTHER' }], '0.00')).toThrow(/belongs to account OTHER/);
    expect(() => buildStatement(ACCOUNT, CUSTOMER, [{ ...march[0]!, currency: 'USD' }], '0.00')).toThrow(/is in USD/);
    expect(() => buildStatement(ACCOUNT, { ...CUSTOMER, customer_id: 'X' }, march, '0.00')).toThrow(/does not own/);
    expect(() => buildStatement(ACCOUNT, CUSTOMER, [], '0.00')).toThrow(/month unknown/);
    expect(buildStatement(ACCOUNT, CUSTOMER, [], '5.00', { month: '2026-02' })).toMatchObject({ closing_balance: '5.00', period: { month: '2026-02' } });
  });

  it('knows month lengths', () => {
    expect(monthRange('2028-02')).toEqual({ from: '2028-02-01', to: '2028-02-29' });
    expect(monthRange('2026-04')).toEqual({ from: '2026-04-01', to: '2026-04-30' });
  });
});
