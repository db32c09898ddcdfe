import { classifyTrinoError, TrinoHttpError, TrinoQueryError } from './trino-failures.ts';
import { trinoResultsSchema, type TrinoColumn, type TrinoResults } from './trino-protocol.ts';
import { parseTrinoJson } from './trino-values.ts';

export interface TrinoClientOptions {
  /** The coordinator, e.g. http://127.0.0.1:8080. */
  readonly url: string;
  readonly user: string;
  /** X-Trino-Source: how this client shows in Trino's query list. */
  readonly source?: string;
  /** Statements are cancelled after this long, on the server too (default 30 s). */
  readonly timeoutMs?: number;
  /**
   * Session properties sent with every statement (X-Trino-Session), e.g. planner settings for a
   * deployment; `query_max_execution_time` is always set from the timeout.
   */
  readonly session?: Readonly<Record<string, string>>;
}

export interface StatementOptions {
  readonly catalog?: string;
  readonly schema?: string;
  readonly timeoutMs?: number;
  /** Stop reading (and cancel the query) once this many rows came back. */
  readonly maxRows?: number;
  /** Run inside this transaction ('NONE' = none yet: the statement starts one). */
  readonly transactionId?: string;
}

export interface TrinoResult {
  readonly columns: readonly TrinoColumn[];
  /** Rows as arrays in column order; values as Trino's JSON encodes them, integers beyond 2^53 as bigint. */
  readonly rows: readonly unknown[][];
  readonly updateType?: string;
  readonly queryId: string;
  /** Set when the statement started a transaction (START TRANSACTION). */
  readonly startedTransactionId?: string;
}

// How long to wait before asking again when the coordinator is busy (HTTP 502/503/504 are
// "retry the same URI" in the protocol).
const BUSY_RETRY_MS = [50, 100, 200, 400, 800, 1600];

/**
 * Trino's HTTP client protocol on fetch: POST the statement, follow nextUri until the results
 * end, decode every response with zod. The session time zone is always UTC (timestamps and
 * dates mean the same as on DuckDB and PostgreSQL), and query_max_execution_time makes the
 * server stop a statement itself if this process dies before cancelling it.
 */
export class TrinoClient {
  private readonly base: string;

  constructor(private readonly options: TrinoClientOptions) {
    this.base = options.url.replace(/\/+$/, '');
  }

  get url(): string {
    return this.base;
  }

  /** Runs one statement to its end; failures come back classified (trino-failures.ts). */
  async run(sql: string, statement: StatementOptions = {}): Promise<TrinoResult> {
    const timeoutMs = statement.timeoutMs ?? this.options.timeoutMs ?? 30_000;
    const deadline = Date.now() + timeoutMs;
    let nextUri: string | undefined;
    try {
      let { page, startedTransactionId } = await this.send(`${this.base}/v1/statement`, { method: 'POST', body: sql, headers: this.headers(statement, timeoutMs) }, deadline);
      let columns: TrinoColumn[] | undefined;
      const rows: unknown[][] = [];
      for (;;) {
        if (page.error) throw new TrinoQueryError(page.error, page.id);
        columns ??= page.columns;
        if (page.data) rows.push(...page.data);
        nextUri = page.nextUri;
        if (nextUri && statement.maxRows !== undefined && rows.length >= statement.maxRows) {
          // Enough rows: the rest of the result is not wanted, so the query is cancelled.
          void this.cancel(nextUri);
          return { columns: columns ?? [], rows: rows.slice(0, statement.maxRows), updateType: page.updateType, queryId: page.id, startedTransactionId };
        }
        if (!nextUri) return { columns: columns ?? [], rows, updateType: page.updateType, queryId: page.id, startedTransactionId };
        if (Date.now() > deadline) throw new TrinoTimeoutError(timeoutMs, page.id);
        const next = await this.send(nextUri, { method: 'GET', headers: { 'X-Trino-User': this.options.user } }, deadline);
        page = next.page;
        startedTransactionId ??= next.startedTransactionId;
      }
    } catch (error) {
      // Leaving a query running would hold its memory and threads: cancel it (best effort).
      if (nextUri) void this.cancel(nextUri);
      throw classifyTrinoError(error);
    }
  }

  private async cancel(nextUri: string): Promise<void> {
    await fetch(nextUri, { method: 'DELETE', headers: { 'X-Trino-User': this.options.user } }).catch(() => undefined);
  }

  private headers(statement: StatementOptions, timeoutMs: number): Record<string, string> {
    const headers: Record<string, string> = {
      'X-Trino-User': this.options.user,
      'X-Trino-Source': this.options.source ?? 'ledgerline',
      'X-Trino-Time-Zone': 'UTC',
      'X-Trino-Session': Object.entries({ ...this.options.session, query_max_execution_time: `${Math.max(1, Math.ceil(timeoutMs / 1000))}s` })
        .map(([name, value]) => `${name}=${encodeURIComponent(value)}`)
        .join(','),
    };
    if (statement.catalog) headers['X-Trino-Catalog'] = statement.catalog;
    if (statement.schema) headers['X-Trino-Schema'] = statement.schema;
    if (statement.transactionId) headers['X-Trino-Transaction-Id'] = statement.transactionId;
    return headers;
  }

  /**
   * Runs one query inside a READ ONLY transaction, rolled back afterwards: Trino itself then
   * refuses any write or DDL the statement might contain (READ_ONLY_VIOLATION), whatever the
   * connector - the last line of defence behind the read-only SQL guard.
   */
  async runReadOnly(sql: string, statement: StatementOptions = {}): Promise<TrinoResult> {
    const started = await this.run('START TRANSACTION READ ONLY', { ...statement, transactionId: 'NONE' });
    const transactionId = started.startedTransactionId;
    if (!transactionId) throw new Error('Trino started no transaction for START TRANSACTION READ ONLY');
    try {
      return await this.run(sql, { ...statement, transactionId });
    } finally {
      await this.run('ROLLBACK', { ...statement, transactionId }).catch(() => undefined);
    }
  }

  private async send(url: string, init: RequestInit, deadline: number): Promise<{ page: TrinoResults; startedTransactionId?: string }> {
    for (let attempt = 0; ; attempt += 1) {
      const remaining = Math.max(1, deadline - Date.now());
      const response = await fetch(url, { ...init, signal: AbortSignal.timeout(remaining) });
      const body = await response.text();
      const busy = response.status === 502 || response.status === 503 || response.status === 504;
      const wait = BUSY_RETRY_MS[attempt];
      if (busy && wait !== undefined && Date.now() + wait < deadline) {
        await new Promise((resolve) => setTimeout(resolve, wait));
        continue;
      }
      if (!response.ok) throw new TrinoHttpError(response.status, body);
      const startedTransactionId = response.headers.get('X-Trino-Started-Transaction-Id') ?? undefined;
      return { page: trinoResultsSchema.parse(parseTrinoJson(body)), startedTransactionId };
    }
  }
}

/** The statement ran past its time limit and was cancelled. */
export class TrinoTimeoutError extends Error {
  override name = 'TrinoTimeoutError';
  constructor(
    readonly timeoutMs: number,
    readonly queryId: string,
  ) {
    super(`query ${queryId} interrupted after ${timeoutMs} ms`);
  }
}
