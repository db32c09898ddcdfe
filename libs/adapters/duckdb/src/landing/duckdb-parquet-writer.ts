import type { DuckDBAppender, DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { LANDING_COLUMNS, landingColumnsSql, type LandingRow, type ParquetFileWriter } from '@ledgerline/cdc';
import { quoteLiteral } from '../connection/sql-text.ts';

const TABLE = 'landing_rows';

type Append = (appender: DuckDBAppender, value: LandingRow[keyof LandingRow]) => void;
const byType: Record<(typeof LANDING_COLUMNS)[number]['type'], Append> = {
  VARCHAR: (a, v) => (v === null ? a.appendNull() : a.appendVarchar(String(v))),
  INTEGER: (a, v) => (v === null ? a.appendNull() : a.appendInteger(Number(v))),
  BIGINT: (a, v) => (v === null ? a.appendNull() : a.appendBigInt(BigInt(v))),
};

/**
 * Landing rows -> one Parquet file through DuckDB: appended into an in-memory table with the
 * agreed columns (LANDING_COLUMNS), then `COPY ... TO ... (FORMAT parquet)`. DuckDB keeps insertion
 * order, so rows stay in offset order. One in-memory database per writer, reused per file.
 */
export class DuckDbParquetWriter implements ParquetFileWriter {
  private connection?: Promise<{ instance: DuckDBInstance; db: DuckDBConnection }>;

  async write(rows: readonly LandingRow[], path: string): Promise<void> {
    const { db } = await (this.connection ??= open());
    await db.run(`CREATE OR REPLACE TABLE ${TABLE} (${landingColumnsSql()})`);
    const appender = await db.createAppender(TABLE);
    try {
      for (const row of rows) {
        for (const column of LANDING_COLUMNS) byType[column.type](appender, row[column.name]);
        appender.endRow();
      }
      appender.flushSync();
    } finally {
      appender.closeSync();
    }
    await db.run(`COPY ${TABLE} TO ${quoteLiteral(path)} (FORMAT parquet, COMPRESSION zstd)`);
    await db.run(`DROP TABLE ${TABLE}`);
  }

  async close(): Promise<void> {
    if (!this.connection) return;
    const { instance, db } = await this.connection;
    db.closeSync();
    instance.closeSync();
    this.connection = undefined;
  }
}

async function open(): Promise<{ instance: DuckDBInstance; db: DuckDBConnection }> {
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const instance = await DuckDBInstance.create(':memory:', { threads: '1', memory_limit: '256MB' });
  return { instance, db: await instance.connect() };
}
