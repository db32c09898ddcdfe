import { describe, expect, it } from 'vitest';
import { ZodError } from 'zod';
import { accountSchema, customerSchema } from '../model/customer.ts';
import { transactionSchema } from '../model/transaction.ts';
import { UnknownCurrencyError } from '../fx/unknown-currency-error.ts';
import { normalise } from '../fx/convert.ts';
import { generateCustomersAndAccounts, generateDataset } from './generate-dataset.ts';

const OPTIONS = { seed: 7, customers: 80, months: 3, startMonth: '2026-01' };
const dataset = generateDataset(OPTIONS);

describe('generateDataset: shape and validity', () => {
  it('produces schema-valid customers, accounts and transactions', () => {
    expect(dataset.customers).toHaveLength(80);
    for (const c of dataset.customers) customerSchema.parse(c);
    for (const a of dataset.accounts) accountSchema.parse(a);
    expect(dataset.transactions.length).toBeGreaterThan(80 * 3 * 20);
    const invalid = dataset.transactions.flatMap((tx) => {
      const result = transactionSchema.safeParse(tx);
      return result.success ? [] : [{ tx, issues: result.error.issues }];
    });
    expect(invalid).toEqual([]);
  });

  it('uses the documented id formats and unique, deterministic-looking tx ids', () => {
    for (const c of dataset.customers) expect(c.customer_id).toMatch(/^C-\d{6}$/);
    for (const a of dataset.accounts) expect(a.account_id).toMatch(new RegExp(`^A-${a.customer_id.slice(2)}-\\d$`));
    const ids = dataset.transactions.map((t) => t.tx_id);
    expect(ids.filter((id) => !/^T-[0-9a-f]{16}$/.test(id))).toEqual([]);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('sorts transactions by occurred_at, then tx_id, all inside the simulated months', () => {
    const txs = dataset.transactions;
    const outOfOrder: string[] = [];
    for (let i = 1; i < txs.length; i++) {
      const a = txs[i - 1]!;
      const b = txs[i]!;
      if (!(a.occurred_at < b.occurred_at || (a.occurred_at === b.occurred_at && a.tx_id < b.tx_id))) outOfOrder.push(`${a.tx_id} before ${b.tx_id}`);
    }
    expect(outOfOrder).toEqual([]);
    expect(txs[0]!.occurred_at >= '2026-01-01T00:00:00.000Z').toBe(true);
    expect(txs.at(-1)!.occurred_at < '2026-04-01T00:00:00.000Z').toBe(true);
  });

  it('gives every customer a CHECKING account, corporates a BUSINESS account, and links everything', () => {
    const accountsByCustomer = new Map<string, typeof dataset.accounts>();
    for (const a of dataset.accounts) accountsByCustomer.set(a.customer_id, [...(accountsByCustomer.get(a.customer_id) ?? []), a]);
    const accountIds = new Set(dataset.accounts.map((a) => a.account_id));
    for (const c of dataset.customers) {
      const accounts = accountsByCustomer.get(c.customer_id) ?? [];
      expect(accounts.length).toBeGreaterThanOrEqual(1);
      expect(accounts.length).toBeLessThanOrEqual(3);
      expect(accounts[0]!.account_type).toBe('CHECKING');
      expect(accounts.some((a) => a.account_type === 'BUSINESS')).toBe(c.kind === 'CORPORATE');
      expect(c.persona === 'small_business').toBe(c.kind === 'CORPORATE');
      expect(new Set(accounts.map((a) => a.currency)).size).toBe(1);
      for (const a of accounts) expect(a.opened_at >= c.created_at).toBe(true);
    }
    expect(dataset.transactions.filter((tx) => !accountIds.has(tx.account_id))).toEqual([]);
    for (const id of accountIds) expect(dataset.openingBalances[id]).toMatch(/^\d+\.\d{2}$/);
  });

  it('mixes personal personas with ~10% corporate customers', () => {
    // 80 draws at p=0.1: mean 8, sd ~2.7; the bounds are about 2.5 sd either side.
    const corporate = dataset.customers.filter((c) => c.kind === 'CORPORATE').length;
    expect(corporate).toBeGreaterThanOrEqual(2);
    expect(corporate).toBeLessThanOrEqual(15);
    const personas = new Set(dataset.customers.map((c) => c.persona));
    for (const p of ['student', 'young_professional', 'family', 'retiree', 'high_earner', 'small_business']) expect(personas).toContain(p);
  });

  it('normalises every amount into the base currency with the FX table', () => {
    expect(dataset.transactions.filter((tx) => tx.normalized_amount !== normalise(tx.amount, tx.currency, 'EUR'))).toEqual([]);
    const usd = generateDataset({ ...OPTIONS, customers: 10, months: 1, baseCurrency: 'USD' });
    expect(usd.transactions.filter((tx) => tx.normalized_amount !== normalise(tx.amount, tx.currency, 'USD'))).toEqual([]);
    expect(usd.transactions.some((t) => t.currency === 'EUR' && t.normalized_amount !== t.amount)).toBe(true);
  });

  it('marks the source as seed unless the caller overrides it', () => {
    expect(new Set(dataset.transactions.map((t) => t.source))).toEqual(new Set(['seed']));
    const streamed = generateDataset({ ...OPTIONS, customers: 3, months: 1, source: 'stream' });
    expect(new Set(streamed.transactions.map((t) => t.source))).toEqual(new Set(['stream']));
  });

  it('keeps status mostly POSTED with a few PENDING card payments', () => {
    const pending = dataset.transactions.filter((t) => t.status === 'PENDING');
    expect(pending.length).toBeGreaterThan(0);
    expect(pending.length / dataset.transactions.length).toBeLessThan(0.03);
    expect(new Set(pending.map((t) => t.txn_type))).toEqual(new Set(['PURCHASE']));
  });
});

describe('generateDataset: reproducibility', () => {
  const small = { seed: 1234, customers: 25, months: 2, startMonth: '2025-11' };

  it('returns byte-identical JSON for the same seed and options', () => {
    expect(JSON.stringify(generateDataset(small))).toBe(JSON.stringify(generateDataset(small)));
  });

  it('returns different data for a different seed', () => {
    const a = generateDataset(small);
    const b = generateDataset({ ...small, seed: 1235 });
    expect(JSON.stringify(a)).not.toBe(JSON.stringify(b));
    expect(a.customers.map((c) => c.name)).not.toEqual(b.customers.map((c) => c.name));
    const idsOfA = new Set(a.transactions.map((t) => t.tx_id));
    expect(b.transactions.filter((t) => idsOfA.has(t.tx_id))).toEqual([]);
  });

  it('crosses a year boundary (2025-11 -> 2025-12)', () => {
    const months = new Set(generateDataset(small).transactions.map((t) => t.occurred_at.slice(0, 7)));
    expect(months).toEqual(new Set(['2025-11', '2025-12']));
  });

  it('exposes the same customers, accounts and opening balances without generating transactions', () => {
    const full = generateDataset(small);
    const parties = generateCustomersAndAccounts(small);
    expect(parties.customers).toEqual(full.customers);
    expect(parties.openingBalances).toEqual(full.openingBalances);
    expect(parties.accounts.map((a) => a.balance)).toEqual(parties.accounts.map((a) => full.openingBalances[a.account_id]));
  });
});

describe('generateDataset: options validation', () => {
  it('rejects malformed options at the edge', () => {
    expect(() => generateDataset({ ...OPTIONS, startMonth: '2026-13' })).toThrow(ZodError);
    expect(() => generateDataset({ ...OPTIONS, customers: 0 })).toThrow(ZodError);
    expect(() => generateDataset({ ...OPTIONS, seed: 1.5 })).toThrow(ZodError);
  });
  it('rejects an unknown base currency with UnknownCurrencyError', () => {
    expect(() => generateDataset({ ...OPTIONS, baseCurrency: 'XYZ' })).toThrow(UnknownCurrencyError);
  });
});
