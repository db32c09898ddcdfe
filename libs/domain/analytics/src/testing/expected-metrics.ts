import { balanceDeltaCents, divideHalfEven, fromCents, toCents, type Transaction } from '@ledgerline/transactions';
import { ANOMALY_MIN_OBSERVATIONS, ANOMALY_Z_THRESHOLD, isCounted, isIncome, isSpend, movesBalance, RECURRING_MIN_MONTHS } from '../metrics/metric-definitions.ts';
import { monthBounds, type MetricFilters } from '../metrics/metric-filters.ts';
import {
  anomaliesParamsSchema,
  balancesOverTimeParamsSchema,
  cashflowParamsSchema,
  kpisParamsSchema,
  monthOverMonthParamsSchema,
  recurringPaymentsParamsSchema,
  searchParamsSchema,
  spendByCategoryOverTimeParamsSchema,
  spendByCategoryParamsSchema,
  spendByChannelParamsSchema,
  spendByLocationParamsSchema,
  spendByPeriodParamsSchema,
  topMerchantsParamsSchema,
  type AnomaliesParams,
  type BalancesOverTimeParams,
  type CashflowParams,
  type KpisParams,
  type MonthOverMonthParams,
  type RecurringPaymentsParams,
  type SearchParams,
  type SpendByCategoryOverTimeParams,
  type SpendByCategoryParams,
  type SpendByChannelParams,
  type SpendByLocationParams,
  type SpendByPeriodParams,
  type TopMerchantsParams,
} from '../metrics/metric-params.ts';
import type {
  AnomalyRow,
  BalanceRow,
  CashflowRow,
  CategoryPeriodSpendRow,
  CategorySpendRow,
  ChannelSpendRow,
  Kpis,
  LocationSpendRow,
  MerchantSpendRow,
  MonthFigures,
  MonthOverMonthRow,
  PeriodSpendRow,
  RecurringPaymentRow,
  SearchRow,
} from '../metrics/metric-rows.ts';
import type { AnalyticsDataset } from './contract-dataset.ts';

// Ground truth for the AnalyticsStore contract, computed straight from the generated rows in
// TypeScript (bigint cents, no SQL): the independent computation every adapter is checked against.

const day = (tx: Transaction) => new Date(tx.occurred_at).toISOString().slice(0, 10);
const month = (tx: Transaction) => day(tx).slice(0, 7);
const cents = (tx: Transaction) => toCents(tx.normalized_amount);
/** Byte (code point) order, as the SQL sorts text. */
const byText = (a: string | null, b: string | null) => (a === b ? 0 : a === null ? 1 : b === null ? -1 : a < b ? -1 : 1);
const byCentsDesc = (a: bigint, b: bigint) => (a === b ? 0 : a > b ? -1 : 1);

function mondayOf(isoDay: string): string {
  const date = new Date(`${isoDay}T00:00:00.000Z`);
  date.setUTCDate(date.getUTCDate() - ((date.getUTCDay() + 6) % 7));
  return date.toISOString().slice(0, 10);
}

function percent(current: bigint, previous: bigint): number | null {
  return previous === 0n ? null : Math.round((Number(current - previous) / Number(previous)) * 10_000) / 100;
}

interface Group<K> {
  key: K;
  rows: Transaction[];
}

function groupBy<K>(rows: readonly Transaction[], keyOf: (tx: Transaction) => K, id: (key: K) => string = String): Group<K>[] {
  const groups = new Map<string, Group<K>>();
  for (const tx of rows) {
    const key = keyOf(tx);
    const entry = groups.get(id(key)) ?? { key, rows: [] };
    entry.rows.push(tx);
    groups.set(id(key), entry);
  }
  return [...groups.values()];
}

const sumCents = (rows: readonly Transaction[]) => rows.reduce((s, tx) => s + cents(tx), 0n);

export class ExpectedMetrics {
  private readonly customerOf: Map<string, string>;

  constructor(private readonly dataset: AnalyticsDataset) {
    this.customerOf = new Map(dataset.accounts.map((a) => [a.account_id, a.customer_id]));
  }

  customerIdOf(tx: Transaction): string | null {
    return this.customerOf.get(tx.account_id) ?? null;
  }

  /** Rows passing the common filters. */
  filtered(filters: MetricFilters): Transaction[] {
    return this.dataset.transactions.filter(
      (tx) =>
        (filters.customerId === undefined || this.customerIdOf(tx) === filters.customerId) &&
        (filters.accountId === undefined || tx.account_id === filters.accountId) &&
        (filters.category === undefined || tx.category === filters.category) &&
        (filters.from === undefined || day(tx) >= filters.from) &&
        (filters.to === undefined || day(tx) <= filters.to),
    );
  }

  private periods(filters: MetricFilters, periodOf: (tx: Transaction) => string) {
    const groups = groupBy(this.filtered(filters).filter(isCounted), periodOf).sort((a, b) => byText(a.key, b.key));
    return groups.map(({ key, rows }) => {
      const spend = sumCents(rows.filter(isSpend));
      const income = sumCents(rows.filter(isIncome));
      return { key, spend: fromCents(spend), income: fromCents(income), net: fromCents(income - spend), count: rows.length };
    });
  }

  spendByPeriod(input: SpendByPeriodParams): PeriodSpendRow[] {
    const p = spendByPeriodParamsSchema.parse(input);
    const periodOf = p.grain === 'day' ? day : p.grain === 'week' ? (tx: Transaction) => mondayOf(day(tx)) : (tx: Transaction) => `${month(tx)}-01`;
    return this.periods(p, periodOf).map(({ key, ...rest }) => ({ period: key, ...rest }));
  }

  cashflow(input: CashflowParams = {}): CashflowRow[] {
    const p = cashflowParamsSchema.parse(input);
    return this.periods(p, month).map(({ key, spend, income, net, count }) => ({ month: key, income, spend, net, count }));
  }

  /** Spend rows grouped by keys, largest first, ties by the keys in order. */
  private spendGroups<K extends Array<string | null>>(filters: MetricFilters, keyOf: (tx: Transaction) => K, extra: (tx: Transaction) => boolean = () => true) {
    const groups = groupBy(this.filtered(filters).filter((tx) => isSpend(tx) && extra(tx)), keyOf, (k) => JSON.stringify(k));
    return groups
      .map(({ key, rows }) => ({ key, spendCents: sumCents(rows), count: rows.length }))
      .sort((a, b) => byCentsDesc(a.spendCents, b.spendCents) || a.key.reduce((r, k, i) => r || byText(k, b.key[i] ?? null), 0))
      .map(({ key, spendCents, count }) => ({ key, spend: fromCents(spendCents), count }));
  }

  spendByCategory(input: SpendByCategoryParams = {}): CategorySpendRow[] {
    const p = spendByCategoryParamsSchema.parse(input);
    return this.spendGroups(p, (tx) => (p.level === 'subcategory' ? [tx.category, tx.subcategory] : [tx.category])).map(({ key, spend, count }) => ({
      category: key[0] as string,
      subcategory: p.level === 'subcategory' ? (key[1] ?? null) : null,
      spend,
      count,
    }));
  }

  spendByCategoryOverTime(input: SpendByCategoryOverTimeParams = {}): CategoryPeriodSpendRow[] {
    const p = spendByCategoryOverTimeParamsSchema.parse(input);
    const periodOf = (tx: Transaction) => (p.grain === 'day' ? day(tx) : p.grain === 'week' ? mondayOf(day(tx)) : `${month(tx)}-01`);
    return groupBy(this.filtered(p).filter(isSpend), (tx): [string, string] => [periodOf(tx), tx.category], (k) => JSON.stringify(k))
      .map(({ key: [period, category], rows }) => ({ period, category, spend: fromCents(sumCents(rows)), count: rows.length }))
      .sort((a, b) => byText(a.period, b.period) || byText(a.category, b.category));
  }

  topMerchants(input: TopMerchantsParams = {}): MerchantSpendRow[] {
    const p = topMerchantsParamsSchema.parse(input);
    return this.spendGroups(p, (tx) => [tx.merchant], (tx) => tx.merchant !== null)
      .slice(0, p.limit)
      .map(({ key, spend, count }) => ({ merchant: key[0] as string, spend, count }));
  }

  spendByChannel(input: SpendByChannelParams = {}): ChannelSpendRow[] {
    const p = spendByChannelParamsSchema.parse(input);
    return this.spendGroups(p, (tx) => [tx.channel]).map(({ key, spend, count }) => ({ channel: key[0] as string, spend, count }));
  }

  spendByLocation(input: SpendByLocationParams = {}): LocationSpendRow[] {
    const p = spendByLocationParamsSchema.parse(input);
    return this.spendGroups(p, (tx) => (p.level === 'country' ? [tx.country] : [tx[p.level], tx.country])).map(({ key, spend, count }) => ({
      location: key[0] ?? null,
      country: p.level === 'country' ? (key[0] ?? null) : (key[1] ?? null),
      spend,
      count,
    }));
  }

  recurringPayments(input: RecurringPaymentsParams = {}): RecurringPaymentRow[] {
    const p = recurringPaymentsParamsSchema.parse(input);
    const rows = this.filtered(p).filter((tx) => isSpend(tx) && tx.is_recurring && tx.merchant !== null);
    return groupBy(rows, (tx) => [tx.merchant as string, tx.category], (k) => JSON.stringify(k))
      .map(({ key, rows: group }) => {
        const amounts = group.map(cents).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
        const customers = new Set(group.map((tx) => this.customerIdOf(tx)).filter((c) => c !== null));
        return {
          merchant: key[0] as string,
          category: key[1] as string,
          payments: group.length,
          months_seen: new Set(group.map(month)).size,
          customers: customers.size,
          typical_amount: fromCents(amounts[Math.ceil(amounts.length / 2) - 1] as bigint),
          totalCents: sumCents(group),
          last_date: group.map(day).sort().at(-1) as string,
        };
      })
      .filter((r) => r.months_seen >= RECURRING_MIN_MONTHS)
      .sort((a, b) => byCentsDesc(a.totalCents, b.totalCents) || byText(a.merchant, b.merchant) || byText(a.category, b.category))
      .slice(0, p.limit)
      .map(({ totalCents, ...r }) => ({ ...r, total: fromCents(totalCents) }));
  }

  /** The generator's opening balance rolled forward day by day (independent of the current balance). */
  balancesOverTime(input: BalancesOverTimeParams): BalanceRow[] {
    const p = balancesOverTimeParamsSchema.parse(input);
    const account = this.dataset.accounts.find((a) => a.account_id === p.accountId);
    const opening = this.dataset.openingBalances[p.accountId];
    if (!account || opening === undefined) return [];
    const moves = this.dataset.transactions.filter((tx) => tx.account_id === p.accountId && movesBalance(tx));
    const deltaByDay = new Map<string, bigint>();
    for (const tx of moves) deltaByDay.set(day(tx), (deltaByDay.get(day(tx)) ?? 0n) + balanceDeltaCents(tx, account.currency));
    const days = [...deltaByDay.keys()].sort();
    const first = p.from ?? days[0];
    const last = p.to ?? days.at(-1);
    if (first === undefined || last === undefined) return [];
    let balance = toCents(opening);
    for (const [d, delta] of deltaByDay) if (d < first) balance += delta;
    const out: BalanceRow[] = [];
    for (let d = first; d <= last; d = nextDay(d)) {
      balance += deltaByDay.get(d) ?? 0n;
      out.push({ date: d, balance: fromCents(balance), currency: account.currency });
    }
    return out;
  }

  /** Leave-one-out z-scores in exact cents (metric-definitions.ts). */
  anomalies(input: AnomaliesParams = {}): AnomalyRow[] {
    const p = anomaliesParamsSchema.parse(input);
    const spend = this.dataset.transactions.filter((tx) => isSpend(tx) && this.customerIdOf(tx) !== null);
    const groups = new Map<string, { n: bigint; total: bigint; squares: bigint }>();
    const keyOf = (tx: Transaction) => `${this.customerIdOf(tx)}\u0000${tx.category}`;
    for (const tx of spend) {
      const g = groups.get(keyOf(tx)) ?? { n: 0n, total: 0n, squares: 0n };
      groups.set(keyOf(tx), { n: g.n + 1n, total: g.total + cents(tx), squares: g.squares + cents(tx) * cents(tx) });
    }
    const allowed = new Set(this.filtered(p).map((tx) => tx.tx_id));
    return spend
      .flatMap((tx) => {
        const g = groups.get(keyOf(tx)) as { n: bigint; total: bigint; squares: bigint };
        const k = g.n - 1n;
        if (k < BigInt(ANOMALY_MIN_OBSERVATIONS) || !allowed.has(tx.tx_id)) return [];
        const x = cents(tx);
        const otherSum = g.total - x;
        const otherSquares = g.squares - x * x;
        const variance = Number(k * otherSquares - otherSum * otherSum) / Number(k * (k - 1n));
        if (!(variance > 0)) return [];
        const z = Number(x * k - otherSum) / Number(k) / Math.sqrt(variance);
        if (Math.abs(z) < ANOMALY_Z_THRESHOLD) return [];
        return [
          {
            tx_id: tx.tx_id,
            occurred_at: new Date(tx.occurred_at).toISOString(),
            customer_id: this.customerIdOf(tx),
            account_id: tx.account_id,
            merchant: tx.merchant,
            category: tx.category,
            amount: tx.normalized_amount,
            mean: fromCents(divideHalfEven(otherSum, k)),
            z_score: z,
            observations: Number(k),
          },
        ];
      })
      .sort((a, b) => Math.abs(b.z_score) - Math.abs(a.z_score) || byText(a.tx_id, b.tx_id))
      .slice(0, p.limit);
  }

  monthOverMonth(input: MonthOverMonthParams): MonthOverMonthRow[] {
    const p = monthOverMonthParamsSchema.parse(input);
    const { previous } = monthBounds(p.month);
    const rows = this.filtered(p).filter((tx) => isSpend(tx) && (month(tx) === p.month || month(tx) === previous));
    return groupBy(rows, (tx) => tx.category)
      .map(({ key, rows: group }) => {
        const now = sumCents(group.filter((tx) => month(tx) === p.month));
        const before = sumCents(group.filter((tx) => month(tx) === previous));
        return { key, now, before };
      })
      .sort((a, b) => byCentsDesc(a.now, b.now) || byText(a.key, b.key))
      .map(({ key, now, before }) => ({
        category: key,
        spend: fromCents(now),
        previous_spend: fromCents(before),
        change: fromCents(now - before),
        pct_change: percent(now, before),
      }));
  }

  search(input: SearchParams): SearchRow[] {
    const p = searchParamsSchema.parse(input);
    const needle = p.text.toLowerCase();
    const rows = this.filtered(p);
    const kinds = ['merchant', 'category', 'subcategory'] as const;
    const found: SearchRow[] = [];
    for (const kind of kinds) {
      const matching = rows.filter((tx) => tx[kind] !== null && (tx[kind] as string).toLowerCase().includes(needle));
      for (const { key, rows: group } of groupBy(matching, (tx) => tx[kind] as string)) {
        const parents = group.map((tx) => tx.category).sort(byText);
        found.push({
          kind,
          value: key,
          category: kind === 'category' ? null : (parents[0] as string),
          count: group.length,
          spend: fromCents(sumCents(group.filter(isSpend))),
        });
      }
    }
    return found.sort((a, b) => b.count - a.count || byText(a.kind, b.kind) || byText(a.value, b.value)).slice(0, p.limit);
  }

  kpis(input: KpisParams): Kpis {
    const p = kpisParamsSchema.parse(input);
    const { previous } = monthBounds(p.month);
    const figures = (m: string): MonthFigures & { s: bigint; i: bigint } => {
      const rows = this.filtered(p).filter((tx) => month(tx) === m && isCounted(tx));
      const s = sumCents(rows.filter(isSpend));
      const i = sumCents(rows.filter(isIncome));
      return { month: m, spend: fromCents(s), income: fromCents(i), net: fromCents(i - s), count: rows.length, s, i };
    };
    const { s, i, ...current } = figures(p.month);
    const { s: ps, i: pi, ...before } = figures(previous);
    return {
      ...current,
      previous: before,
      change: {
        spend: fromCents(s - ps),
        income: fromCents(i - pi),
        net: fromCents(i - s - (pi - ps)),
        count: current.count - before.count,
        spend_pct: percent(s, ps),
        income_pct: percent(i, pi),
      },
    };
  }
}

function nextDay(isoDay: string): string {
  const date = new Date(`${isoDay}T00:00:00.000Z`);
  date.setUTCDate(date.getUTCDate() + 1);
  return date.toISOString().slice(0, 10);
}
