import type { DataSource } from 'typeorm';

/**
 * Plain SQL for a library that brings its own statements (pg-boss, the flows' job library): the
 * shape of its database handle, `executeSql(text, values)` with `$n` parameters, rows back.
 */
export interface PooledDatabase {
  executeSql(text: string, values?: unknown[]): Promise<{ rows: unknown[] }>;
}

interface PgResult {
  rows?: unknown[];
}

/**
 * Each statement checks a connection out of the store's pool and gives it back. On PGlite that
 * pool is its one connection: a statement waits while a store transaction holds it, instead of
 * landing inside that transaction (which a second client of the same PGlite session would do),
 * and the library's own BEGIN ... COMMIT blocks (sent as one multi-statement text) run whole.
 * Errors pass through unclassified: the library reads their SQLSTATEs itself.
 */
export function pooledDatabase(dataSource: DataSource): PooledDatabase {
  return {
    async executeSql(text, values) {
      const runner = dataSource.createQueryRunner();
      try {
        // The driver's own client: a multi-statement text (no parameters) returns one result per
        // statement, which TypeORM's query() would drop.
        const client = (await runner.connect()) as { query(text: string, values?: unknown[]): Promise<PgResult | PgResult[]> };
        const result = await client.query(text, values?.length ? values : undefined);
        return { rows: Array.isArray(result) ? result.flatMap((r) => r.rows ?? []) : (result.rows ?? []) };
      } finally {
        await runner.release();
      }
    },
  };
}
