import type { EvalSql } from './eval-sql.ts';

// The expected figures of the fourth sealed set (sealed4-cases.ts), written for it from the
// definitions of docs/analytics.md only - not the planner's SQL, not the metric SQL, not EvalSql's
// helpers: a counted row is live, neither a TRANSFER nor a TRADE, and not REVERSED or DECLINED;
// spend = counted DEBIT rows, income = counted CREDIT rows, net = income - spend, a count is the
// counted rows of both directions; amounts are normalized_amount (the base currency); days are
// UTC days of occurred_at; the balance is the account's own current figure in its currency.

const lit = (v: string) => `'${v.replace(/'/g, "''")}'`;

/** Every counted row once, with its UTC day and the customer owning its account. */
const COUNTED_ROWS = `WITH booked AS (
  SELECT r.*, CAST(timezone('UTC', r.occurred_at) AS DATE) AS d, acc.customer_id AS who
  FROM raw.transactions r JOIN raw.accounts acc ON acc.account_id = r.account_id
  WHERE r._deleted = false AND r.txn_type NOT IN ('TRANSFER', 'TRADE') AND r.status NOT IN ('REVERSED', 'DECLINED')
)`;

/** Which rows a figure is over: one customer (or all), inclusive UTC days, extra SQL conditions. */
export interface Scope {
  readonly who?: string;
  readonly from: string;
  readonly to: string;
  readonly where?: readonly string[];
}

const conditions = (s: Scope) =>
  [`d >= DATE ${lit(s.from)}`, `d <= DATE ${lit(s.to)}`, ...(s.who ? [`who = ${lit(s.who)}`] : []), ...(s.where ?? [])].join(' AND ');

/** Cents as "-12.34" / "12.34". */
export const money = (cents: bigint): string => {
  const neg = cents < 0n;
  const abs = neg ? -cents : cents;
  return `${neg ? '-' : ''}${abs / 100n}.${(abs % 100n).toString().padStart(2, '0')}`;
};
export const signedMoney = (cents: bigint): string => (cents >= 0n ? `+${money(cents)}` : money(cents));

/** (later - earlier) / |earlier| to 0.01 %, half away from zero, as "+1.23%" / "-1.23%". */
export function percentChange(earlier: bigint, later: bigint): string {
  const scaled = (later - earlier) * 10_000n;
  const base = earlier < 0n ? -earlier : earlier;
  const abs = scaled < 0n ? -scaled : scaled;
  const rounded = (abs * 2n + base) / (base * 2n);
  return `${scaled < 0n && rounded !== 0n ? '-' : '+'}${money(rounded)}%`;
}

/** cents / months, half to even on the cent. */
export function perMonth(cents: bigint, months: number): string {
  const n = BigInt(months);
  let q = cents / n;
  const r = cents - q * n;
  const twice = (r < 0n ? -r : r) * 2n;
  if (twice > n || (twice === n && q % 2n !== 0n)) q += cents < 0n ? -1n : 1n;
  return money(q);
}

export const lastDay = (ym: string): string => {
  const [y, m] = ym.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
};
export const wholeMonth = (ym: string) => ({ from: `${ym}-01`, to: lastDay(ym) });
export const daysBefore = (day: string, n: number): string =>
  new Date(Date.parse(`${day}T00:00:00Z`) - n * 86_400_000).toISOString().slice(0, 10);
export const shiftMonth = (ym: string, by: number): string => {
  const [y, m] = ym.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m - 1 + by, 1)).toISOString().slice(0, 7);
};

/** The figures the cases need, each one query over COUNTED_ROWS. */
export class Sealed4Ledger {
  constructor(private readonly sql: EvalSql) {}

  private async cents(sum: string, s: Scope): Promise<bigint> {
    const row = await this.sql.one(`${COUNTED_ROWS} SELECT CAST(CAST(round(coalesce(${sum}, 0) * 100) AS BIGINT) AS VARCHAR) AS c FROM booked WHERE ${conditions(s)}`);
    return BigInt(row.c as string);
  }

  spend = (s: Scope) => this.cents("sum(CASE WHEN direction = 'DEBIT' THEN normalized_amount END)", s);
  income = (s: Scope) => this.cents("sum(CASE WHEN direction = 'CREDIT' THEN normalized_amount END)", s);
  net = (s: Scope) => this.cents("sum(CASE WHEN direction = 'CREDIT' THEN normalized_amount WHEN direction = 'DEBIT' THEN -normalized_amount END)", s);

  async count(s: Scope): Promise<string> {
    return (await this.sql.one(`${COUNTED_ROWS} SELECT CAST(count(*) AS VARCHAR) AS n FROM booked WHERE ${conditions(s)}`)).n as string;
  }

  /** Spend per value of `column`, largest first (ties by value); rows with no value are not a place or a name. */
  async top(column: string, s: Scope, n: number): Promise<Array<{ name: string; amount: string }>> {
    const rows = await this.sql.rows(
      `${COUNTED_ROWS} SELECT ${column} AS name, CAST(CAST(round(sum(normalized_amount) * 100) AS BIGINT) AS VARCHAR) AS c
       FROM booked WHERE ${conditions(s)} AND direction = 'DEBIT' AND ${column} IS NOT NULL AND ${column} <> ''
       GROUP BY ${column} ORDER BY sum(normalized_amount) DESC, ${column} LIMIT ${n}`,
    );
    return rows.map((r) => ({ name: r.name as string, amount: money(BigInt(r.c as string)) }));
  }

  /** A customer's live accounts with their current balance and currency. */
  accounts(who: string): Promise<Array<Record<string, string>>> {
    return this.sql.rows(
      `SELECT account_id AS id, account_type AS type, CAST(balance AS VARCHAR) AS balance, currency FROM raw.accounts
       WHERE _deleted = false AND customer_id = ${lit(who)} ORDER BY account_id`,
    );
  }

  /** Customers with enough counted rows to ask about, in an order of this set's own. */
  async customers(): Promise<string[]> {
    const rows = await this.sql.rows(`${COUNTED_ROWS} SELECT who FROM booked GROUP BY who HAVING count(*) >= 100 ORDER BY md5(who || '#sealed4'), who`);
    return rows.map((r) => r.who as string);
  }

  /** First and last UTC day with a counted row. */
  async coverage(): Promise<{ first: string; last: string }> {
    const row = await this.sql.one(`${COUNTED_ROWS} SELECT CAST(min(d) AS VARCHAR) AS f, CAST(max(d) AS VARCHAR) AS l FROM booked`);
    return { first: row.f as string, last: row.l as string };
  }
}
