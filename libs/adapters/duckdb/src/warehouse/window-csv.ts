import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { SyncTableSpec, WindowExport } from '@ledgerline/warehouse-sync';
import { quoteLiteral } from '../connection/sql-text.ts';
import { DUCKDB_TYPES } from './raw-table-ddl.ts';

/** A window export spooled to a temp file, and the read_csv relation over it. */
export interface SpooledWindow {
  readonly relation: string;
  remove(): void;
}

/**
 * Writes the export's chunks to a private temp file as they arrive (Postgres keeps streaming
 * while the disk writes), for DuckDB's parallel CSV reader. The file is removed by remove();
 * a crash leaves only a temp file (the warehouse transaction never committed).
 */
export async function spoolWindow(windowExport: WindowExport): Promise<SpooledWindow> {
  const dir = mkdtempSync(join(tmpdir(), 'ledgerline-sync-'));
  const remove = () => rmSync(dir, { recursive: true, force: true });
  const file = join(dir, `${windowExport.table.name}.csv`);
  try {
    await pipeline(Readable.from(windowExport.chunks, { objectMode: false }), createWriteStream(file));
  } catch (error) {
    remove();
    throw error;
  }
  return { relation: readWindowCsvSql(windowExport.table, file), remove };
}

/**
 * read_csv in the WindowExport layout with the RAW types themselves (the export is Postgres'
 * text output: decimals, ISO timestamps with offset, t/f), so DuckDB parses each value once while
 * reading instead of casting VARCHAR afterwards. No sniffing; NULL only as an empty unquoted
 * field (`""` stays an empty string).
 */
export function readWindowCsvSql(spec: SyncTableSpec, file: string): string {
  const columns = [
    ...spec.columns.map((c) => `${quoteLiteral(c.name)}: ${quoteLiteral(DUCKDB_TYPES[c.type])}`),
    `'_change_seq': 'BIGINT'`,
    `'_deleted': 'BOOLEAN'`,
  ];
  return `read_csv(${quoteLiteral(file)}, auto_detect = false, header = false, delim = ',', quote = '"', escape = '"',
    nullstr = '', allow_quoted_nulls = false, columns = {${columns.join(', ')}})`;
}
