import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { changeLogTableName, type ChangeLogWarehouse, type LoadObjectResult, type ManifestEntry, type ObjectToLoad } from '@ledgerline/cdc';
import { SnowflakeWarehouseClient, type ConnectSnowflake, type WarehouseSession } from '../warehouse/client.ts';
import { TerminalError, TransientError } from '@ledgerline/transactions';
import { classifySnowflakeError, describeSnowflakeError, snowflakeFailureKind } from '../warehouse/errors.ts';
import { createSchemaSql, useSchemaSql } from '../warehouse/sql/schema-ddl.ts';
import type { RawTarget } from '../warehouse/sql/identifiers.ts';
import {
  copyLandedFileSql,
  countStagedRowsSql,
  createCdcStageSql,
  createCdcStagingSql,
  createChangeLogTableSql,
  createManifestSql,
  deleteManifestEntrySql,
  deleteObjectRowsSql,
  insertManifestEntrySql,
  insertStagedRowsSql,
  putLandedFileSql,
  selectManifestEntrySql,
  selectManifestSql,
  stagePathOf,
} from './change-log-sql.ts';
import { checkCopyResult } from './copy-result.ts';

const manifestRowSchema = z.object({
  OBJECT_KEY: z.string(),
  ETAG: z.string(),
  ROWS: z.union([z.number(), z.string()]).transform(Number),
  TABLE_NAME: z.string(),
  // A JS Date from the driver: millisecond precision is all the manifest port carries.
  LOADED_AT: z.date(),
});

export interface SnowflakeChangeLogWarehouseDeps {
  connect: ConnectSnowflake;
  /** For error messages: account, user, URL; never a secret. */
  target: string;
  /** Fault tests: runs inside each load transaction just before COMMIT. */
  beforeCommit?: (key: string) => Promise<void>;
}

/**
 * The landing loader's warehouse on Snowflake (docs/cdc.md "On Snowflake"). Each landed Parquet
 * file is PUT into a path of its own on the session's temporary stage, and a session-temporary
 * staging table is made afresh (DDL and file transfer commit, so both run before BEGIN); then one transaction reads the manifest row (same key and etag:
 * nothing to do), runs `COPY INTO` from that path (MATCH_BY_COLUMN_NAME; the result must
 * say LOADED with the staged row count), deletes the rows and manifest row of an older version of
 * the same key (only then: DELETE takes a table lock), inserts the staged rows into
 * `RAW.CDC_<SCHEMA>_<TABLE>` and the manifest row; COMMIT. The same guarantees as
 * DuckDbChangeLogWarehouse: all of a file or none, the same key+etag loads nothing, a rewritten
 * object replaces its rows. One session per handle; its loads run one at a time.
 */
export class SnowflakeChangeLogWarehouse implements ChangeLogWarehouse {
  readonly kind = 'snowflake';
  private readonly client: SnowflakeWarehouseClient;
  private readonly ready = new Set<string>();

  constructor(
    private readonly raw: RawTarget,
    private readonly deps: SnowflakeChangeLogWarehouseDeps,
  ) {
    this.client = new SnowflakeWarehouseClient(deps.connect, deps.target);
  }

  async loadObject(object: ObjectToLoad, body: Uint8Array): Promise<LoadObjectResult> {
    const { name } = object;
    const table = changeLogTableName(name).toUpperCase();
    const scratch = await mkdtemp(join(tmpdir(), 'ledgerline-cdc-snowflake-'));
    // The staged file keeps the key's file name (<partition>-<first>-<last>.parquet), under a stage path of its own.
    const fileName = name.key.split('/').at(-1)!;
    const stagePath = stagePathOf(name.key);
    const local = join(scratch, fileName);
    try {
      await writeFile(local, body);
      return await this.unit(`load ${name.key} into ${table}`, async (session) => {
        await this.prepare(session, table);
        await session.execute(createCdcStagingSql());
        await session.execute(putLandedFileSql(local, stagePath));
        await session.execute('BEGIN');
        try {
          const entry = (await this.entries(session, selectManifestEntrySql(this.raw), name.key)).get(name.key);
          if (entry && entry.etag === object.etag) {
            await session.execute('ROLLBACK');
            return { outcome: 'already-loaded', entry };
          }
          const copied = await session.execute(copyLandedFileSql(stagePath));
          const rows = await count(session, countStagedRowsSql());
          checkCopyResult(name.key, fileName, copied.rows, rows);
          let replacedRows = 0;
          if (entry) {
            replacedRows = (await session.execute(deleteObjectRowsSql(this.raw, table), { binds: [name.key] })).numUpdatedRows ?? 0;
            await session.execute(deleteManifestEntrySql(this.raw), { binds: [name.key] });
          }
          await session.execute(insertStagedRowsSql(this.raw, table), { binds: [name.key] });
          await session.execute(insertManifestEntrySql(this.raw), { binds: [name.key, object.etag, rows, changeLogTableName(name)] });
          await this.deps.beforeCommit?.(name.key);
          await session.execute('COMMIT');
          return { outcome: 'loaded', rows, replacedRows };
        } catch (error) {
          await session.execute('ROLLBACK').catch(() => undefined);
          throw error;
        }
      });
    } finally {
      await rm(scratch, { recursive: true, force: true });
    }
  }

  async manifest(prefix: string): Promise<Map<string, ManifestEntry>> {
    return this.unit(`read the manifest under ${prefix}`, async (session) => {
      await this.prepare(session, null);
      return this.entries(session, selectManifestSql(this.raw), prefix);
    });
  }

  async close(): Promise<void> {
    await this.client.close();
  }

  /**
   * One unit of work on the session. A failure leaves as the domain's TransientError or
   * TerminalError naming what was being done; a lost session is dropped so the next unit logs in
   * again (the loader retries: the reconcile pass at the latest).
   */
  private async unit<T>(what: string, work: (session: WarehouseSession) => Promise<T>): Promise<T> {
    try {
      return await this.client.exclusive(work);
    } catch (error) {
      if (classifySnowflakeError(error) === 'reconnect') {
        await this.client.reset();
        this.ready.clear();
      }
      const kind = snowflakeFailureKind(error);
      if (!kind) throw error;
      const message = `${what}: ${describeSnowflakeError(error)}`;
      throw kind === 'transient' ? new TransientError(message, { cause: error }) : new TerminalError(message, { cause: error });
    }
  }

  /** Schema, manifest and the table's change log, once per session; the session's schema for the temporary table. */
  private async prepare(session: WarehouseSession, table: string | null): Promise<void> {
    if (!this.ready.has('')) {
      await session.execute(createSchemaSql(this.raw));
      await session.execute(useSchemaSql(this.raw));
      await session.execute(createManifestSql(this.raw));
      await session.execute(createCdcStageSql());
      this.ready.add('');
    }
    if (table && !this.ready.has(table)) {
      await session.execute(createChangeLogTableSql(this.raw, table));
      this.ready.add(table);
    }
  }

  private async entries(session: WarehouseSession, sql: string, bind: string): Promise<Map<string, ManifestEntry>> {
    const { rows } = await session.execute(sql, { binds: [bind] });
    return new Map(
      rows.map((raw) => {
        const row = manifestRowSchema.parse(raw);
        return [row.OBJECT_KEY, { key: row.OBJECT_KEY, etag: row.ETAG, rows: row.ROWS, table: row.TABLE_NAME, loadedAt: row.LOADED_AT.toISOString() }];
      }),
    );
  }
}

async function count(session: WarehouseSession, sql: string): Promise<number> {
  const { rows } = await session.execute<{ N: number | string }>(sql);
  return Number(rows[0]?.N ?? 0);
}
