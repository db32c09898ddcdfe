import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { LANDING_COLUMNS, type InspectionResult, type LandedObjectName, type LandingFileInspector } from '@ledgerline/cdc';
import { quoteLiteral } from '../connection/sql-text.ts';
import { withTempParquetFile } from './temp-parquet-file.ts';

const OPS = "('c','u','d','r','t')";
const JSON_COLUMNS = ['key_json', 'before_json', 'after_json'];

/**
 * LandingFileInspector on an in-memory DuckDB: reads the whole file (every column of every row is
 * decoded, so a corrupt page is found, not only a missing footer) and checks it against the
 * object's name before the warehouse sees it.
 */
export class DuckDbLandingFileInspector implements LandingFileInspector {
  private opening: Promise<{ instance: DuckDBInstance; connection: DuckDBConnection }> | undefined;

  async inspect(name: LandedObjectName, body: Uint8Array): Promise<InspectionResult> {
    const db = await this.connection();
    return withTempParquetFile(body, async (path) => {
      const source = `read_parquet(${quoteLiteral(path)}, file_row_number = true)`;
      let columns: Map<string, string>;
      try {
        const described = await db.runAndReadAll(`DESCRIBE SELECT * FROM ${source}`);
        columns = new Map(described.getRowObjectsJS().map((r) => [String(r.column_name), String(r.column_type)]));
      } catch (error) {
        return { ok: false, reason: `not a readable Parquet file: ${firstLine(error)}` };
      }
      for (const column of LANDING_COLUMNS) {
        const type = columns.get(column.name);
        if (type === undefined) return { ok: false, reason: `column ${column.name} is missing` };
        if (type !== column.type) return { ok: false, reason: `column ${column.name} is ${type}, expected ${column.type}` };
      }
      const required = LANDING_COLUMNS.filter((c) => !c.nullable).map((c) => `"${c.name}" IS NULL`).join(' OR ');
      const badJson = JSON_COLUMNS.map((c) => `(${c} IS NOT NULL AND NOT json_valid(${c}))`).join(' OR ');
      let stats: Record<string, unknown>;
      try {
        const reader = await db.runAndReadAll(
          `SELECT count(*)::BIGINT AS n, min("offset") AS first_offset, max("offset") AS last_offset,
                  count(*) FILTER (WHERE ${required}) AS missing_values,
                  count(*) FILTER (WHERE "partition" <> $partition) AS wrong_partition,
                  count(*) FILTER (WHERE source_schema <> $schema OR source_table <> $table) AS wrong_table,
                  count(*) FILTER (WHERE op NOT IN ${OPS}) AS bad_op,
                  count(*) FILTER (WHERE ${badJson}) AS bad_json,
                  count(*) FILTER (WHERE "offset" <= previous) AS out_of_order,
                  sum(length(topic) + coalesce(length(key_json), 0) + coalesce(length(before_json), 0) + coalesce(length(after_json), 0)
                      + length(snapshot) + lsn % 2 + coalesce(tx_id, 0) % 2 + source_ts_ms % 2 + ts_ms % 2) AS decoded
             FROM (SELECT *, lag("offset") OVER (ORDER BY file_row_number) AS previous FROM ${source})`,
          { partition: name.partition, schema: name.schema, table: name.table },
        );
        stats = reader.getRowObjectsJS()[0] ?? {};
      } catch (error) {
        return { ok: false, reason: `a value cannot be decoded: ${firstLine(error)}` };
      }
      const n = Number(stats.n);
      if (n === 0) return { ok: false, reason: 'the file has no rows (a landed file holds at least one event)' };
      const problems: Array<[string, string]> = [
        ['missing_values', 'rows with a null in a required column'],
        ['wrong_partition', `rows of another partition than ${name.partition}`],
        ['wrong_table', `rows of another table than ${name.schema}.${name.table}`],
        ['bad_op', 'rows with an op other than c, u, d, r, t'],
        ['bad_json', 'rows whose key/before/after is not valid JSON'],
        ['out_of_order', 'rows whose offset does not increase in file order'],
      ];
      for (const [field, what] of problems) {
        if (Number(stats[field]) > 0) return { ok: false, reason: `${Number(stats[field])} ${what}` };
      }
      const first = BigInt(String(stats.first_offset));
      const last = BigInt(String(stats.last_offset));
      if (first !== name.firstOffset || last !== name.lastOffset) {
        return { ok: false, reason: `offsets ${first}-${last} in the file differ from ${name.firstOffset}-${name.lastOffset} in its name` };
      }
      return { ok: true, rows: n };
    });
  }

  async close(): Promise<void> {
    const opening = this.opening;
    this.opening = undefined;
    const opened = await opening?.catch(() => undefined);
    opened?.connection.closeSync();
    opened?.instance.closeSync();
  }

  private async connection(): Promise<DuckDBConnection> {
    this.opening ??= DuckDBInstance.create(':memory:').then(async (instance) => ({ instance, connection: await instance.connect() }));
    return (await this.opening).connection;
  }
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? 'unknown error';
}
