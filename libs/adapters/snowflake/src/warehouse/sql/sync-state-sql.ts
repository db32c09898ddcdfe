import { rawTable, type RawTarget } from './identifiers.ts';
import { SYNC_STATE_TABLE } from './schema-ddl.ts';

/** Binds: table name. Read inside the batch transaction, before anything is loaded. */
export function selectSyncStateSql(target: RawTarget): string {
  return `SELECT "XMIN_HORIZON", "WATERMARK", "UPDATED_AT" FROM ${rawTable(target, SYNC_STATE_TABLE)} WHERE "TABLE_NAME" = ?`;
}

/**
 * Binds: table name, the batch's highest `_change_seq` (decimal text or NULL), the new horizon
 * (decimal text). `WATERMARK` only ever grows (informational); `XMIN_HORIZON` is the resume point.
 */
export function upsertSyncStateSql(target: RawTarget): string {
  return [
    `MERGE INTO ${rawTable(target, SYNC_STATE_TABLE)} AS t`,
    'USING (SELECT ? AS "TABLE_NAME", TO_NUMBER(?, 38, 0) AS "WATERMARK", TO_NUMBER(?, 38, 0) AS "XMIN_HORIZON") AS s',
    'ON t."TABLE_NAME" = s."TABLE_NAME"',
    'WHEN MATCHED THEN UPDATE SET',
    '  "WATERMARK" = CASE WHEN s."WATERMARK" IS NULL THEN t."WATERMARK" WHEN t."WATERMARK" IS NULL THEN s."WATERMARK" ELSE GREATEST(t."WATERMARK", s."WATERMARK") END,',
    '  "XMIN_HORIZON" = s."XMIN_HORIZON",',
    '  "UPDATED_AT" = CURRENT_TIMESTAMP()',
    'WHEN NOT MATCHED THEN INSERT ("TABLE_NAME", "WATERMARK", "XMIN_HORIZON", "UPDATED_AT")',
    '  VALUES (s."TABLE_NAME", s."WATERMARK", s."XMIN_HORIZON", CURRENT_TIMESTAMP())',
  ].join('\n');
}

/** Binds: table name. */
export function deleteSyncStateSql(target: RawTarget): string {
  return `DELETE FROM ${rawTable(target, SYNC_STATE_TABLE)} WHERE "TABLE_NAME" = ?`;
}

/** Every row, tombstones included (full refresh). */
export function deleteAllRowsSql(target: RawTarget, table: string): string {
  return `DELETE FROM ${rawTable(target, table)}`;
}
