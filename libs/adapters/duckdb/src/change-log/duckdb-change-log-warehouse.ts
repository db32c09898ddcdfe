import type { DuckDBConnection } from '@duckdb/node-api';
import { changeLogTableName, type ChangeLogWarehouse, type LoadObjectResult, type ManifestEntry, type ObjectToLoad } from '@ledgerline/cdc';
import { leaseDuckDb, type DuckDbLease } from '../connection/shared-instances.ts';
import { microsToIso, quoteIdentifier as q, quoteLiteral } from '../connection/sql-text.ts';
import { changeLogTable, createChangeLogTableSql, createManifestSql, MANIFEST_TABLE, SELECT_LANDED_COLUMNS_SQL } from './change-log-ddl.ts';
import { withTempParquetFile } from './temp-parquet-file.ts';

export interface DuckDbChangeLogWarehouseOptions {
  /** The warehouse file (WAREHOUSE_DUCKDB_PATH). */
  path: string;
  /** Default `raw`. */
  schema?: string;
  /** Test hook: runs inside the load transaction just before COMMIT (fault tests kill the process here). */
  beforeCommit?: (key: string) => Promise<void>;
  now?: () => Date;
}

/**
 * ChangeLogWarehouse on the DuckDB warehouse file: `read_parquet` of the landed file into
 * `raw.cdc_<schema>_<table>`, manifest in `raw._cdc_manifest`, both in one DuckDB transaction.
 * DuckDB writes a transaction to its WAL only at COMMIT, so a process killed before it leaves
 * neither rows nor manifest row behind.
 */
export class DuckDbChangeLogWarehouse implements ChangeLogWarehouse {
  readonly kind = 'duckdb';
  private readonly schema: string;
  private lease: Promise<DuckDbLease> | undefined;

  constructor(private readonly options: DuckDbChangeLogWarehouseOptions) {
    this.schema = options.schema ?? 'raw';
  }

  async loadObject(object: ObjectToLoad, body: Uint8Array): Promise<LoadObjectResult> {
    const db = await this.connection();
    const { name } = object;
    await db.run(createChangeLogTableSql(this.schema, name));
    return withTempParquetFile(body, async (path) => {
      await db.run('BEGIN TRANSACTION');
      try {
        const existing = await this.entries(db, `WHERE object_key = $key`, { key: name.key });
        const entry = existing.get(name.key);
        if (entry && entry.etag === object.etag) {
          await db.run('ROLLBACK');
          return { outcome: 'already-loaded', entry };
        }
        const table = changeLogTable(this.schema, name);
        const replaced = await db.run(`DELETE FROM ${table} WHERE _object_key = $key`, { key: name.key });
        const loadedAt = (this.options.now?.() ?? new Date()).toISOString();
        const inserted = await db.run(
          `INSERT INTO ${table} SELECT ${SELECT_LANDED_COLUMNS_SQL} FROM read_parquet(${quoteLiteral(path)}) ORDER BY "offset"`,
          { key: name.key, loaded_at: loadedAt },
        );
        const rows = Number(inserted.rowsChanged);
        await db.run(
          `INSERT INTO ${q(this.schema)}.${q(MANIFEST_TABLE)} (object_key, etag, "rows", table_name, loaded_at)
           VALUES ($key, $etag, $rows, $table, CAST($loaded_at AS TIMESTAMPTZ))
           ON CONFLICT (object_key) DO UPDATE SET etag = excluded.etag, "rows" = excluded."rows",
             table_name = excluded.table_name, loaded_at = excluded.loaded_at`,
          { key: name.key, etag: object.etag, rows, table: changeLogTableName(name), loaded_at: loadedAt },
        );
        await this.options.beforeCommit?.(name.key);
        await db.run('COMMIT');
        return { outcome: 'loaded', rows, replacedRows: Number(replaced.rowsChanged) };
      } catch (error) {
        await db.run('ROLLBACK').catch(() => undefined);
        throw error;
      }
    });
  }

  async manifest(prefix: string): Promise<Map<string, ManifestEntry>> {
    const db = await this.connection();
    return this.entries(db, `WHERE starts_with(object_key, $prefix)`, { prefix });
  }

  async close(): Promise<void> {
    const lease = this.lease;
    this.lease = undefined;
    if (lease) (await lease.catch(() => undefined))?.release();
  }

  private async entries(db: DuckDBConnection, where: string, values: Record<string, string>): Promise<Map<string, ManifestEntry>> {
    const reader = await db.runAndReadAll(
      `SELECT object_key, etag, "rows", table_name, epoch_us(loaded_at) AS loaded_us FROM ${q(this.schema)}.${q(MANIFEST_TABLE)} ${where} ORDER BY object_key`,
      values,
    );
    return new Map(
      reader.getRowObjectsJS().map((r) => {
        const entry: ManifestEntry = {
          key: String(r.object_key),
          etag: String(r.etag),
          rows: Number(r.rows),
          table: String(r.table_name),
          loadedAt: microsToIso(BigInt(String(r.loaded_us))),
        };
        return [entry.key, entry];
      }),
    );
  }

  private async connection(): Promise<DuckDBConnection> {
    if (!this.lease) {
      const opening = leaseDuckDb(this.options.path).then(async (lease) => {
        try {
          await lease.connection.run(`CREATE SCHEMA IF NOT EXISTS ${q(this.schema)}`);
          await lease.connection.run(createManifestSql(this.schema));
          return lease;
        } catch (error) {
          lease.release();
          throw error;
        }
      });
      opening.catch(() => {
        if (this.lease === opening) this.lease = undefined;
      });
      this.lease = opening;
    }
    return (await this.lease).connection;
  }
}
