import { describe, expect, it } from 'vitest';
import { CATEGORIES } from '../categorisation/categories.ts';
import { divideHalfEven } from '../fx/decimal.ts';
import { settlementCents } from '../fx/settlement.ts';
import { toCents } from '../model/money.ts';
import type { Transaction } from '../model/transaction.ts';
import { HOME_COUNTRIES } from './countries.ts';
import { generateDataset } from './generate-dataset.ts';
import { UNUSUAL_MERCHANTS } from './recurring-catalogue.ts';

const MONTHS = 3;
const dataset = generateDataset({ seed: 2024, customers: 120, months: MONTHS, startMonth: '2026-01' });
const accountById = new Map(dataset.accounts.map((a) => [a.account_id, a]));
const customerById = new Map(dataset.customers.map((c) => [c.customer_id, c]));
const offsetByCountry = new Map(HOME_COUNTRIES.map((c) => [c.code, c.utcOffsetHours]));
const debits = dataset.transactions.filter((t) => t.direction === 'DEBIT');
const purchases = debits.filter((t) => t.txn_type === 'PURCHASE');

/** Wall-clock hour where the customer lives (fixed standard-time offset, as the generator uses). */
function localHour(tx: Transaction): number {
  const customer = customerById.get(accountById.get(tx.account_id)!.customer_id)!;
  const offset = offsetByCountry.get(customer.country) ?? 0;
  return (new Date(tx.occurred_at).getUTCHours() + offset + 24) % 24;
}

function share(txs: Transaction[], predicate: (t: Transaction) => boolean): number {
  return txs.filter(predicate).length / txs.length;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

describe('category distribution', () => {
  it('stays within realistic bounds (share of debit count)', () => {
    // Bounds are deliberately wide: they catch a broken generator (a category vanishing or
    // swamping the data), not sampling noise. Observed values sit near the middle of each range.
    const bounds: Record<string, [number, number]> = {
      Groceries: [0.1, 0.35],
      Dining: [0.1, 0.35],
      Shopping: [0.05, 0.25],
      Transport: [0.05, 0.25],
      Health: [0.02, 0.12],
      Utilities: [0.02, 0.1],
      Subscriptions: [0.02, 0.1],
      Housing: [0.01, 0.08],
      Cash: [0.005, 0.06],
      Fees: [0.005, 0.06],
      Transfers: [0.005, 0.06],
      Other: [0, 0.05],
      Income: [0, 0],
    };
    const shares = Object.fromEntries(CATEGORIES.map((c) => [c, share(debits, (t) => t.category === c)]));
    for (const [category, [min, max]] of Object.entries(bounds)) {
      expect(shares[category], `${category} ${(shares[category]! * 100).toFixed(1)}%`).toBeGreaterThanOrEqual(min);
      expect(shares[category], `${category} ${(shares[category]! * 100).toFixed(1)}%`).toBeLessThanOrEqual(max);
    }
    expect(dataset.transactions.filter((t) => !CATEGORIES.includes(t.category as (typeof CATEGORIES)[number]))).toEqual([]);
  });

  it('books income on credits: salary, pension, deposits, interest', () => {
    const credits = dataset.transactions.filter((t) => t.direction === 'CREDIT');
    expect(share(credits, (t) => t.category === 'Income')).toBeGreaterThan(0.4);
    const incomeSubs = new Set(credits.filter((t) => t.category === 'Income').map((t) => t.subcategory));
    for (const s of ['Salary', 'Pension', 'Deposits', 'Interest']) expect(incomeSubs).toContain(s);
  });
});

describe('spending through the month', () => {
  it('keeps earning customers spending between paydays (bills reserved, not the whole balance)', () => {
    // Customers on a salary should not run dry after the bills: every customer-month has card
    // spend in the middle of the month (days 8-24), well away from payday and rent day.
    const earners = dataset.customers.filter((c) => ['young_professional', 'family', 'high_earner'].includes(c.persona));
    const midMonth = new Set<string>();
    for (const t of purchases) {
      const day = Number(t.occurred_at.slice(8, 10));
      if (day >= 8 && day <= 24) midMonth.add(`${accountById.get(t.account_id)!.customer_id}|${t.occurred_at.slice(0, 7)}`);
    }
    const months = [...new Set(dataset.transactions.map((t) => t.occurred_at.slice(0, 7)))];
    const dry = earners.flatMap((c) => months.filter((m) => !midMonth.has(`${c.customer_id}|${m}`)).map((m) => `${c.customer_id} ${m}`));
    expect(dry).toEqual([]);
  });
});

describe('recurring transactions', () => {
  const recurring = dataset.transactions.filter((t) => t.is_recurring);
  const keyOf = (t: Transaction): string => `${t.account_id}|${t.merchant ?? (t.description ?? '').replace(/ \d{4}-\d{2}$/, '')}|${t.direction}`;

  it('appear exactly once per month per account and merchant, with the same amount every month', () => {
    const groups = new Map<string, Transaction[]>();
    for (const t of recurring) groups.set(keyOf(t), [...(groups.get(keyOf(t)) ?? []), t]);
    expect(groups.size).toBeGreaterThan(dataset.customers.length * 3);
    const problems: string[] = [];
    for (const [key, txs] of groups) {
      const months = txs.map((t) => t.occurred_at.slice(0, 7));
      if (new Set(months).size !== MONTHS || txs.length !== MONTHS) problems.push(`${key}: months ${months.join(',')}`);
      if (new Set(txs.map((t) => t.amount)).size !== 1) problems.push(`${key}: amounts ${txs.map((t) => t.amount).join(',')}`);
    }
    expect(problems).toEqual([]);
  });

  it('cover salary, rent or mortgage, subscriptions and utilities', () => {
    const kinds = new Set(recurring.map((t) => `${t.category}/${t.subcategory}`));
    for (const k of ['Income/Salary', 'Housing/Rent', 'Housing/Mortgage', 'Subscriptions/Streaming', 'Utilities/Telecom', 'Utilities/Electricity & Gas', 'Health/Fitness', 'Housing/Insurance']) {
      expect(kinds).toContain(k);
    }
    expect(recurring.filter((t) => t.merchant === 'NETFLIX').every((t) => t.category === 'Subscriptions' && t.mcc === '4899')).toBe(true);
  });

  it('pay housing early in the month', () => {
    const housing = recurring.filter((t) => t.subcategory === 'Rent' || t.subcategory === 'Mortgage');
    expect(housing.length).toBeGreaterThan(0);
    expect(housing.filter((t) => Number(t.occurred_at.slice(8, 10)) > 4)).toEqual([]);
  });
});

describe('time of day (local wall clock)', () => {
  it('puts restaurant meals at lunch and dinner', () => {
    const meals = purchases.filter((t) => t.subcategory === 'Restaurants');
    expect(meals.length).toBeGreaterThan(500);
    const hours = meals.map(localHour);
    const inPeaks = hours.filter((h) => (h >= 11 && h <= 14) || (h >= 17 && h <= 22)).length / hours.length;
    expect(inPeaks).toBeGreaterThan(0.9);
    const lunch = hours.filter((h) => h === 12 || h === 13).length;
    const afternoon = hours.filter((h) => h === 15 || h === 16).length;
    expect(lunch).toBeGreaterThan(afternoon * 3);
  });

  it('puts grocery shopping in the daytime and evening, peaking after work', () => {
    const groceries = purchases.filter((t) => t.subcategory === 'Supermarkets');
    const hours = groceries.map(localHour);
    expect(hours.filter((h) => h >= 7 && h <= 21).length / hours.length).toBeGreaterThan(0.97);
    expect(hours.filter((h) => h >= 17 && h <= 19).length).toBeGreaterThan(hours.filter((h) => h >= 7 && h <= 9).length * 2);
  });
});

describe('anomalies (ground truth)', () => {
  const byId = new Map(dataset.transactions.map((t) => [t.tx_id, t]));
  const anomalyIds = new Set(dataset.anomalies.map((a) => a.tx_id));

  it('flag about 0.3% of purchases, each a real card purchase with a reason', () => {
    const rate = dataset.anomalies.length / purchases.length;
    expect(rate).toBeGreaterThan(0.001);
    expect(rate).toBeLessThan(0.006);
    expect(anomalyIds.size).toBe(dataset.anomalies.length);
    for (const a of dataset.anomalies) {
      const tx = byId.get(a.tx_id);
      expect(tx?.txn_type).toBe('PURCHASE');
      expect(tx?.direction).toBe('DEBIT');
      expect(a.reason).toMatch(/^(large_amount|unusual_merchant): /);
    }
  });

  it('make large-amount anomalies many times the usual spend at that merchant', () => {
    const normalByMerchant = new Map<string, number[]>();
    for (const t of purchases) {
      if (anomalyIds.has(t.tx_id) || !t.merchant) continue;
      normalByMerchant.set(t.merchant, [...(normalByMerchant.get(t.merchant) ?? []), Number(t.normalized_amount)]);
    }
    const ratios = dataset.anomalies
      .filter((a) => a.reason.startsWith('large_amount'))
      .map((a) => byId.get(a.tx_id)!)
      .filter((t) => (normalByMerchant.get(t.merchant!)?.length ?? 0) >= 5)
      .map((t) => Number(t.normalized_amount) / median(normalByMerchant.get(t.merchant!)!));
    expect(ratios.length).toBeGreaterThan(5);
    expect(median(ratios)).toBeGreaterThan(5);
  });

  it('use merchants for unusual-merchant anomalies that no customer otherwise uses, abroad', () => {
    const unusualNames = new Set(UNUSUAL_MERCHANTS.map((m) => m.merchant));
    const unusual = dataset.anomalies.filter((a) => a.reason.startsWith('unusual_merchant')).map((a) => byId.get(a.tx_id)!);
    expect(unusual.length).toBeGreaterThan(0);
    for (const t of unusual) {
      expect(unusualNames).toContain(t.merchant);
      const home = customerById.get(accountById.get(t.account_id)!.customer_id)!.country;
      expect(t.country).not.toBe(home);
    }
    expect(dataset.transactions.filter((t) => unusualNames.has(t.merchant ?? '') && !anomalyIds.has(t.tx_id))).toEqual([]);
  });
});

describe('refunds, cash, fees and foreign currency', () => {
  const byId = new Map(dataset.transactions.map((t) => [t.tx_id, t]));

  it('refund an earlier purchase at the same merchant on the same account, at most in full', () => {
    const refunds = dataset.transactions.filter((t) => t.txn_type === 'REFUND');
    expect(refunds.length).toBeGreaterThan(0);
    const refunded = new Set<string>();
    for (const refund of refunds) {
      expect(refund.direction).toBe('CREDIT');
      const originalId = /^Refund of (T-[0-9a-f]{16})$/.exec(refund.description ?? '')?.[1];
      const original = byId.get(originalId ?? '');
      expect(original, refund.tx_id).toBeDefined();
      expect(original!.txn_type).toBe('PURCHASE');
      expect(original!.account_id).toBe(refund.account_id);
      expect(original!.merchant).toBe(refund.merchant);
      expect(original!.currency).toBe(refund.currency);
      expect(original!.category).toBe(refund.category);
      expect(original!.occurred_at < refund.occurred_at).toBe(true);
      expect(toCents(refund.amount) <= toCents(original!.amount)).toBe(true);
      expect(refunded.has(original!.tx_id)).toBe(false);
      refunded.add(original!.tx_id);
    }
  });

  it('withdraws cash at ATMs in round amounts', () => {
    const atm = dataset.transactions.filter((t) => t.txn_type === 'WITHDRAWAL');
    expect(atm.length).toBeGreaterThan(0);
    for (const t of atm) {
      expect(t).toMatchObject({ direction: 'DEBIT', channel: 'ATM', mcc: '6011', category: 'Cash', subcategory: 'ATM Withdrawals' });
      expect(t.amount.endsWith('0.00')).toBe(true);
    }
  });

  it('spends occasionally in a foreign currency abroad, sometimes with a 1.75% foreign transaction fee', () => {
    const foreign = dataset.transactions.filter((t) => t.currency !== accountById.get(t.account_id)!.currency);
    expect(foreign.length).toBeGreaterThan(0);
    expect(foreign.length / purchases.length).toBeLessThan(0.1);
    for (const t of foreign) expect(['PURCHASE', 'WITHDRAWAL', 'REFUND']).toContain(t.txn_type);

    const byAccount = new Map<string, Transaction[]>();
    for (const t of dataset.transactions) byAccount.set(t.account_id, [...(byAccount.get(t.account_id) ?? []), t]);
    const fxFees = dataset.transactions.filter((t) => t.txn_type === 'FEE' && t.merchant === 'FOREIGN TRANSACTION FEE');
    expect(fxFees.length).toBeGreaterThan(0);
    for (const fee of fxFees) {
      const account = accountById.get(fee.account_id)!;
      const list = byAccount.get(fee.account_id)!;
      const before = list[list.indexOf(fee) - 1]!; // the fee follows its purchase immediately
      expect(before.currency).not.toBe(account.currency);
      expect(toCents(fee.amount)).toBe(divideHalfEven(settlementCents(before, account.currency) * 175n, 10_000n));
      expect(fee.category).toBe('Fees');
      expect(fee.subcategory).toBe('Foreign Transaction Fees');
    }
  });
});
