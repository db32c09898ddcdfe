import { sqlString } from './identifiers.ts';

/** Shows up in QUERY_HISTORY, so warehouse admins can tell which sync (and table) ran what. */
export function setQueryTagSql(tag: string): string {
  return `ALTER SESSION SET QUERY_TAG = ${sqlString(tag)}`;
}

/**
 * Timestamps read back as text with microseconds and offset (`2026-10-03 08:15:00.123456+00:00`).
 * A JS Date would drop the microseconds the RAW contract keeps.
 */
export const TIMESTAMP_TEXT_FORMAT_SQL = `ALTER SESSION SET TIMESTAMP_TZ_OUTPUT_FORMAT = 'YYYY-MM-DD HH24:MI:SS.FF6TZH:TZM'`;
