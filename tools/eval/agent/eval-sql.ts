import type { DuckDBConnection } from '@duckdb/node-api';

// Expected answers, computed straight from the RAW tables with hand-written SQL. Deliberately
// independent of the analytics metric SQL and of the planner's SQL: the definitions are restated
// here (docs/analytics.md): counted = not TRANSFER, not TRADE and not REVERSED/DECLINED; spend = counted
// DEBIT rows, income = counted CREDIT rows; days are UTC days of occurred_at.

export interface EvalFilters {
  readonly customer?: string;
  readonly account?: string;
  readonly category?: string;
  readonly subcategory?: string;
  readonly merchant?: string;
  readonly channel?: string;
  readonly country?: string;
  /** Inclusive UTC days. */
  readonly from?: string;
  readonly to?: string;
}

const text = (v: string) => `'${v.replace(/'/g, "''")}'`;

function where(f: EvalFilters, extra: string[] = []): string {
  const c = ['NOT t._deleted', ...extra];
  if (f.customer) c.push(`a.customer_id = ${text(f.customer)}`);
  if (f.account) c.push(`t.account_id = ${text(f.account)}`);
  if (f.category) c.push(`t.category = ${text(f.category)}`);
  if (f.subcategory) c.push(`t.subcategory = ${text(f.subcategory)}`);
  if (f.merchant) c.push(`t.merchant = ${text(f.merchant)}`);
  if (f.channel) c.push(`t.channel = ${text(f.channel)}`);
  if (f.country) c.push(`t.country = ${text(f.country)}`);
  if (f.from) c.push(`CAST(timezone('UTC', t.occurred_at) AS DATE) >= DATE ${text(f.from)}`);
  if (f.to) c.push(`CAST(timezone('UTC', t.occurred_at) AS DATE) <= DATE ${text(f.to)}`);
  return `FROM raw.transactions t JOIN raw.accounts a ON a.account_id = t.account_id WHERE ${c.join(' AND ')}`;
}

const COUNTED = "t.txn_type NOT IN ('TRANSFER', 'TRADE') AND t.status NOT IN ('REVERSED', 'DECLINED')";
const SPEND = `t.direction = 'DEBIT' AND ${COUNTED}`;
const INCOME = `t.direction = 'CREDIT' AND ${COUNTED}`;
const amount = (expr: string) => `CAST(CAST(coalesce(${expr}, 0) AS DECIMAL(18,2)) AS VARCHAR)`;

export class EvalSql {
  constructor(private readonly db: DuckDBConnection) {}

  async rows(sql: string): Promise<Array<Record<string, string>>> {
    const reader = await this.db.runAndReadAll(sql);
    return reader.getRowObjectsJS().map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, v === null ? '' : String(v)])));
  }

  async one(sql: string): Promise<Record<string, string>> {
    const row = (await this.rows(sql))[0];
    if (!row) throw new Error(`no row: ${sql}`);
    return row;
  }

  async spend(f: EvalFilters): Promise<{ amount: string; count: string }> {
    return this.one(`SELECT ${amount('sum(t.normalized_amount)')} AS amount, count(*) AS count ${where(f, [SPEND])}`) as Promise<{ amount: string; count: string }>;
  }

  async income(f: EvalFilters): Promise<string> {
    return (await this.one(`SELECT ${amount('sum(t.normalized_amount)')} AS v ${where(f, [INCOME])}`)).v as string;
  }

  async counted(f: EvalFilters): Promise<string> {
    return (await this.one(`SELECT count(*) AS v ${where(f, [COUNTED])}`)).v as string;
  }

  async net(f: EvalFilters): Promise<string> {
    const sum = `sum(CASE WHEN t.direction = 'CREDIT' THEN t.normalized_amount ELSE -t.normalized_amount END)`;
    return (await this.one(`SELECT ${amount(sum)} AS v ${where(f, [COUNTED])}`)).v as string;
  }

  /** Spend per group, largest first (ties by name). */
  async spendBy(column: string, f: EvalFilters, limit = 1000): Promise<Array<{ key: string; amount: string; count: string }>> {
    return (await this.rows(
      `SELECT ${column} AS key, ${amount('sum(t.normalized_amount)')} AS amount, count(*) AS count ${where(f, [SPEND])}
       GROUP BY 1 ORDER BY sum(t.normalized_amount) DESC, 1 LIMIT ${limit}`,
    )) as Array<{ key: string; amount: string; count: string }>;
  }

  /** A customer chosen by rank of counted transactions (0 = most active), deterministic. */
  async customerByRank(rank: number): Promise<string> {
    return (await this.one(
      `SELECT a.customer_id AS v FROM raw.transactions t JOIN raw.accounts a ON a.account_id = t.account_id
       GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1 OFFSET ${rank}`,
    )).v as string;
  }

  async latestDay(): Promise<string> {
    return (await this.one(`SELECT CAST(CAST(timezone('UTC', max(occurred_at)) AS DATE) AS VARCHAR) AS v FROM raw.transactions WHERE NOT _deleted`)).v as string;
  }
}
