import { divideHalfEven } from '@ledgerline/transactions';
import { METRIC_DEFINITIONS_SQL } from '../metric-sql/metric-query.ts';
import type { SourceFlags } from '../metric-sql/transaction-source.ts';
import { TRADE_TXN_TYPE } from './metric-definitions.ts';
import { percentChangeBasisPoints } from './money-text.ts';

// The metric catalog (issue #20 item 3; in the spirit of dbt's semantic layer): what "spend",
// "income", "net", "transactions", "balance", "change", "percent change" and "average per month"
// mean, which dimensions and time grains each allows, and the SQL of each measure. One definition
// that every surface reads: the AnalyticsStore metrics (and so the dashboard) take their row
// predicates from METRIC_DEFINITIONS_SQL, the flags these measures are written in; the agent's
// planner builds its SQL from `measureSql` and computes percent changes and monthly averages with
// the functions below; the dashboard serves the catalog at /api/metric-catalog and the chat
// model's system prompt states it (`describeCatalog`).

/** What a figure can be broken down or filtered by. */
export const CATALOG_DIMENSIONS = ['customer', 'account', 'category', 'subcategory', 'merchant', 'channel', 'city', 'state', 'country'] as const;
export type CatalogDimension = (typeof CATALOG_DIMENSIONS)[number];
export type TimeGrain = 'day' | 'week' | 'month';
/** The catalog's sums and counts over transaction rows (its entries of kind 'measure'). */
export const MEASURE_NAMES = ['spend', 'income', 'net', 'transactions', 'invested'] as const;
export type MeasureName = (typeof MEASURE_NAMES)[number];

interface Entry {
  readonly label: string;
  readonly description: string;
  readonly unit: 'money (base currency)' | 'money (account currency)' | 'count' | 'percent';
  readonly dimensions: readonly CatalogDimension[];
  readonly grains: readonly TimeGrain[];
}

/** An aggregate over transaction rows: its SQL over the canonical columns, given the source's row flags. */
export interface MeasureEntry extends Entry {
  readonly kind: 'measure';
  sql(flags: SourceFlags): string;
}

/** A figure of an account at a point in time, not a sum over rows. */
export interface StateEntry extends Entry {
  readonly kind: 'state';
}

/** A figure computed from measures (of two periods, or of one period and its months). */
export interface DerivedEntry extends Entry {
  readonly kind: 'derived';
  readonly of: readonly MeasureName[];
}

const EVERY: readonly CatalogDimension[] = CATALOG_DIMENSIONS;
const GRAINS: readonly TimeGrain[] = ['day', 'week', 'month'];

export const SEMANTIC_CATALOG = {
  spend: {
    kind: 'measure',
    label: 'spend',
    description: 'sum of normalized_amount of counted DEBIT rows',
    unit: 'money (base currency)',
    dimensions: EVERY,
    grains: GRAINS,
    sql: (f) => `sum(normalized_amount) FILTER (WHERE ${f.spend})`,
  },
  income: {
    kind: 'measure',
    label: 'income',
    description: 'sum of normalized_amount of counted CREDIT rows',
    unit: 'money (base currency)',
    dimensions: EVERY,
    grains: GRAINS,
    sql: (f) => `sum(normalized_amount) FILTER (WHERE ${f.income})`,
  },
  net: {
    kind: 'measure',
    label: 'net',
    description: 'income - spend of the same rows',
    unit: 'money (base currency)',
    dimensions: EVERY,
    grains: GRAINS,
    sql: (f) => `sum(CASE WHEN ${f.income} THEN normalized_amount WHEN ${f.spend} THEN -normalized_amount END)`,
  },
  transactions: {
    kind: 'measure',
    label: 'number of transactions',
    description: 'counted rows of both directions',
    unit: 'count',
    dimensions: EVERY,
    grains: GRAINS,
    sql: (f) => `count(*) FILTER (WHERE ${f.counted})`,
  },
  invested: {
    kind: 'measure',
    label: 'net invested',
    description: 'investment trades (docs/trades.md) that moved money: buys (DEBIT) minus sells (CREDIT) of normalized_amount; never spend or income',
    unit: 'money (base currency)',
    dimensions: ['customer', 'account', 'merchant'],
    grains: GRAINS,
    sql: (f) => `sum(CASE WHEN txn_type = '${TRADE_TXN_TYPE}' AND ${f.movesBalance} THEN CASE WHEN direction = 'DEBIT' THEN normalized_amount ELSE -normalized_amount END END)`,
  },
  balance: {
    kind: 'state',
    label: 'balance',
    description:
      "the account's current balance in its own currency (accounts.balance); on a day, the end-of-day balance (balancesOverTime: every row but REVERSED/DECLINED moves it, transfers and trades included)",
    unit: 'money (account currency)',
    dimensions: ['customer', 'account'],
    grains: ['day'],
  },
  change: {
    kind: 'derived',
    label: 'change',
    description: 'the later period minus the earlier one, whatever order the question names them in',
    unit: 'money (base currency)',
    of: ['spend', 'income', 'net', 'transactions'],
    dimensions: EVERY,
    grains: GRAINS,
  },
  percent_change: {
    kind: 'derived',
    label: 'percent change',
    description: '(later - earlier) / |earlier| x 100, to 0.01 % half away from zero, on exact cents; none when the earlier figure is 0',
    unit: 'percent',
    of: ['spend', 'income', 'net', 'transactions'],
    dimensions: EVERY,
    grains: ['week', 'month'],
  },
  average_per_month: {
    kind: 'derived',
    label: 'average per month',
    description: 'the total of the range / the calendar months of the range the data covers (months with data), half-even to the cent',
    unit: 'money (base currency)',
    of: ['spend', 'income', 'net'],
    dimensions: EVERY,
    grains: ['month'],
  },
} as const satisfies Record<string, MeasureEntry | StateEntry | DerivedEntry>;

export type CatalogName = keyof typeof SEMANTIC_CATALOG;

/** The SQL aggregate of a measure over the canonical columns (default flags: the metric definitions'). */
export function measureSql(name: MeasureName, flags: SourceFlags = METRIC_DEFINITIONS_SQL): string {
  return (SEMANTIC_CATALOG[name] as MeasureEntry).sql(flags);
}

const COLUMN_UNQUALIFIED = /(?<![.\w])(txn_type|status|direction)\b/g;
const MEASURE_COLUMN = /(?<![.\w])(txn_type|status|direction|normalized_amount)\b/g;

/** measureSql with every column qualified by a table alias (`t`), for SQL that joins accounts. */
export function qualifiedMeasureSql(name: MeasureName, alias: string): string {
  return measureSql(name).replace(MEASURE_COLUMN, `${alias}.$1`);
}

/**
 * The metric definitions' row flags with their columns qualified by a table alias (`t.`), for SQL
 * that joins transactions with accounts (the agent's planner SQL), where a bare `status` would be
 * ambiguous. Same predicates, same text otherwise.
 */
export function qualifiedFlags(alias: string, flags: SourceFlags = METRIC_DEFINITIONS_SQL): SourceFlags {
  const q = (sql: string) => sql.replace(COLUMN_UNQUALIFIED, `${alias}.$1`);
  return { counted: q(flags.counted), spend: q(flags.spend), income: q(flags.income), movesBalance: q(flags.movesBalance) };
}

/** The catalog's percent change of two figures in cents, as "+12.35%" ("n/a" from 0). */
export function percentChangeText(later: bigint, earlier: bigint): string {
  const bp = percentChangeBasisPoints(later, earlier);
  if (bp === null) return 'n/a';
  const abs = bp < 0n ? -bp : bp;
  return `${bp < 0n ? '-' : '+'}${abs / 100n}.${String(abs % 100n).padStart(2, '0')}%`;
}

/** The catalog's average per month: total cents / months with data, half-even. */
export function averagePerMonthCents(totalCents: bigint, monthsWithData: number): bigint {
  if (!Number.isInteger(monthsWithData) || monthsWithData < 1) throw new RangeError(`an average per month needs at least one month with data, got ${monthsWithData}`);
  return divideHalfEven(totalCents, BigInt(monthsWithData));
}

/** One catalog entry as the dashboard serves it (GET /api/metric-catalog): measures with their SQL. */
export interface CatalogEntryWire {
  readonly name: CatalogName;
  readonly kind: 'measure' | 'state' | 'derived';
  readonly label: string;
  readonly description: string;
  readonly unit: string;
  readonly dimensions: readonly CatalogDimension[];
  readonly grains: readonly TimeGrain[];
  readonly of?: readonly MeasureName[];
  readonly sql?: string;
}

export function catalogEntries(): CatalogEntryWire[] {
  return (Object.keys(SEMANTIC_CATALOG) as CatalogName[]).map((name) => {
    const e: MeasureEntry | StateEntry | DerivedEntry = SEMANTIC_CATALOG[name];
    const base = { name, kind: e.kind, label: e.label, description: e.description, unit: e.unit, dimensions: e.dimensions, grains: e.grains };
    if (e.kind === 'measure') return { ...base, sql: e.sql(METRIC_DEFINITIONS_SQL) };
    return e.kind === 'derived' ? { ...base, of: e.of } : base;
  });
}

/** One line per entry, for a chat model's system prompt and the dashboard's catalog endpoint. */
export function describeCatalog(): string[] {
  const counted = `counted rows (what every measure sums or counts): ${METRIC_DEFINITIONS_SQL.counted}`;
  return [counted, ...Object.entries(SEMANTIC_CATALOG).map(([name, e]) => `${name} (${e.label}, ${e.unit}): ${e.description}; dimensions ${e.dimensions.join(', ')}; grains ${e.grains.join(', ')}`)];
}
