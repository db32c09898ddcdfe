import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ZodError } from 'zod';
import type { Transaction } from '@ledgerline/transactions';
import type { AnalyticsMetrics, AnalyticsStore } from '../metrics/analytics-store.port.ts';
import type { MetricFilters } from '../metrics/metric-filters.ts';
import type { AnomalyRow } from '../metrics/metric-rows.ts';
import { SqlRejectedError } from '../read-only-sql/sql-rejected-error.ts';
import { contractDataset, type AnalyticsDataset } from './contract-dataset.ts';
import { ExpectedMetrics } from './expected-metrics.ts';

/** An AnalyticsStore with the contract dataset loaded; one per suite (the store is read-only). */
export interface AnalyticsContractBackend {
  readonly store: AnalyticsStore;
  /** Which relations the store should report answering from. */
  readonly expectedSource: 'marts' | 'raw' | 'serving';
  /** A relation with a row per transaction and a tx_id column, e.g. `raw.transactions`. */
  readonly transactionsRelation: string;
  /** SQL condition selecting its live rows (default TRUE), e.g. `NOT _deleted` on RAW. */
  readonly liveCondition?: string;
  dispose(): Promise<void>;
}

export type AnalyticsContractFactory = (dataset: AnalyticsDataset) => Promise<AnalyticsContractBackend>;


/** Metric methods with the contract dataset loaded. */
export interface MetricContractBackend {
  readonly metrics: AnalyticsMetrics;
  dispose(): Promise<void>;
}

export type MetricContractFactory = (dataset: AnalyticsDataset) => Promise<MetricContractBackend>;

const countBy = <T>(items: readonly T[], key: (item: T) => string) => {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
};

/** Filter combinations drawn from the data itself, so every case selects real rows. */
function filterCases(dataset: AnalyticsDataset, expected: ExpectedMetrics): Array<[string, MetricFilters]> {
  const txs = dataset.transactions;
  const customerId = countBy(txs, (tx) => expected.customerIdOf(tx) ?? '')[0]?.[0] as string;
  const accountId = countBy(txs, (tx: Transaction) => tx.account_id)[0]?.[0] as string;
  const category = countBy(txs.filter((tx) => tx.direction === 'DEBIT'), (tx) => tx.category)[0]?.[0] as string;
  const firstDay = new Date(txs[0]?.occurred_at as string);
  const shift = (days: number) => new Date(firstDay.getTime() + days * 86_400_000).toISOString().slice(0, 10);
  return [
    ['no filter', {}],
    ['customer', { customerId }],
    ['account', { accountId }],
    ['category', { category }],
    ['date range', { from: shift(10), to: shift(40) }],
    ['customer + range + category', { customerId, from: shift(5), to: shift(70), category }],
  ];
}

/** Exact equality, except z-scores, which two float computations may round differently. */
function expectAnomalies(actual: AnomalyRow[], wanted: AnomalyRow[]): void {
  expect(actual.map((r) => ({ ...r, z_score: 0 }))).toEqual(wanted.map((r) => ({ ...r, z_score: 0 })));
  actual.forEach((row, i) => expect(row.z_score).toBeCloseTo(wanted[i]?.z_score ?? Number.NaN, 9));
}

/**
 * Every metric against ExpectedMetrics - an independent TypeScript computation over the
 * generated rows - under several filters. Registers its tests in the surrounding describe.
 */
function metricTests(dataset: AnalyticsDataset, metrics: () => AnalyticsMetrics): void {
  const expected = new ExpectedMetrics(dataset);
  const cases = filterCases(dataset, expected);
  const months = [...new Set(dataset.transactions.map((tx) => tx.occurred_at.slice(0, 7)))].sort();
  // A function, not a value: the backend is only created in beforeAll.
  const run = metrics;

  it('the dataset exercises the definitions (declined, reversed, transfers, foreign currency)', () => {
    const statuses = new Set(dataset.transactions.map((tx) => tx.status));
    expect(statuses).toEqual(new Set(['POSTED', 'PENDING', 'DECLINED', 'REVERSED']));
    expect(dataset.transactions.some((tx) => tx.txn_type === 'TRANSFER')).toBe(true);
    const trades = dataset.transactions.filter((tx) => tx.txn_type === 'TRADE');
    expect(new Set(trades.map((tx) => tx.direction))).toEqual(new Set(['DEBIT', 'CREDIT']));
    const currencyOf = new Map(dataset.accounts.map((a) => [a.account_id, a.currency]));
    expect(dataset.transactions.some((tx) => tx.currency !== currencyOf.get(tx.account_id))).toBe(true);
  });

  // Restated without the definitions' code: a buy is not spending, a sell is not income, so
  // every spend and income figure is the one of the same data with the trades left out.
  it('investment trades are neither spend nor income: the figures of the dataset without them', async () => {
    const withoutTrades = new ExpectedMetrics({ ...dataset, transactions: dataset.transactions.filter((tx) => tx.txn_type !== 'TRADE') });
    for (const month of months) expect(await run().kpis({ month })).toEqual(withoutTrades.kpis({ month }));
    expect(await run().cashflow({})).toEqual(withoutTrades.cashflow({}));
    expect(await run().spendByCategory({ level: 'subcategory' })).toEqual(withoutTrades.spendByCategory({ level: 'subcategory' }));
    expect(await run().spendByPeriod({ grain: 'month' })).toEqual(withoutTrades.spendByPeriod({ grain: 'month' }));
  });

  for (const grain of ['day', 'week', 'month'] as const) {
    it(`spendByPeriod by ${grain}`, async () => {
      for (const [, filters] of cases) expect(await run().spendByPeriod({ grain, ...filters })).toEqual(expected.spendByPeriod({ grain, ...filters }));
    });
  }

  it('spendByCategory by category and subcategory', async () => {
    for (const [, filters] of cases) {
      expect(await run().spendByCategory(filters)).toEqual(expected.spendByCategory(filters));
      expect(await run().spendByCategory({ ...filters, level: 'subcategory' })).toEqual(expected.spendByCategory({ ...filters, level: 'subcategory' }));
    }
  });

  it('spendByCategoryOverTime by day, week and month equals spendByCategory per period', async () => {
    for (const [, filters] of cases) {
      for (const grain of ['day', 'week', 'month'] as const) {
        expect(await run().spendByCategoryOverTime({ ...filters, grain })).toEqual(expected.spendByCategoryOverTime({ ...filters, grain }));
      }
    }
    const monthly = await run().spendByCategoryOverTime({ grain: 'month' });
    expect(new Set(monthly.map((r) => r.category)).size).toBeGreaterThan(1);
  });

  it('topMerchants', async () => {
    for (const [, filters] of cases) {
      expect(await run().topMerchants(filters)).toEqual(expected.topMerchants(filters));
      expect(await run().topMerchants({ ...filters, limit: 3 })).toEqual(expected.topMerchants({ ...filters, limit: 3 }));
    }
  });

  it('spendByChannel', async () => {
    for (const [, filters] of cases) expect(await run().spendByChannel(filters)).toEqual(expected.spendByChannel(filters));
  });

  it('spendByLocation by city, state and country', async () => {
    for (const [, filters] of cases) {
      for (const level of ['city', 'state', 'country'] as const) {
        expect(await run().spendByLocation({ ...filters, level })).toEqual(expected.spendByLocation({ ...filters, level }));
      }
    }
  });

  it('cashflow', async () => {
    for (const [, filters] of cases) expect(await run().cashflow(filters)).toEqual(expected.cashflow(filters));
  });

  it('recurringPayments', async () => {
    const all = expected.recurringPayments();
    expect(all.length).toBeGreaterThan(0);
    for (const [, filters] of cases) expect(await run().recurringPayments(filters)).toEqual(expected.recurringPayments(filters));
  });

  it('balancesOverTime rolls the opening balance forward to the current balance, FX included', async () => {
    const currencyOf = new Map(dataset.accounts.map((a) => [a.account_id, a.currency]));
    const foreign = countBy(
      dataset.transactions.filter((tx) => tx.currency !== currencyOf.get(tx.account_id)),
      (tx) => tx.account_id,
    )[0]?.[0] as string;
    const busiest = cases[2]?.[1].accountId as string;
    for (const accountId of [foreign, busiest, dataset.accounts.at(-1)?.account_id as string]) {
      const series = await run().balancesOverTime({ accountId });
      expect(series).toEqual(expected.balancesOverTime({ accountId }));
      const current = dataset.accounts.find((a) => a.account_id === accountId)?.balance;
      if (series.length > 0) expect(series.at(-1)?.balance).toBe(current);
    }
    const window = { accountId: busiest, from: cases[4]?.[1].from, to: cases[4]?.[1].to };
    expect(await run().balancesOverTime(window)).toEqual(expected.balancesOverTime(window));
    expect(await run().balancesOverTime({ accountId: 'NO-SUCH-ACCOUNT' })).toEqual([]);
  });

  it('anomalies', async () => {
    expect(expected.anomalies().length).toBeGreaterThan(0);
    for (const [, filters] of cases) expectAnomalies(await run().anomalies(filters), expected.anomalies(filters));
    expectAnomalies(await run().anomalies({ limit: 2 }), expected.anomalies({ limit: 2 }));
  });

  it('monthOverMonth, including a first month with nothing to compare with', async () => {
    for (const month of months) {
      for (const [, filters] of cases) {
        const { from: _f, to: _t, ...rest } = filters;
        expect(await run().monthOverMonth({ ...rest, month })).toEqual(expected.monthOverMonth({ ...rest, month }));
      }
    }
  });

  it('kpis', async () => {
    for (const month of months) {
      for (const [, filters] of cases) {
        const { from: _f, to: _t, ...rest } = filters;
        expect(await run().kpis({ ...rest, month })).toEqual(expected.kpis({ ...rest, month }));
      }
    }
  });

  it('search by merchant, category and subcategory text', async () => {
    const merchant = dataset.transactions.find((tx) => tx.merchant !== null)?.merchant as string;
    for (const text of ['gro', merchant.slice(0, 4).toUpperCase(), 'an', 'zzz-nothing']) {
      for (const [, filters] of cases.slice(0, 3)) {
        expect(await run().search({ ...filters, text })).toEqual(expected.search({ ...filters, text }));
      }
    }
  });

  it('rejects invalid params before running anything', async () => {
    await expect(run().spendByPeriod({ grain: 'day', from: '2026-02-30' })).rejects.toBeInstanceOf(ZodError);
    await expect(run().topMerchants({ limit: 0 })).rejects.toBeInstanceOf(ZodError);
    await expect(run().kpis({ month: '2026-13' })).rejects.toBeInstanceOf(ZodError);
    await expect(run().cashflow({ from: '2026-03-01', to: '2026-01-01' })).rejects.toBeInstanceOf(ZodError);
  });
}

/** The metric part of the contract alone, for backends that only run metric SQL (Postgres). */
export function describeMetricContract(name: string, factory: MetricContractFactory): void {
  describe(`Analytics metric contract: ${name}`, () => {
    const dataset = contractDataset();
    let backend: MetricContractBackend | undefined;
    beforeAll(async () => {
      backend = await factory(dataset);
    });
    afterAll(async () => {
      await backend?.dispose();
    });
    metricTests(dataset, () => {
      if (!backend) throw new Error('backend not ready');
      return backend.metrics;
    });
  });
}

/**
 * The AnalyticsStore contract (architecture §2): every metric (metricTests) plus the read-only
 * SQL, freshness and schema methods. Adapters run it per source (RAW tables, dbt marts).
 */
export function describeAnalyticsStoreContract(name: string, factory: AnalyticsContractFactory): void {
  describe(`AnalyticsStore contract: ${name}`, () => {
    const dataset = contractDataset();
    let backend: AnalyticsContractBackend;
    let store: AnalyticsStore;

    beforeAll(async () => {
      backend = await factory(dataset);
      store = backend.store;
    });
    afterAll(async () => {
      await backend?.dispose();
    });

    metricTests(dataset, () => store);

    it('dataAsOf, describeSchema and stats describe the loaded data', async () => {
      const asOf = await store.dataAsOf();
      expect(asOf.source).toBe(backend.expectedSource);
      expect(asOf.last_sync_at).not.toBeNull();
      const latest = dataset.transactions.map((tx) => new Date(tx.occurred_at).toISOString()).sort().at(-1);
      expect(asOf.latest_transaction_at).toBe(latest);
      const schema = await store.describeSchema();
      const relation = schema.relations.find((r) => `${r.schema}.${r.name}` === backend.transactionsRelation);
      expect(relation?.columns.map((c) => c.name)).toEqual(expect.arrayContaining(['tx_id', 'normalized_amount', 'occurred_at']));
      const stats = await store.stats();
      expect(stats.transactions.live).toBe(dataset.transactions.length);
      expect(stats.relations.find((r) => r.relation === 'raw.transactions')?.rows).toBeGreaterThanOrEqual(dataset.transactions.length);
    });

    it('runs read-only SQL with a row limit and says when it truncated', async () => {
      const relation = backend.transactionsRelation;
      const live = backend.liveCondition ?? 'TRUE';
      const limited = await store.runReadOnlySql(`SELECT tx_id FROM ${relation} WHERE ${live} ORDER BY tx_id`, { maxRows: 5 });
      const firstIds = dataset.transactions.map((tx) => tx.tx_id).sort().slice(0, 5);
      expect(limited).toMatchObject({ truncated: true, maxRows: 5 });
      expect(limited.rows.map((r) => r.tx_id)).toEqual(firstIds);
      const counted = await store.runReadOnlySql(`SELECT count(*) AS n FROM ${relation} WHERE ${live}`, { maxRows: 5, allowedRelations: [relation] });
      expect(counted.truncated).toBe(false);
      expect(Number(counted.rows[0]?.n)).toBe(dataset.transactions.length);
      expect(counted.columns.map((c) => c.name)).toEqual(['n']);
      await expect(store.runReadOnlySql(`DELETE FROM ${relation}`, { maxRows: 5 })).rejects.toBeInstanceOf(SqlRejectedError);
      await expect(store.runReadOnlySql('SELECT * FROM raw._sync_state', { maxRows: 5, allowedRelations: [relation] })).rejects.toThrow(
        /not on the allow-list/,
      );
      expect((await store.runReadOnlySql(`SELECT count(*) AS n FROM ${relation}`, { maxRows: 1 })).rows).toHaveLength(1);
    });
  });
}
