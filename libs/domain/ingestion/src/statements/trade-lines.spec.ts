import { convertCents } from '@ledgerline/transactions';
import { describe, expect, it } from 'vitest';
import { StatementParseError } from './statement-parse-error.ts';
import { toTransactions, type ToTransactionsOptions } from './to-transactions.ts';

const OPTIONS: ToTransactionsOptions = { account_id: 'A-000001-1', currency: 'EUR', source: 'csv', file: '/data/incoming/march.csv', idPolicy: 'verbatim' };
const BUY = 'BUY 0.25000000 BTC @ 64123.45000000 USD FEE 16.03';
/** The buy costs 16046.89 USD; the statement prints what settled on the EUR account. */
const settledEur = convertCents(1_604_689n, 'USD', 'EUR');
const printed = (cents: bigint) => `${cents < 0n ? '-' : ''}${(cents < 0n ? -cents : cents) / 100n}.${String((cents < 0n ? -cents : cents) % 100n).padStart(2, '0')}`;

describe('trades on statement lines', () => {
  it('become TRADE rows with the order the line states, in the trade currency, settling to exactly the printed amount', () => {
    const [tx] = toTransactions([{ line: 9, date: '2026-03-02', amount: printed(-settledEur), description: BUY, external_id: 'tx-1' }], OPTIONS);
    expect(tx).toMatchObject({
      tx_id: 'tx-1',
      txn_type: 'TRADE',
      direction: 'DEBIT',
      amount: '16046.89',
      currency: 'USD',
      asset_symbol: 'BTC',
      quantity: '0.25000000',
      unit_price: '64123.45000000',
      fee: '16.03',
      channel: 'ONLINE',
    });
    const [sell] = toTransactions([{ line: 3, date: '2026-03-02', amount: '16014.83', description: 'SELL 0.25000000 BTC @ 64123.45000000 USD FEE 16.03', currency: 'USD' }], OPTIONS);
    expect(sell).toMatchObject({ txn_type: 'TRADE', direction: 'CREDIT', amount: '16014.83', currency: 'USD' });
  });

  it('refuses a line whose amount or sign contradicts the order it states, naming file, line and why', () => {
    const refused = (amount: string, description = BUY) => {
      try {
        toTransactions([{ line: 4, date: '2026-03-02', amount, description }], OPTIONS);
      } catch (error) {
        return error instanceof StatementParseError ? error.message : String(error);
      }
      return 'accepted';
    };
    expect(refused(printed(-(settledEur + 1n)))).toMatch(/march\.csv.*4.*the trade it states settles .* EUR, the line says/);
    expect(refused(printed(settledEur))).toMatch(/a BUY must be money out/);
    expect(refused('-1.00', 'BUY 0.00000001 BTC @ 1.00000000 XXX FEE 1.00')).toMatch(/trade currency XXX has no FX rate/);
  });
});
