import { SqlRejectedError, validateReadOnlySql, type AnalyticsStore } from '@ledgerline/analytics';
import { z } from 'zod';
import { defineTool, ToolError } from './agent-tool.ts';
import { withTimeout } from './with-timeout.ts';

export interface SqlToolOptions {
  /** AGENT_SQL_ROW_LIMIT: rows returned at most (the statement is wrapped with LIMIT n + 1). */
  readonly maxRows: number;
  /** Relations the query may read (see sqlAllowList); resolved once, on first use. */
  readonly allowedRelations: () => Promise<readonly string[]>;
  /** How long a query may run before the agent gives up on it. */
  readonly timeoutMs: number;
}

/** How much longer than its own timeout the tool waits for a store to report the interruption. */
const SQL_TIMEOUT_GRACE_MS = 2_000;

export const sqlArgsSchema = z.object({
  query: z.string().min(1).max(20_000).describe('one read-only SELECT (or WITH ... SELECT) statement'),
});

/**
 * The `sql` tool: one read-only statement, checked by validateReadOnlySql (single SELECT, no
 * writes, no file or environment functions, allow-listed relations) BEFORE anything runs, then
 * run by the store (which validates again, on a read-only path) under a row limit and a
 * timeout. The SQL as run is returned so that the answer can show it.
 */
export function createSqlTool(store: AnalyticsStore, options: SqlToolOptions) {
  let allowList: Promise<readonly string[]> | undefined;
  return defineTool({
    name: 'sql',
    description:
      `Runs ONE read-only SQL SELECT (DuckDB dialect) over the raw tables (raw.customers, raw.accounts, raw.transactions; ` +
      `filter NOT _deleted) and the dbt marts. At most ${options.maxRows} rows come back. Writes, several statements and ` +
      `other relations are refused. Use only when no named metric fits.`,
    schema: sqlArgsSchema,
    async run({ query }) {
      allowList ??= options.allowedRelations();
      const allowedRelations = await allowList;
      let statement: string;
      try {
        statement = validateReadOnlySql(query, { maxRows: options.maxRows, allowedRelations }).statement;
      } catch (error) {
        if (error instanceof SqlRejectedError) throw new ToolError(error.message, { cause: error });
        throw error;
      }
      // The store interrupts the statement at the tool's timeout, so an abandoned query does not
      // hold the connection for the next question; the race is a backstop for a store that cannot.
      const run = store
        .runReadOnlySql(statement, { maxRows: options.maxRows, allowedRelations, timeoutMs: options.timeoutMs })
        .catch((error: unknown) => {
          if (error instanceof Error && /interrupt/i.test(error.message)) {
            throw new ToolError(`the SQL query did not finish within ${options.timeoutMs} ms and was interrupted`, { cause: error });
          }
          throw error;
        });
      const result = await withTimeout(run, options.timeoutMs + SQL_TIMEOUT_GRACE_MS, 'the SQL query', options.timeoutMs);
      return {
        content: { columns: result.columns, rows: result.rows, rowCount: result.rows.length, truncated: result.truncated },
        sql: result.sql,
        sources: [{ kind: 'sql', sql: result.sql }],
      };
    },
  });
}
