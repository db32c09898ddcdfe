import { parseLandingFileKey, type LandingFileKey } from '../landing/landing-file.ts';

/** A landed object's key and what its name says (landing/landing-file.ts is the layout). */
export interface LandedObjectName extends LandingFileKey {
  key: string;
}

export type ParsedLandedKey = { ok: true; name: LandedObjectName } | { ok: false; reason: string };

// The warehouse table is named from schema and table: keep them plain lower-case identifiers,
// which mean the same unquoted in DuckDB and Snowflake.
const WAREHOUSE_IDENT = /^[a-z_][a-z0-9_]{0,62}$/;

/** Parses a landed object's key under `prefix`; a refusal says why it is not a file to load. */
export function parseLandedObjectKey(key: string, prefix: string): ParsedLandedKey {
  const parsed = parseLandingFileKey(key, prefix);
  if (!parsed) return { ok: false, reason: `key ${key} is not ${prefix}/<schema>.<table>/dt=YYYY-MM-DD/<partition>-<firstOffset>-<lastOffset>.parquet` };
  for (const part of [parsed.schema, parsed.table]) {
    if (!WAREHOUSE_IDENT.test(part)) return { ok: false, reason: `key ${key}: ${JSON.stringify(part)} is not a lower-case identifier, so it has no RAW change-log table` };
  }
  return { ok: true, name: { ...parsed, key } };
}

/** The RAW change-log table a landed table's rows go to (`cdc_<schema>_<table>`). */
export function changeLogTableName(name: Pick<LandedObjectName, 'schema' | 'table'>): string {
  return `cdc_${name.schema}_${name.table}`;
}
