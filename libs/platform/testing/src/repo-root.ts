import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let cached: string | undefined;

/** The monorepo root: the nearest ancestor of this file holding `nx.json` (works from any cwd). */
export function repoRoot(): string {
  if (cached) return cached;
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'nx.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error('repoRoot: no nx.json above libs/platform/testing');
    dir = parent;
  }
  cached = dir;
  return dir;
}
