import type { SyncTableSpec } from '@ledgerline/warehouse-sync';
import * as changeLog from '../../change-log/change-log-sql.ts';
import type { RawTarget } from './identifiers.ts';
import { acquireLockSql, releaseLockSql, renewLockSql, selectLockSql } from './lock-sql.ts';
import { mergeStagingSql } from './merge-sql.ts';
import {
  addColumnSql,
  createRawTableSql,
  createSchemaSql,
  createSyncLockSql,
  createSyncStateSql,
  describeTableSql,
  tableExistsSql,
  useSchemaSql,
} from './schema-ddl.ts';
import { createScratchSchemaSql, dropScratchSchemaSql, listScratchSchemasSql } from './scratch-sql.ts';
import { setQueryTagSql, TIMESTAMP_TEXT_FORMAT_SQL } from './session-sql.ts';
import { copyIntoStagingSql, createStagingSql, insertStagingSql, putStagingFileSql } from './staging-sql.ts';
import { deleteAllRowsSql, deleteSyncStateSql, selectSyncStateSql, upsertSyncStateSql } from './sync-state-sql.ts';

/** One statement the Snowflake warehouse can send, and the builder (and table) it came from. */
export interface RenderedStatement {
  readonly builder: string;
  readonly origin: string;
  readonly sql: string;
}

/**
 * Every statement builder of this folder, rendered for the given tables: the input of the
 * Snowflake dialect check (tools/snowflake-dialect). all-statements.spec.ts fails when a builder
 * is exported here but not rendered, so a new statement cannot skip the check.
 */
export function renderAllStatements(target: RawTarget, tables: readonly SyncTableSpec[]): RenderedStatement[] {
  const out: RenderedStatement[] = [];
  const add = (builder: string, sql: string, table = '') => out.push({ builder, origin: `adapter:${builder}${table ? `:${table}` : ''}`, sql });
  add('setQueryTagSql', setQueryTagSql('ledgerline:warehouse-sync:check'));
  add('TIMESTAMP_TEXT_FORMAT_SQL', TIMESTAMP_TEXT_FORMAT_SQL);
  add('createSchemaSql', createSchemaSql(target));
  add('useSchemaSql', useSchemaSql(target));
  add('createSyncStateSql', createSyncStateSql(target));
  add('createSyncLockSql', createSyncLockSql(target));
  add('tableExistsSql', tableExistsSql(target));
  add('acquireLockSql', acquireLockSql(target, 120));
  add('selectLockSql', selectLockSql(target));
  add('renewLockSql', renewLockSql(target, 120));
  add('releaseLockSql', releaseLockSql(target));
  add('selectSyncStateSql', selectSyncStateSql(target));
  add('upsertSyncStateSql', upsertSyncStateSql(target));
  add('deleteSyncStateSql', deleteSyncStateSql(target));
  add('putStagingFileSql', putStagingFileSql('/tmp/ledgerline-staging/batch-1.csv'));
  add('copyIntoStagingSql', copyIntoStagingSql('batch-1.csv.gz'));
  for (const spec of tables) {
    add('createRawTableSql', createRawTableSql(target, spec), spec.name);
    add('describeTableSql', describeTableSql(target, spec.name), spec.name);
    for (const column of spec.columns) add('addColumnSql', addColumnSql(target, spec.name, column), `${spec.name}.${column.name}`);
    add('createStagingSql', createStagingSql(spec), spec.name);
    add('insertStagingSql', insertStagingSql(spec), spec.name);
    add('mergeStagingSql', mergeStagingSql(target, spec), spec.name);
    add('deleteAllRowsSql', deleteAllRowsSql(target, spec.name), spec.name);
  }
  // The snowflake-smoke run's scratch schemas (src/scratch).
  add('createScratchSchemaSql', createScratchSchemaSql(target.database, 'LEDGERLINE_SMOKE_CHECK_RAW'));
  add('listScratchSchemasSql', listScratchSchemasSql(target.database));
  add('dropScratchSchemaSql', dropScratchSchemaSql(target.database, 'LEDGERLINE_SMOKE_CHECK_RAW'));
  // The CDC landing loader's statements (src/change-log), for one change-log table.
  const cdcTable = 'CDC_PUBLIC_CUSTOMERS';
  const cdc = (builder: string, sql: string) => out.push({ builder, origin: `adapter:cdc-load:${builder}`, sql });
  cdc('createChangeLogTableSql', changeLog.createChangeLogTableSql(target, cdcTable));
  cdc('createManifestSql', changeLog.createManifestSql(target));
  cdc('createCdcStagingSql', changeLog.createCdcStagingSql());
  const stagePath = changeLog.stagePathOf('cdc/public.customers/dt=2026-12-06/0-0-24.parquet');
  cdc('createCdcStageSql', changeLog.createCdcStageSql());
  cdc('putLandedFileSql', changeLog.putLandedFileSql('/tmp/ledgerline-cdc-snowflake-x/0-0-24.parquet', stagePath));
  cdc('copyLandedFileSql', changeLog.copyLandedFileSql(stagePath));
  cdc('countStagedRowsSql', changeLog.countStagedRowsSql());
  cdc('deleteObjectRowsSql', changeLog.deleteObjectRowsSql(target, cdcTable));
  cdc('insertStagedRowsSql', changeLog.insertStagedRowsSql(target, cdcTable));
  cdc('selectManifestEntrySql', changeLog.selectManifestEntrySql(target));
  cdc('selectManifestSql', changeLog.selectManifestSql(target));
  cdc('deleteManifestEntrySql', changeLog.deleteManifestEntrySql(target));
  cdc('insertManifestEntrySql', changeLog.insertManifestEntrySql(target));
  for (const control of ['BEGIN', 'COMMIT', 'ROLLBACK']) add('transaction', control);
  return out;
}
