import type { DuckDBConnection, DuckDBValue } from '@duckdb/node-api';

/** How long one named statement of a refresh took. */
export interface RefreshStepTiming {
  readonly step: string;
  readonly ms: number;
}

/**
 * The statements of one refresh, each under a name: timed (the report says where the time went)
 * and announced to `onStep` before it runs (fault tests kill the process there).
 */
export class RefreshSteps {
  readonly timings: RefreshStepTiming[] = [];

  constructor(
    private readonly db: DuckDBConnection,
    private readonly onStep?: (step: string) => void,
  ) {}

  async run(step: string, sql: string, params?: Record<string, DuckDBValue>): Promise<void> {
    await this.timed(step, () => this.db.run(sql, params));
  }

  /** A query's first row's `n` (a count). */
  async count(step: string, sql: string, params?: Record<string, DuckDBValue>): Promise<number> {
    const reader = await this.timed(step, () => this.db.runAndReadAll(sql, params));
    return Number(reader.getRowObjectsJS()[0]?.n ?? 0);
  }

  /** A query's rows as plain JS objects (small results only). */
  async rows(step: string, sql: string, params?: Record<string, DuckDBValue>): Promise<Record<string, unknown>[]> {
    const reader = await this.timed(step, () => this.db.runAndReadAll(sql, params));
    return reader.getRowObjectsJS() as Record<string, unknown>[];
  }

  /** A DML statement's affected row count (DuckDB answers it as the one value of its result). */
  async affected(step: string, sql: string): Promise<number> {
    const reader = await this.timed(step, () => this.db.runAndReadAll(sql));
    const first = reader.getRowsJS()[0]?.[0];
    return Number(first ?? 0);
  }

  private async timed<T>(step: string, work: () => Promise<T>): Promise<T> {
    this.onStep?.(step);
    const started = performance.now();
    try {
      return await work();
    } finally {
      this.timings.push({ step, ms: performance.now() - started });
    }
  }
}
