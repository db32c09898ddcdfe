import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Writes bytes to a private temp file for DuckDB's read_parquet (it reads files, not buffers) and removes it afterwards. */
export async function withTempParquetFile<T>(body: Uint8Array, work: (path: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), 'ledgerline-landed-'));
  try {
    const path = join(dir, 'object.parquet');
    await writeFile(path, body);
    return await work(path);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
