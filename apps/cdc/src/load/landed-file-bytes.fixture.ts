import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LandingRow } from '@ledgerline/cdc';
import { DuckDbParquetWriter } from '@ledgerline/duckdb';

/**
 * The bytes of a landed file as the landing writer makes it (DuckDbParquetWriter: LANDING_COLUMNS,
 * zstd), for the ChangeLogWarehouse contract. One writer per fixture; `close` frees it.
 */
export function landedFileBytes(): { write(rows: readonly LandingRow[]): Promise<Uint8Array>; close(): Promise<void> } {
  const writer = new DuckDbParquetWriter();
  return {
    async write(rows) {
      const dir = await mkdtemp(join(tmpdir(), 'landed-file-'));
      try {
        const path = join(dir, 'file.parquet');
        await writer.write(rows, path);
        return new Uint8Array(await readFile(path));
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },
    close: () => writer.close(),
  };
}
