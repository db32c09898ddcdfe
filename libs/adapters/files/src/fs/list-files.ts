import { readdir } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * Regular files in a folder (not recursive), sorted by name, skipping hidden files — which
 * includes the temp files of writeFileAtomic and partial uploads by convention.
 */
export async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch((error: unknown) => {
    if (typeof error === 'object' && error !== null && 'code' in error && error.code === 'ENOENT') return [];
    throw error;
  });
  return entries
    .filter((e) => e.isFile() && !e.name.startsWith('.'))
    .map((e) => e.name)
    .sort()
    .map((name) => join(dir, name));
}
