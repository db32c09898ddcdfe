import { describe, expect, it } from 'vitest';
import { isCounted, isIncome, isInvestment, isSpend, movesBalance } from './metric-definitions.ts';

// The definitions on single rows (docs/analytics.md); the contract suite checks them on every backend.
describe('metric definitions', () => {
  const row = (txn_type: string, direction: 'DEBIT' | 'CREDIT', status = 'POSTED') => ({ txn_type, direction, status }) as Parameters<typeof isSpend>[0];

  it('an investment buy is not spend and a sell is not income; both are investments and move the balance', () => {
    expect(isSpend(row('TRADE', 'DEBIT'))).toBe(false);
    expect(isIncome(row('TRADE', 'CREDIT'))).toBe(false);
    expect(isCounted(row('TRADE', 'DEBIT'))).toBe(false);
    expect(isInvestment(row('TRADE', 'DEBIT'))).toBe(true);
    expect(isInvestment(row('TRADE', 'CREDIT', 'PENDING'))).toBe(true);
    expect(movesBalance(row('TRADE', 'CREDIT'))).toBe(true);
  });

  it('a declined trade is no investment; a purchase, a salary and a transfer are none either', () => {
    expect(isInvestment(row('TRADE', 'DEBIT', 'DECLINED'))).toBe(false);
    expect(isInvestment(row('PURCHASE', 'DEBIT'))).toBe(false);
    expect(isSpend(row('PURCHASE', 'DEBIT'))).toBe(true);
    expect(isIncome(row('SALARY', 'CREDIT'))).toBe(true);
    expect(isSpend(row('TRANSFER', 'DEBIT'))).toBe(false);
  });
});
